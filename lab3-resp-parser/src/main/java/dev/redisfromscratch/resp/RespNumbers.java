package dev.redisfromscratch.resp;

import dev.redisfromscratch.protocol.ProtocolException;

/**
 * Reads the decimal numbers in RESP headers ({@code *<count>}, {@code $<len>}, {@code :<n>})
 * straight from the buffer's bytes: no String, no allocation.
 *
 * <p>The rules are Redis's, which are strict so that a number and its text map one to one:
 * <ul>
 *   <li>an optional {@code -}, then either {@code 0} alone or a digit 1-9 followed by digits;
 *   <li>no {@code +}, no spaces, no leading zeros ({@code 01}), no {@code -0};
 *   <li>at most 20 bytes, and the value must fit in a signed 64-bit long.
 * </ul>
 *
 * <p>Redis: {@code util.c}, {@code string2ll}.
 */
final class RespNumbers {
    /** Longest accepted number text: {@code -9223372036854775808} is 20 bytes. */
    static final int MAX_LENGTH = 20;

    private RespNumbers() {
    }

    /**
     * Parses {@code bytes[from..to)} as a strict decimal long.
     *
     * @param error the {@link ProtocolException} message to throw if the text is not a number
     * @return the value
     * @throws ProtocolException with {@code error} if the bytes are not a number by the rules above
     */
    static long parse(byte[] bytes, int from, int to, String error) throws ProtocolException {
        int length = to - from;
        if (length <= 0 || length > MAX_LENGTH) {
            throw new ProtocolException(error);
        }
        if (length == 1 && bytes[from] == '0') {
            return 0; // the only number allowed to start with 0
        }
        int i = from;
        boolean negative = bytes[i] == '-';
        if (negative && ++i == to) {
            throw new ProtocolException(error); // "-" alone
        }
        if (bytes[i] < '1' || bytes[i] > '9') {
            throw new ProtocolException(error); // "+1", " 1", "01", "-0", "x"
        }
        // Accumulate as a negative number: the negative range is one larger, so Long.MIN_VALUE
        // parses without overflowing on the way.
        long limit = negative ? Long.MIN_VALUE : -Long.MAX_VALUE;
        long value = 0;
        for (; i < to; i++) {
            int digit = bytes[i] - '0';
            if (digit < 0 || digit > 9) {
                throw new ProtocolException(error);
            }
            if (value < limit / 10) {
                throw new ProtocolException(error); // value * 10 would overflow
            }
            value *= 10;
            if (value < limit + digit) {
                throw new ProtocolException(error); // value - digit would overflow
            }
            value -= digit;
        }
        return negative ? value : -value;
    }
}
