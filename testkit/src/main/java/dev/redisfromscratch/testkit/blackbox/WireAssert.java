package dev.redisfromscratch.testkit.blackbox;

import java.nio.charset.StandardCharsets;

/**
 * Byte-for-byte comparison of two whole exchanges, for parity tests that send the same bytes to a
 * lab's server and to a real {@code redis-server}. A difference fails with the same teaching
 * message as {@link WireClient}: bytes escaped, first difference, hint.
 */
public final class WireAssert {
    private WireAssert() {}

    /**
     * @param sent the request bytes both servers got (Latin-1 text)
     * @param expected what real Redis sent back, up to its closing the connection
     * @param received what the lab's server sent back, up to its closing the connection
     * @throws AssertionError if they differ
     */
    public static void sameReplies(String sent, String expected, String received) {
        if (expected.equals(received)) {
            return;
        }
        byte[] exp = expected.getBytes(StandardCharsets.ISO_8859_1);
        byte[] got = received.getBytes(StandardCharsets.ISO_8859_1);
        int at = 0;
        while (at < exp.length && at < got.length && exp[at] == got[at]) {
            at++;
        }
        throw new AssertionError("our server's replies differ from real Redis's\n"
                + "  sent:     " + Wire.quote(sent.getBytes(StandardCharsets.ISO_8859_1)) + "   (in one write)\n"
                + "  expected: " + Wire.quote(exp) + "   (real Redis's replies, then it closed)\n"
                + "  received: " + Wire.quote(got) + "   (ours, then it closed)\n"
                + Diagnosis.explain(exp, got, at, "CLOSED", 0, 1, 0));
    }
}
