package dev.redisfromscratch.lists;

import dev.redisfromscratch.arguments.IntegerArgument;
import dev.redisfromscratch.command.CommandCall;
import dev.redisfromscratch.command.ErrorReplies;
import dev.redisfromscratch.protocol.RedisError;
import java.util.OptionalLong;

/**
 * The number arguments of the list commands, read as strictly as Redis reads them, with Redis's
 * error texts.
 *
 * <p>Redis: {@code object.c}, {@code getLongFromObjectOrReply}, {@code getRangeLongFromObjectOrReply}
 * and {@code getPositiveLongFromObjectOrReply}.
 */
public final class ListArguments {
    private ListArguments() {
    }

    /**
     * @return argument {@code index} as a 64-bit integer
     * @throws RedisError {@code ERR value is not an integer or out of range}
     */
    public static long integer(CommandCall call, int index) {
        OptionalLong value = IntegerArgument.parse(call.arg(index));
        if (value.isEmpty()) {
            throw new RedisError(ErrorReplies.NOT_AN_INTEGER);
        }
        return value.getAsLong();
    }

    /**
     * An integer in {@code min..max}; anything else, a non-number included, gets {@code message}
     * (as {@code getRangeLongFromObjectOrReply} with a message does).
     *
     * @param message the error without {@code ERR }, e.g. {@code "count should be greater than 0"}
     * @throws RedisError {@code ERR <message>}
     */
    public static long inRange(CommandCall call, int index, long min, long max, String message) {
        OptionalLong value = IntegerArgument.parse(call.arg(index));
        if (value.isEmpty() || value.getAsLong() < min || value.getAsLong() > max) {
            throw new RedisError("ERR " + message);
        }
        return value.getAsLong();
    }
}
