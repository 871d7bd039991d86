package dev.redisfromscratch.testkit.blackbox;

import java.io.IOException;
import java.time.Duration;

/**
 * The TTL and PTTL replies that are right for a key given a time to live a moment ago, however
 * slow the server or the machine: the time that passed is measured, never waited for.
 *
 * <p>A key given {@code t} ms to live at some instant has {@code t - e} ms left {@code e} ms
 * later. PTTL replies those milliseconds; TTL replies them in seconds rounded to the nearest,
 * {@code (ms + 500) / 1000} (Redis: {@code expire.c}, {@code ttlGenericCommand}). The window
 * starts when it is created, before the command that sets the time to live is sent, and ends when
 * the reply has arrived; on a quick exchange it holds one TTL value, so rounding mistakes show.
 *
 * <pre>{@code
 * TtlWindow window = TtlWindow.startingNow(Duration.ofSeconds(100));
 * c.send(inline("SET " + key + " v EX 100"), inline("TTL " + key)).expect("+OK\r\n");
 * window.expectTtl(c);    // 100, or 99 once half a second has passed
 * }</pre>
 */
public final class TtlWindow {
    private final long ttlMillis;
    private final long startNanos;

    private TtlWindow(long ttlMillis, long startNanos) {
        this.ttlMillis = ttlMillis;
        this.startNanos = startNanos;
    }

    /**
     * @param ttl the time to live the key is about to be given (send that command after this call)
     * @return the window, starting now
     */
    public static TtlWindow startingNow(Duration ttl) {
        return new TtlWindow(ttl.toMillis(), System.nanoTime());
    }

    /**
     * Reads the next reply, a TTL: the seconds left, rounded to the nearest.
     *
     * @return the TTL replied
     * @throws AssertionError if it is not an integer reply, or not within the window
     */
    public long expectTtl(WireClient client) throws IOException {
        long ttl = client.expectIntegerReply();
        long elapsed = elapsedMillis();
        long lowest = roundToSeconds(Math.max(0, ttlMillis - elapsed));
        long highest = roundToSeconds(ttlMillis);
        check("TTL", ttl, lowest, highest, elapsed,
                " TTL is the milliseconds left in seconds, rounded to the nearest: (ms + 500) / 1000"
                + " (Redis: expire.c, ttlGenericCommand)." + hint(ttl, ttl > highest && ttl <= ttlMillis
                        ? " Are these milliseconds where seconds are due?" : ""));
        return ttl;
    }

    /**
     * Reads the next reply, a PTTL: the milliseconds left.
     *
     * @return the PTTL replied
     * @throws AssertionError if it is not an integer reply, or not within the window
     */
    public long expectPttl(WireClient client) throws IOException {
        long pttl = client.expectIntegerReply();
        long elapsed = elapsedMillis();
        check("PTTL", pttl, Math.max(0, ttlMillis - elapsed), ttlMillis, elapsed,
                " PTTL is the milliseconds left (Redis: expire.c, ttlGenericCommand)." + hint(pttl, pttl > 0
                        && pttl <= roundToSeconds(ttlMillis) ? " Are these seconds where milliseconds are due?" : ""));
        return pttl;
    }

    /**
     * @return the milliseconds since the window started, plus one: a server's clock ticks in whole
     *     milliseconds, so the two instants it reads may be one tick further apart than they are
     */
    private long elapsedMillis() {
        return (System.nanoTime() - startNanos) / 1_000_000 + 1;
    }

    private static long roundToSeconds(long millis) {
        return (millis + 500) / 1000;
    }

    private void check(String command, long replied, long lowest, long highest, long elapsed, String rule) {
        if (replied >= lowest && replied <= highest) {
            return;
        }
        throw new AssertionError(command + " replied " + replied + "; expected "
                + (lowest == highest ? Long.toString(lowest) : "between " + lowest + " and " + highest)
                + ": the key was given " + ttlMillis + " ms to live at most " + elapsed + " ms before the reply came."
                + "\n  hint:" + rule);
    }

    /** @return the likely mistake behind a reply outside the window, after a space, or {@code otherwise} */
    private static String hint(long replied, String otherwise) {
        if (replied == -1) {
            return " -1 means the key has no time to live: was it stored without one, or was it lost by a later SET?";
        }
        if (replied == -2) {
            return " -2 means there is no such key: did it expire at once (a time to live read in the wrong unit)?";
        }
        return otherwise;
    }
}
