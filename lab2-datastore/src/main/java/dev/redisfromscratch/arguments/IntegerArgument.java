package dev.redisfromscratch.arguments;

import dev.redisfromscratch.command.CommandCall;
import dev.redisfromscratch.command.ErrorReplies;
import dev.redisfromscratch.protocol.Numbers;
import dev.redisfromscratch.protocol.RedisError;
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

    /**
     * Argument {@code index} as a 64-bit integer, for a handler that lets the pipeline answer the
     * error (lab 6's list commands).
     *
     * <p>Redis: {@code object.c}, {@code getLongLongFromObjectOrReply}.
     *
     * @return the value
     * @throws RedisError {@code ERR value is not an integer or out of range}
     */
    public static long require(CommandCall call, int index) {
        OptionalLong value = parse(call.arg(index));
        if (value.isEmpty()) {
            throw new RedisError(ErrorReplies.NOT_AN_INTEGER);
        }
        return value.getAsLong();
    }

    /**
     * Argument {@code index} as an integer in {@code min..max}; anything else, a non-number
     * included, gets {@code message}.
     *
     * <p>Redis: {@code object.c}, {@code getRangeLongFromObjectOrReply} with a message.
     *
     * @param message the error without {@code ERR }, e.g. {@code "count should be greater than 0"}
     * @return the value
     * @throws RedisError {@code ERR <message>}
     */
    public static long requireInRange(CommandCall call, int index, long min, long max, String message) {
        OptionalLong value = parse(call.arg(index));
        if (value.isEmpty() || value.getAsLong() < min || value.getAsLong() > max) {
            throw new RedisError("ERR " + message);
        }
        return value.getAsLong();
    }
}
