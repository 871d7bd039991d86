package dev.redisfromscratch.protocol;

/**
 * Redis's strict decimal number rules, in one place: RESP headers ({@code *<count>},
 * {@code $<len>}), integer replies and integer arguments ({@code EXPIRE k 10}) all use them.
 *
 * <ul>
 *   <li>an optional {@code -}, then either {@code 0} alone or a digit 1-9 followed by digits;
 *   <li>no {@code +}, no spaces, no leading zeros ({@code 01}), no {@code -0};
 *   <li>at most 20 bytes, and the value must fit a signed 64-bit long.
 * </ul>
 * So a number and its text map one to one. Parsing reads the bytes in place: no String, no
 * allocation.
 *
 * <p>Redis: {@code util.c}, {@code string2ll}.
 */
public final class Numbers {
    /** Longest accepted text: {@code -9223372036854775808} is 20 bytes (Redis: {@code LONG_STR_SIZE} - 1). */
    public static final int MAX_LENGTH = 20;

    private Numbers() {
    }

    /** Thrown by {@link #string2ll} for text that is not a number; shared, with no stack trace. */
    public static final class NotANumber extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private static final NotANumber INSTANCE = new NotANumber();

        private NotANumber() {
            super("not a strict 64-bit decimal integer", null, false, false);
        }
    }

    /**
     * Parses {@code bytes[from..to)} as a strict decimal long.
     *
     * @return the value
     * @throws NotANumber if the bytes break a rule above (a shared instance: catch it and answer
     *     with the caller's own error text)
     */
    public static long string2ll(byte[] bytes, int from, int to) {
        int length = to - from;
        if (length <= 0 || length > MAX_LENGTH) {
            throw NotANumber.INSTANCE;
        }
        if (length == 1 && bytes[from] == '0') {
            return 0; // the only number allowed to start with 0
        }
        int i = from;
        boolean negative = bytes[i] == '-';
        if (negative && ++i == to) {
            throw NotANumber.INSTANCE; // "-" alone
        }
        if (bytes[i] < '1' || bytes[i] > '9') {
            throw NotANumber.INSTANCE; // "+1", " 1", "01", "-0", "x"
        }
        // Accumulate as a negative number: the negative range is one larger, so Long.MIN_VALUE
        // parses without overflowing on the way.
        long limit = negative ? Long.MIN_VALUE : -Long.MAX_VALUE;
        long value = 0;
        for (; i < to; i++) {
            int digit = bytes[i] - '0';
            if (digit < 0 || digit > 9 || value < limit / 10) {
                throw NotANumber.INSTANCE; // not a digit, or value * 10 would overflow
            }
            value *= 10;
            if (value < limit + digit) {
                throw NotANumber.INSTANCE; // value - digit would overflow
            }
            value -= digit;
        }
        return negative ? value : -value;
    }

    /** {@link #string2ll(byte[], int, int)} over a whole array. */
    public static long string2ll(byte[] bytes) {
        return string2ll(bytes, 0, bytes.length);
    }
}
