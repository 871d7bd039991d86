package dev.redisfromscratch.testkit.blackbox;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The teaching message: escaped bytes, the first difference, and the hint for the usual mistake. */
class WireAssertTest {

    @Test
    void equalRepliesPass() {
        assertThatCode(() -> WireAssert.sameReplies("PING\r\n", "+PONG\r\n", "+PONG\r\n")).doesNotThrowAnyException();
    }

    @Test
    void lfInsteadOfCrlfIsNamed() {
        assertThatThrownBy(() -> WireAssert.sameReplies("PING\r\n", "+PONG\r\n", "+PONG\n"))
                .hasMessageContaining("received: \"+PONG\\n\"")
                .hasMessageContaining("first difference at byte 5 of the reply: expected '\\r' (0x0d), got '\\n' (0x0a)")
                .hasMessageContaining("write only \"\\n\" (println)?");
    }

    @Test
    void wrongReplyTypeIsNamed() {
        assertThatThrownBy(() -> WireAssert.sameReplies("GET k\r\n", "$1\r\nv\r\n", "+v\r\n"))
                .hasMessageContaining("wrong reply type: expected a bulk string ('$'), got a simple string ('+')");
    }

    @Test
    void bulkLengthInCharsIsNamed() {
        assertThatThrownBy(() -> WireAssert.sameReplies("ECHO x\r\n", "$2\r\n\u00e9\u00e9\r\n", "$1\r\n\u00e9\u00e9\r\n"))
                .hasMessageContaining("counts bytes (not chars)");
    }

    @Test
    void errorTextMustBeRedisExactly() {
        assertThatThrownBy(() -> WireAssert.sameReplies("FOO\r\n", "-ERR unknown command 'FOO', with args beginning with: \r\n",
                "-ERR unknown command FOO\r\n"))
                .hasMessageContaining("error texts must be Redis's, exactly");
    }

    @Test
    void longPayloadsAreShortenedInTheMiddle() {
        byte[] big = "x".repeat(1000).getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        org.assertj.core.api.Assertions.assertThat(Wire.quote(big, 10))
                .isEqualTo("\"xxxxxxxxxx\"...(980 more bytes)...\"xxxxxxxxxx\"");
    }
}
