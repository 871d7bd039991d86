package dev.redisfromscratch.expire;

import dev.redisfromscratch.store.DataStore;
import dev.redisfromscratch.store.Key;
import java.time.Clock;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;

/**
 * Active expiry: reclaims keys whose TTL has passed even if no client ever reads them again.
 *
 * <p>Lazy expiry alone (the check in every lookup) would leave a key that is set with a TTL and then
 * forgotten in memory for ever. So the server cron runs this cycle ten times a second. Checking
 * every key with a TTL would cost O(keys) each time; instead the cycle is adaptive and
 * probabilistic:
 *
 * <pre>
 *   start = now
 *   repeat:
 *     sample 20 random keys that have a TTL          (KEYS_PER_LOOP)
 *     delete the ones whose time has passed
 *     every 16 loops: stop if the time limit is spent   (25 ms: 25% of a 100 ms cron tick)
 *   while more than 25% of the sample had expired     (ACCEPTABLE_STALE_PERCENT)
 * </pre>
 *
 * <p>The sample estimates how many expired keys are left. If few are (≤ 25%), another loop would
 * mostly find live keys, so the cycle stops and tries again at the next tick. If many are, it keeps
 * going, up to its time limit, so a burst of expiring keys is reclaimed within a few ticks without
 * ever blocking the server for long. In the steady state, roughly a quarter at most of the keys
 * with a TTL are logically expired but still in memory.
 *
 * <p>The threshold differs between Redis versions. Older Redis (up to 5.0) repeated while more than
 * 25% of the sample had expired ({@code ACTIVE_EXPIRE_CYCLE_LOOKUPS_PER_LOOP/4}); this class uses
 * that by default. Redis 6 and 7 use an effort-based threshold: {@code ACTIVE_EXPIRE_CYCLE_ACCEPTABLE_STALE}
 * = 10% at the default {@code active-expire-effort 1}, lower at higher efforts, which also sample more
 * keys per loop and may spend more time ({@link #REDIS7_ACCEPTABLE_STALE_PERCENT} selects it).
 * Redis 6+ also samples differently: instead of picking random keys ({@code dictGetRandomKey}), it
 * walks the buckets of {@code db->expires} with a cursor, so each loop visits different keys. This
 * class picks 20 distinct random keys per loop from the store's array-backed expires index (O(1)
 * each), which gives the same statistics.
 *
 * <p>Time is read from the store's injected clock: once at the start, once per loop (the "now" the
 * sampled keys are compared with), and once every 16 loops for the time limit, as Redis does.
 * Redis also has a "fast" cycle run before each event-loop sleep, with a 1 ms limit; a blocking
 * server has no such moment, so only the slow cycle exists here.
 *
 * <p>Runs on the server thread, like the store it works on. Not thread-safe.
 *
 * <p>Redis: {@code expire.c}, {@code activeExpireCycle} (and {@code activeExpireCycleTryExpire}),
 * called from {@code server.c}, {@code databasesCron}.
 */
public final class ActiveExpiry {
    /** Keys sampled per loop (Redis: {@code ACTIVE_EXPIRE_CYCLE_KEYS_PER_LOOP}). */
    public static final int KEYS_PER_LOOP = 20;
    /** The classic threshold: repeat while more than 25% of a sample had expired (Redis ≤ 5.0). */
    public static final int ACCEPTABLE_STALE_PERCENT = 25;
    /** Redis 6/7's threshold at {@code active-expire-effort 1} (Redis: {@code ACTIVE_EXPIRE_CYCLE_ACCEPTABLE_STALE}). */
    public static final int REDIS7_ACCEPTABLE_STALE_PERCENT = 10;
    /**
     * Time limit of one cycle, in ms: 25% of the 100 ms between cron runs at {@code hz 10}
     * (Redis: {@code ACTIVE_EXPIRE_CYCLE_SLOW_TIME_PERC}).
     */
    public static final long TIME_LIMIT_MILLIS = 25;
    /** The clock is checked against the time limit once per this many loops (Redis: {@code iteration & 0xf}). */
    public static final int LOOPS_PER_TIME_CHECK = 16;

