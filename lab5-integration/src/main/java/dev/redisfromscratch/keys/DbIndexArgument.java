package dev.redisfromscratch.keys;

import dev.redisfromscratch.arguments.IntegerArgument;
import dev.redisfromscratch.command.CommandCall;
import dev.redisfromscratch.command.ErrorReplies;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * A database number argument ({@code SELECT}, {@code MOVE}, {@code COPY ... DB}, {@code SWAPDB}),
 * read as Redis reads it: a strict 64-bit integer that must fit a C {@code int}. Whether the
 * database exists is the caller's check ({@code -ERR DB index is out of range}).
 *
 * <p>Redis: {@code object.c}, {@code getIntFromObjectOrReply} → {@code getRangeLongFromObjectOrReply}.
 */
final class DbIndexArgument {
    /** Redis 7.0's text for a number outside {@code int}'s range, when the caller gives none. */
    static final String OUT_OF_INT_RANGE = "ERR value is out of range, value must between "
            + Integer.MIN_VALUE + " and " + Integer.MAX_VALUE;

    private DbIndexArgument() {
    }

    /**
     * Parses argument {@code index}, or replies the error: {@code message} if given, else
     * {@code -ERR value is not an integer or out of range} for a non-integer and
     * {@link #OUT_OF_INT_RANGE} for one outside {@code int}.
     *
     * @param message the one error text for both cases (SWAPDB's {@code ERR invalid first DB index}), or {@code null}
     * @return the number, or empty after the error has been replied
     */
    static OptionalInt parseOrReply(CommandCall call, int index, String message) {
        OptionalLong value = IntegerArgument.parse(call.arg(index));
        if (value.isEmpty()) {
            call.reply().error(message != null ? message : ErrorReplies.NOT_AN_INTEGER);
            return OptionalInt.empty();
        }
        long n = value.getAsLong();
        if (n < Integer.MIN_VALUE || n > Integer.MAX_VALUE) {
            call.reply().error(message != null ? message : OUT_OF_INT_RANGE);
            return OptionalInt.empty();
        }
        return OptionalInt.of((int) n);
    }
}
