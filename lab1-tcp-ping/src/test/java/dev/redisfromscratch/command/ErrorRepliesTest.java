package dev.redisfromscratch.command;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class ErrorRepliesTest {
    private static List<byte[]> args(String... a) {
        return Arrays.stream(a).map(s -> s.getBytes(StandardCharsets.ISO_8859_1)).toList();
    }

    @Test
    void unknownCommandQuotesEachArgumentFollowedByASpace() {
        assertThat(ErrorReplies.unknownCommand(args("FROBNICATE", "a", "b")))
                .isEqualTo("ERR unknown command 'FROBNICATE', with args beginning with: 'a' 'b' ");
    }

    @Test
    void unknownCommandWithoutArgumentsEndsInASpace() {
        assertThat(ErrorReplies.unknownCommand(args("foo")))
                .isEqualTo("ERR unknown command 'foo', with args beginning with: ");
    }

    @Test
    void unknownCommandCutsNameAndArgumentsAt128Bytes() {
        String longName = "n".repeat(200);
        String longArg = "a".repeat(200);
        String reply = ErrorReplies.unknownCommand(args(longName, longArg, "never-shown"));
        assertThat(reply).isEqualTo("ERR unknown command '" + "n".repeat(128)
                + "', with args beginning with: '" + "a".repeat(128) + "' ");
    }

    @Test
    void argumentsStopOnceTheQuotedTextReaches128Bytes() {
        // Each 'xxxxxxxxxx'<space> adds 13 bytes. After nine (117 bytes) there is room for a
        // tenth (up to 11 bytes of it); after ten (130 >= 128) Redis stops.
        String[] a = new String[16];
        a[0] = "nope";
        Arrays.fill(a, 1, 16, "x".repeat(10));
        String reply = ErrorReplies.unknownCommand(args(a));
        assertThat(reply).endsWith(("'" + "x".repeat(10) + "' ").repeat(10));
        assertThat(reply).doesNotEndWith(("'" + "x".repeat(10) + "' ").repeat(11));
    }

    @Test
    void wrongArityNamesTheCommandInLowerCase() {
        assertThat(ErrorReplies.wrongArity("get")).isEqualTo("ERR wrong number of arguments for 'get' command");
    }
}