    private final DataStore store;
    private final Clock clock;
    private final RandomGenerator random;
    private final long timeLimitMillis;
    private final int acceptableStalePercent;
    private final Key[] sample = new Key[KEYS_PER_LOOP];

    /** A cycle with Redis's default parameters: 20 keys per loop, 25%, 25 ms; random sampling. */
    public ActiveExpiry(DataStore store) {
        this(store, new SplittableRandom(), TIME_LIMIT_MILLIS, ACCEPTABLE_STALE_PERCENT);
    }

    /**
     * @param store the keyspace to clean; its clock is the cycle's clock
     * @param random picks the sampled keys (tests pass a seeded one)
     * @param timeLimitMillis the longest one cycle may run, in ms of the store's clock
     * @param acceptableStalePercent repeat while more than this percentage of a sample had expired
     */
    public ActiveExpiry(DataStore store, RandomGenerator random, long timeLimitMillis, int acceptableStalePercent) {
        if (timeLimitMillis <= 0 || acceptableStalePercent < 0 || acceptableStalePercent > 100) {
            throw new IllegalArgumentException("time limit must be > 0 ms and the stale percentage 0..100");
        }
        this.store = store;
        this.clock = store.clock();
        this.random = random;
        this.timeLimitMillis = timeLimitMillis;
        this.acceptableStalePercent = acceptableStalePercent;
    }

    /**
     * Runs one cycle: loops of {@value #KEYS_PER_LOOP} samples until a sample is mostly live, no key
     * with a TTL is left, or the time limit is spent.
     *
     * @return what the cycle did
     */
    public Cycle runCycle() {
        // BEGIN SOLUTION
        long start = clock.millis();
        int loops = 0;
        long sampled = 0;
        long expired = 0;
        boolean timeLimitReached = false;
        while (store.volatileKeyCount() > 0) {
            loops++;
            long now = clock.millis();
            int picked = store.sampleVolatileKeys(sample, KEYS_PER_LOOP, random);
            int expiredNow = 0;
            for (int i = 0; i < picked; i++) {
                if (store.expireIfNeeded(sample[i], now)) {
                    expiredNow++;
                }
                sample[i] = null; // hold no reference to a deleted key
            }
            sampled += picked;
            expired += expiredNow;
            if (loops % LOOPS_PER_TIME_CHECK == 0 && clock.millis() - start > timeLimitMillis) {
                timeLimitReached = true;
                break;
            }
            if (!repeats(picked, expiredNow, acceptableStalePercent)) {
                break;
            }
        }
        return new Cycle(loops, sampled, expired, timeLimitReached);
        // END SOLUTION
        // STUB: throw new UnsupportedOperationException("TODO(lab2): stage 4: run one active expiry cycle: sample, reclaim, repeat while too many had expired");
    }

    /**
     * The cycle's repeat rule, with Redis's integer arithmetic: {@code expired*100/sampled > stale}.
     * With 20 samples and 25%: 5 expired (25%) stops, 6 expired (30%) repeats.
     *
     * @return whether a loop that sampled {@code sampled} keys and found {@code expired} of them
     *     expired is followed by another loop
     */
    public static boolean repeats(int sampled, int expired, int acceptableStalePercent) {
        // BEGIN SOLUTION
        return sampled > 0 && expired * 100 / sampled > acceptableStalePercent;
        // END SOLUTION
        // STUB: throw new UnsupportedOperationException("TODO(lab2): stage 4: the repeat rule: more than acceptableStalePercent of the sample had expired");
    }

    /**
     * What one cycle did.
     *
     * @param loops sampling loops run
     * @param sampled keys looked at, over all loops
     * @param expired keys deleted because their time had passed
     * @param timeLimitReached whether the cycle stopped because its time was spent (Redis counts
     *     these in INFO's {@code expired_time_cap_reached_count})
     */
    public record Cycle(int loops, long sampled, long expired, boolean timeLimitReached) {
    }
}
