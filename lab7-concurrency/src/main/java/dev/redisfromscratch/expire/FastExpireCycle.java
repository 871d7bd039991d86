package dev.redisfromscratch.expire;

import dev.redisfromscratch.store.Databases;
import dev.redisfromscratch.store.DataStore;
import dev.redisfromscratch.store.ExpiryMode;
import java.util.SplittableRandom;
import java.util.function.IntSupplier;

/**
 * The fast active-expire cycle, run by the event loop before it sleeps: lab 2's
 * {@link ActiveExpiry} cycle with a 1 ms budget instead of 25 ms, so that a burst of keys whose
 * time has passed is reclaimed between two passes of the loop instead of waiting for the cron.
 *
 * <pre>
 *   run():  at most once every 2 ms (2 × the budget)
 *           for each database with volatile keys (a primary's):
 *             skip it unless its last fast cycle ran out of time (work left behind),
 *             or a cron interval passed since its last fast cycle
 *             ActiveExpiry(1 ms, 25%).runCycle()
 * </pre>
 *
 * <p>Redis 7 runs it only when the slow cycle left work behind (it hit its time limit, or the
 * estimated share of stale keys is above {@code ACTIVE_EXPIRE_CYCLE_ACCEPTABLE_STALE}, 10%); this
 * class cannot see the cron's cycles, so it looks at each database once per cron interval, and
 * again at once while its own cycle keeps running out of time. A cycle that ends on its own
 * stopped because a sample was mostly live: what is left is the cron's.
 *
 * <p>The loop's thread only.
 *
 * <p>Redis: {@code expire.c}, {@code activeExpireCycle(ACTIVE_EXPIRE_CYCLE_FAST)}
 * ({@code ACTIVE_EXPIRE_CYCLE_FAST_DURATION} = 1000 µs, not repeated within twice that), called
 * from {@code server.c}, {@code beforeSleep}.
 */
public final class FastExpireCycle {
    /** The budget of one fast cycle, ms ({@code ACTIVE_EXPIRE_CYCLE_FAST_DURATION}). */
    public static final long BUDGET_MILLIS = 1;

    private final Databases dbs;
    private final IntSupplier cronIntervalMillis;
    private final ActiveExpiry[] cycles;
    private final boolean[] workLeft;
    private final long[] lastRunNanos;
    private long lastStartNanos;
    private long runs;

    /**
     * @param dbs the databases to clean
     * @param cronIntervalMillis the cron's interval ({@code 1000 / hz}), read at each run
     */
    public FastExpireCycle(Databases dbs, IntSupplier cronIntervalMillis) {
        this.dbs = dbs;
        this.cronIntervalMillis = cronIntervalMillis;
        this.cycles = new ActiveExpiry[dbs.count()];
        this.workLeft = new boolean[dbs.count()];
        this.lastRunNanos = new long[dbs.count()];
        SplittableRandom random = new SplittableRandom();
        long now = System.nanoTime();
        for (int i = 0; i < cycles.length; i++) {
            cycles[i] = new ActiveExpiry(dbs.db(i), random.split(), BUDGET_MILLIS, ActiveExpiry.ACCEPTABLE_STALE_PERCENT);
            workLeft[i] = true; // unknown: look at the first chance
            lastRunNanos[i] = now;
        }
    }

    /** One fast cycle over the databases that need it, unless one ran less than 2 ms ago. */
    public void run() {
        long now = System.nanoTime();
        if (now - lastStartNanos < 2 * BUDGET_MILLIS * 1_000_000L) {
            return;
        }
        lastStartNanos = now;
        long refresh = cronIntervalMillis.getAsInt() * 1_000_000L;
        for (int i = 0; i < cycles.length; i++) {
            DataStore store = dbs.db(i);
            if (store.expiryMode() != ExpiryMode.PRIMARY || store.volatileKeyCount() == 0) {
                continue;
            }
            if (!workLeft[i] && now - lastRunNanos[i] < refresh) {
                continue; // the last cycle finished its work: the cron's cycle is enough
            }
            ActiveExpiry.Cycle cycle = cycles[i].runCycle();
            lastRunNanos[i] = now;
            runs++;
            workLeft[i] = cycle.timeLimitReached();
        }
    }

    /** @return how many database cycles have run (tests) */
    public long runs() {
        return runs;
    }
}
