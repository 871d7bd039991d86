package dev.redisfromscratch.testkit.blackbox;

import java.nio.charset.StandardCharsets;

/**
 * Hints for the usual mistakes behind a wrong reply, shown under a failed black-box check. Each
 * hint names the mistake and the fix; none is certain, so they are worded as questions where the
 * bytes cannot tell.
 */
final class Diagnosis {
    private Diagnosis() {}

    static final String CONNECT_REFUSED = "nothing accepts connections there. Is the server running and bound to that "
            + "address? If it failed with 'Address already in use' right after a restart, set SO_REUSEADDR before "
            + "bind (ServerSocket.setReuseAddress(true)): the old connections linger in TIME_WAIT.";

    static final String SHOULD_CLOSE = "Redis replies to QUIT and to a protocol error, then closes the connection "
            + "(Redis: networking.c, CLIENT_CLOSE_AFTER_REPLY).";

    /**
     * The lines under the bytes: where they first differ, and a hint when one applies.
     *
     * @see #hint
     */
    static String explain(byte[] expected, byte[] received, int at, String ending, int replyIndex, int batchSize,
            int repliesBefore) {
        StringBuilder sb = new StringBuilder();
        sb.append("  first difference at byte ").append(at).append(" of the reply: expected ")
                .append(Wire.describeByte(at < expected.length ? expected[at] & 0xff : -1))
                .append(", got ").append(Wire.describeByte(at < received.length ? received[at] & 0xff : -1)).append('\n');
        String hint = hint(expected, received, at, ending, replyIndex, batchSize, repliesBefore);
        if (hint != null) {
            sb.append("  hint: ").append(hint).append('\n');
        }
        return sb.toString();
    }

    /**
     * @param expected the expected reply
     * @param received what arrived instead
     * @param at the index of the first differing byte
     * @param ending how the wait ended: DATA (a differing byte), TIMEOUT, CLOSED or RESET
     * @param replyIndex which reply of the batch this is (0-based)
     * @param batchSize how many requests the batch had
     * @param repliesBefore replies already matched on this connection
     * @return the hint, or null when there is nothing useful to add
     */
    static String hint(byte[] expected, byte[] received, int at, String ending, int replyIndex, int batchSize, int repliesBefore) {
        String exp = new String(expected, StandardCharsets.ISO_8859_1);
        String got = new String(received, StandardCharsets.ISO_8859_1);
        if (missingCrlf(exp, got, at)) {
            return "every RESP line ends with \\r\\n (CR LF, bytes 0x0d 0x0a). This reply came without it, so a client "
                    + "waits for the rest of the line. Did you forget \"\\r\\n\", or write only \"\\n\" (println)?";
        }
        if (received.length == 0 && ending.equals("TIMEOUT")) {
            if (replyIndex > 0 && batchSize > 1) {
                return "only " + replyIndex + " of the " + batchSize + " pipelined requests were answered. One read() "
                        + "can carry several commands: after answering one, look for another complete command in "
                        + "the buffer before reading again (Redis: networking.c, processInputBuffer).";
            }
            return "the server sent nothing. Is the reply written and flushed (a BufferedOutputStream or PrintWriter "
                    + "needs flush())? Does the server wait for input that already came, e.g. for \"\\r\\n\" when the "
                    + "line ended in \"\\n\", or for a second read when the whole request came in one?";
        }
        if (received.length == 0 && (ending.equals("CLOSED") || ending.equals("RESET"))) {
            if (repliesBefore > 0 || replyIndex > 0) {
                return "the server closed the connection after its previous reply. A client sends many commands on "
                        + "one connection: keep serving it until it leaves (read returns -1) or sends QUIT.";
            }
            return "the server closed the connection without answering. Did it crash or throw? Look at its log.";
        }
        if ((ending.equals("CLOSED") || ending.equals("RESET")) && at >= received.length) {
            return "the server closed the connection in the middle of the reply. Did it crash while writing?";
        }
        if (!exp.isEmpty() && !got.isEmpty() && exp.charAt(0) != got.charAt(0)) {
            return "wrong reply type: expected " + type(exp.charAt(0)) + ", got " + type(got.charAt(0)) + ".";
        }
        if (exp.startsWith("-") && got.startsWith("-")) {
            return "error texts must be Redis's, exactly: the same words, case and quotes, because clients and "
                    + "people match on them.";
        }
        if (exp.startsWith("$") && got.startsWith("$") && !lengthLine(exp).equals(lengthLine(got))) {
            return "a bulk string's length counts bytes (not chars), without the \\r\\n that ends the payload.";
        }
        return null;
    }

    /** The bytes differ exactly where the expected reply has a line ending the received one lacks. */
    private static boolean missingCrlf(String exp, String got, int at) {
        return at > 0 && exp.startsWith("\r\n", at) && !got.contains("\r\n");
    }

    private static String lengthLine(String s) {
        int end = s.indexOf('\r');
        return end < 0 ? s : s.substring(0, end);
    }

    private static String type(char c) {
        switch (c) {
            case '+': return "a simple string ('+')";
            case '-': return "an error ('-')";
            case ':': return "an integer (':')";
            case '$': return "a bulk string ('$')";
            case '*': return "an array ('*')";
            default: return "'" + c + "', which starts no RESP2 type";
        }
    }
}
