package dev.redisfromscratch.blocking;

import dev.redisfromscratch.protocol.RedisError;
import dev.redisfromscratch.strings.LongDouble;

/**
 * The timeout argument of the blocking pops: seconds, as a {@code long double}, turned into a
 * deadline in Unix ms on the server's clock, exactly as Redis 7.0 does it.
 *
 * <pre>
 *   ms = (long long) ceill(seconds * 1000.0)      on the x87's 80-bit long double
 *   "1.5"  → 1500 ms     "0.0001" → 1 ms (rounded up)     "0" and "-0.0001" → 0: waits for ever
 *   "-1"   → -ERR timeout is negative
 *   "inf", "1e20"       → beyond a long: the x87 gives LLONG_MIN, so also "timeout is negative"
 *   "abc", "nan", " 1"  → -ERR timeout is not a float or out of range
 * </pre>
 *
 * <p>A deadline past {@code Long.MAX_VALUE} (now plus almost 2<sup>63</sup> ms) never comes, as in
 * Redis, whose timeout table compares deadlines as unsigned numbers after the sum overflowed.
 *
 * <p>Redis: {@code timeout.c}, {@code getTimeoutFromObjectOrReply} with {@code UNIT_SECONDS};
 * {@code object.c}, {@code getLongDoubleFromObjectOrReply}.
 */
public final class Timeout {
    /** The deadline of a client that waits for ever ({@code timeout 0}). */
    public static final long FOREVER = 0;
    /** Not a number {@code strtold} reads whole. */
    public static final String NOT_A_FLOAT = "ERR timeout is not a float or out of range";
    /** A timeout below 0 ms once rounded up. */
    public static final String NEGATIVE = "ERR timeout is negative";

    private static final LongDouble THOUSAND = LongDouble.parse(new byte[] {'1', '0', '0', '0'});

    private Timeout() {
    }

    /**
     * @param argument the timeout argument, seconds as text
     * @param nowMillis the server's clock, Unix ms
     * @return the deadline in Unix ms, or {@link #FOREVER}; {@code Long.MAX_VALUE} for one that
     *     would overflow
     * @throws RedisError {@link #NOT_A_FLOAT} or {@link #NEGATIVE}
     */
    public static long deadline(byte[] argument, long nowMillis) {
        LongDouble seconds = LongDouble.parse(argument);
        if (seconds == null) {
            throw new RedisError(NOT_A_FLOAT);
        }
        long millis = seconds.multiply(THOUSAND).ceilToLong();
        if (millis < 0) {
            throw new RedisError(NEGATIVE);
        }
        if (millis == 0) {
            return FOREVER;
        }
        long deadline = nowMillis + millis;
        return deadline < nowMillis ? Long.MAX_VALUE : deadline;
    }
}
