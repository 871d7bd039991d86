package dev.redisfromscratch.strings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.redisfromscratch.client.Client;
import dev.redisfromscratch.command.CommandCall;
import dev.redisfromscratch.protocol.InlineFramer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** {@link SetOptions#expireAtOrReply(CommandCall, SetOptions.Expiry, byte[], long, String)}: SET's time check, shared by SETEX, PSETEX and GETEX. */
class SetOptionsTest {
    private static final long NOW = 1_700_000_000_000L;

    private final CommandCall call = new CommandCall(new Client("127.0.0.1:1", new InlineFramer()),
            List.of(bytes("SETEX"), bytes("k"), bytes("10"), bytes("v")));

    private OptionalLong expireAt(SetOptions.Expiry expiry, String value) {
        return SetOptions.expireAtOrReply(call, expiry, bytes(value), NOW, "setex");
    }

    private String reply() {
        return new String(call.reply().toByteArray(), StandardCharsets.ISO_8859_1);
    }

    @Test
    void relativeTimesAreAddedToNowAndAbsoluteOnesKept() {
        assertThat(expireAt(SetOptions.Expiry.EX, "10")).hasValue(NOW + 10_000);
        assertThat(expireAt(SetOptions.Expiry.PX, "10")).hasValue(NOW + 10);
        assertThat(expireAt(SetOptions.Expiry.EXAT, "10")).hasValue(10_000);
        assertThat(expireAt(SetOptions.Expiry.PXAT, "10")).hasValue(10);
        assertThat(reply()).isEmpty();
    }

    @Test
    void aBadNumberGetsTheIntegerError() {
        assertThat(expireAt(SetOptions.Expiry.EX, "ten")).isEmpty();
        assertThat(reply()).isEqualTo("-ERR value is not an integer or out of range\r\n");
    }

    @Test
    void zeroNegativeOrOverflowingTimesNameTheCommand() {
        assertThat(expireAt(SetOptions.Expiry.EX, "0")).isEmpty();
        assertThat(expireAt(SetOptions.Expiry.PX, "-1")).isEmpty();
        assertThat(expireAt(SetOptions.Expiry.EX, Long.toString(Long.MAX_VALUE / 1000 + 1))).isEmpty();
        assertThat(expireAt(SetOptions.Expiry.PX, Long.toString(Long.MAX_VALUE))).isEmpty(); // + now wraps
        assertThat(reply()).isEqualTo("-ERR invalid expire time in 'setex' command\r\n".repeat(4));
    }

    @Test
    void onlyTimeOptionsHaveATime() {
        assertThatThrownBy(() -> expireAt(SetOptions.Expiry.KEEPTTL, "1")).isInstanceOf(IllegalArgumentException.class);
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
