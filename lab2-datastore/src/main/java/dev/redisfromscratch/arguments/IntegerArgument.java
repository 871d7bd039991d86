package dev.redisfromscratch.arguments;

import dev.redisfromscratch.command.CommandCall;
import dev.redisfromscratch.command.ErrorReplies;
import dev.redisfromscratch.protocol.Numbers;
import java.util.OptionalLong;

/**
 * Reads a command argument as a signed 64-bit integer, as strictly as Redis does.
 *
 * <p>Accepted: an optional {@code -} followed by decimal digits, the first of which is not
 * {@code 0} (or exactly {@code "0"}), fitting in a {@code long}, at most 20 bytes. Rejected: an
 * empty string, {@code +5}, {@code 007}, {@code -0}, {@code " 5"}, {@code 5s}, {@code 1e3} and
 * anything beyond {@code Long.MIN_VALUE .. Long.MAX_VALUE}. A rejected argument gets
 * {@code -ERR value is not an integer or out of range}.
 *
 * <p>The rules are {@link Numbers#string2ll}'s. Redis: {@code util.c}, {@code string2ll}; {@code object.c}, {@code getLongLongFromObjectOrReply}.
 */
public final class IntegerArgument {
    private IntegerArgument() {
    }

    /**
     * @param bytes the argument
     * @return its value, or empty if it is not a valid 64-bit integer
     */
    public static OptionalLong parse(byte[] bytes) {
        try {
            return OptionalLong.of(Numbers.string2ll(bytes));
        } catch (Numbers.NotANumber e) {
            return OptionalLong.empty();
        }
    }

    /**
     * Parses argument {@code index}, or replies {@code -ERR value is not an integer or out of range}.
     *
     * @return the value, or empty after the error has been replied
     */
    public static OptionalLong parseOrReply(CommandCall call, int index) {
        OptionalLong value = parse(call.arg(index));
        if (value.isEmpty()) {
            call.reply().error(ErrorReplies.NOT_AN_INTEGER);
        }
        return value;
    }
}
