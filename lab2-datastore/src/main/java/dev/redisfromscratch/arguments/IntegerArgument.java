package dev.redisfromscratch.arguments;

import dev.redisfromscratch.command.CommandCall;
import dev.redisfromscratch.command.ErrorReplies;
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
 * <p>Redis: {@code util.c}, {@code string2ll}; {@code object.c}, {@code getLongLongFromObjectOrReply}.
 */
public final class IntegerArgument {
    /** Redis's {@code LONG_STR_SIZE}: a valid number is shorter than 21 bytes. */
    private static final int MAX_LENGTH = 20;

    private IntegerArgument() {
    }

    /**
     * @param bytes the argument
     * @return its value, or empty if it is not a valid 64-bit integer
     */
    public static OptionalLong parse(byte[] bytes) {
        int len = bytes.length;
        if (len == 0 || len > MAX_LENGTH) {
            return OptionalLong.empty();
        }
        if (len == 1 && bytes[0] == '0') {
            return OptionalLong.of(0);
        }
        int i = 0;
        boolean negative = bytes[0] == '-';
        if (negative) {
            i++;
        }
        if (i == len || bytes[i] < '1' || bytes[i] > '9') {
            return OptionalLong.empty(); // a sign alone, a leading zero, or not a digit
        }
        // Accumulate as a negative number: its range is one larger, so Long.MIN_VALUE fits.
        long value = 0;
        for (; i < len; i++) {
            int digit = bytes[i] - '0';
            if (digit < 0 || digit > 9) {
                return OptionalLong.empty();
            }
            if (value < (Long.MIN_VALUE + digit) / 10) {
                return OptionalLong.empty(); // value * 10 - digit would overflow
            }
            value = value * 10 - digit;
        }
        if (!negative) {
            if (value == Long.MIN_VALUE) {
                return OptionalLong.empty(); // 9223372036854775808 does not fit
            }
            value = -value;
        }
        return OptionalLong.of(value);
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
