package dev.redisfromscratch.bench;

import dev.redisfromscratch.expire.ActiveExpiry;
import dev.redisfromscratch.store.DataStore;
import dev.redisfromscratch.store.MemoryReport;
import java.time.Clock;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.IterationParams;

/**
 * What one active expiry cycle ({@link ActiveExpiry#runCycle()}) costs the server thread, on a store
 * of 100,000 keys that all have a TTL, on the real clock (so the 25 ms time limit is real).
 *
 * <ul>
 *   <li>{@code idleCycle}: nothing has expired. The cycle samples 20 keys, finds none expired and
 *       stops: the price every cron tick pays, ten times a second. Average time per cycle.
 *   <li>{@code cycleWithBacklog}: {@code expiredPercent} of the keys have expired and nobody reads
 *       them. The cycle loops while more than 25% of its samples are expired, or until 25 ms are
 *       spent. Each measured call is one cycle on a freshly prepared store (single-shot: the setup
 *       re-expires the keys the previous cycle reclaimed, outside the measurement). The auxiliary
 *       counter {@code reclaimedPerCycle} reports how many keys a cycle deleted (the mean over the
 *       measured cycles), so the time per cycle and the keys freed per cycle can be read side by side.
 * </ul>
 *
 * <p>Pitfalls handled as in the JMH samples: the cycle's report is returned (no dead code); state
 * that a cycle changes is rebuilt in a setup outside the measurement; the single-shot mode is used
 * where a call changes its input, as the samples recommend over {@code Level.Invocation} for short
 * calls; no hand-written loop.
 *
 * <p>Run: {@code ./lab bench 2 ActiveExpiryBenchmark}; add {@code -gc true} (a GC between
 * iterations) for steadier single-shot times.
 */
@Fork(1)
public class ActiveExpiryBenchmark {
    /** Keys with a TTL in every store. */
    public static final int KEYS = 100_000;
    private static final long HOUR = 3_600_000;

    /** A store whose keys all expire in an hour: nothing for the cycle to do. */
    @State(Scope.Thread)
    public static class Idle {
        DataStore store;
        ActiveExpiry activeExpiry;

        @Setup(Level.Trial)
        public void fill() {
            store = new DataStore(Clock.systemUTC());
            long later = store.clock().millis() + HOUR;
            for (int i = 1; i <= KEYS; i++) {
                store.setExpireAt(MemoryReport.key(i, 0), new byte[10], later);
            }
            activeExpiry = new ActiveExpiry(store, new SplittableRandom(1), ActiveExpiry.TIME_LIMIT_MILLIS,
                    ActiveExpiry.ACCEPTABLE_STALE_PERCENT);
        }
    }

    /** A store where a share of the keys has already expired. */
    @State(Scope.Thread)
    public static class Backlog {
        /** Percentage of the keys that have expired when the cycle starts. */
        @Param({"10", "50", "100"})
        public int expiredPercent;

        DataStore store;
        ActiveExpiry activeExpiry;
        byte[][] keys;
        byte[] value;

        @Setup(Level.Trial)
        public void create() {
            keys = new byte[KEYS][];
            for (int i = 0; i < KEYS; i++) {
                keys[i] = MemoryReport.key(i + 1, 0);
            }
            value = new byte[10];
            store = new DataStore(Clock.systemUTC());
            activeExpiry = new ActiveExpiry(store, new SplittableRandom(1), ActiveExpiry.TIME_LIMIT_MILLIS,
                    ActiveExpiry.ACCEPTABLE_STALE_PERCENT);
        }

        /**
         * Before every single-shot call: every key present again, the first share of them expired.
         * The key and value arrays are reused, so the setup leaves little garbage for the measured
         * cycle's time to include as a GC pause.
         */
        @Setup(Level.Iteration)
        public void expireShare() {
            long now = store.clock().millis();
            int expired = KEYS / 100 * expiredPercent;
            for (int i = 0; i < KEYS; i++) {
                store.setExpireAt(keys[i], value, i < expired ? now - 1_000 : now + HOUR);
            }
        }
    }

    /** How many keys the measured cycle reclaimed, printed next to its time. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.EVENTS)
    public static class Reclaimed {
        /** Keys deleted per measured cycle, averaged over the measurement iterations. */
        public double reclaimedPerCycle;

        private double share;

        @Setup(Level.Iteration)
        public void arm(IterationParams iteration) {
            share = AuxCounterShare.of(iteration);
        }
    }

    /** One cycle with nothing to reclaim: 20 samples, then stop. */
    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.NANOSECONDS)
    @Warmup(iterations = 3, time = 1)
    @Measurement(iterations = 5, time = 1)
    public ActiveExpiry.Cycle idleCycle(Idle state) {
        return state.activeExpiry.runCycle();
    }

    /** One cycle over a backlog of expired keys, up to the 25 ms time limit. */
    @Benchmark
    @BenchmarkMode(Mode.SingleShotTime)
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    @Warmup(iterations = 10)
    @Measurement(iterations = 20)
    public ActiveExpiry.Cycle cycleWithBacklog(Backlog state, Reclaimed reclaimed) {
        ActiveExpiry.Cycle cycle = state.activeExpiry.runCycle();
        reclaimed.reclaimedPerCycle = cycle.expired() * reclaimed.share; // see AuxCounterShare
        return cycle;
    }
}
