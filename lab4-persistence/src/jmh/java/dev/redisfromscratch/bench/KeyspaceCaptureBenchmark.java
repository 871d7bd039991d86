package dev.redisfromscratch.bench;

import dev.redisfromscratch.snapshot.KeyspaceCapture;
import dev.redisfromscratch.snapshot.ValueCodecs;
import dev.redisfromscratch.store.DataStore;
import dev.redisfromscratch.store.MemoryReport;
import java.io.IOException;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.IterationParams;

/**
 * The pause {@code BGSAVE} costs the server thread before the background work starts, at 1,000,
 * 100,000 (and, on request, 1,000,000) keys of 10 bytes. Microseconds per {@code BGSAVE}.
 *
 * <ul>
 *   <li>{@code lab4}: {@link KeyspaceCapture#of}, the point-in-time copy of the keyspace's
 *       references that lab 4's {@code BGSAVE} (and {@code BGREWRITEAOF}) takes on the server
 *       thread before handing it to a background thread.
 *   <li>{@code redis}: the round trip of {@code BGSAVE} to a real {@code redis-server} holding the
 *       same keys. Redis answers {@code +Background saving started} once {@code fork()} has
 *       returned in the parent, so the round trip is the main thread's pause (the fork: copying the
 *       page tables) plus one loopback round trip (about 50 µs). The auxiliary counter
 *       {@code forkMicros} is Redis's own measure of the fork, INFO's {@code latest_fork_usec},
 *       averaged over the iteration's BGSAVEs (it is 0 on the {@code lab4} rows). After each
 *       BGSAVE, the untimed teardown waits until the child has written {@code dump.rdb}, exited
 *       and been reaped, so the next BGSAVE is not refused.
 * </ul>
 * Neither side counts what comes later: Redis's parent pays a page copy for each page it writes
 * while the child runs (copy-on-write); lab 4 shares the values, and a write after the capture
 * stores a new array.
 *
 * <p>Pitfalls handled as in the JMH samples: the store is a non-final {@code @State} field built
 * once per trial; the capture is returned; the per-BGSAVE wait is an untimed
 * {@code Level.Invocation} teardown, which JMH allows for operations this long.
 *
 * <p>Run: {@code ./lab bench 4 KeyspaceCaptureBenchmark}, with {@code -p keys=1000000} for a
 * million keys, or {@code -p target=lab4} without Redis.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class KeyspaceCaptureBenchmark {
    private static final byte[] STARTED = RedisPeer.ascii("+Background saving started\r\n");

    /**
     * The keyspace on one side, filled once per trial. It is {@code Scope.Benchmark} (there is one
     * thread anyway) so that the benchmark method and the helper state that depends on it
     * get the same instance (JMH 1.37 gives a {@code Scope.Thread} state reached both ways two).
     */
    @State(Scope.Benchmark)
    public static class Keyspace {
        /** How many keys the keyspace holds. */
        @Param({"1000", "100000"})
        public int keys;

        /** The side measured: {@code lab4} (KeyspaceCapture.of) or {@code redis} (BGSAVE's fork). */
        @Param({"lab4", "redis"})
        public String target;

        boolean ours;
        long nowMillis;
        DataStore store;
        ValueCodecs codecs;
        RedisPeer redis;
        byte[] bgsaveRequest;

        /**
         * Fills the keyspace (lab4: a {@link DataStore}; redis: a real redis-server).
         *
         * @throws IllegalStateException if {@code target} is unknown, or {@code redis} and
         *     {@code redis-server} is not installed
         */
        @Setup(Level.Trial)
        public void fill() throws IOException {
            nowMillis = System.currentTimeMillis();
            codecs = ValueCodecs.strings();
            DataStore filled = MemoryReport.filledStore(keys, 0, MemoryReport.DEFAULT_VALUE_BYTES, false);
            switch (target) {
                case "lab4" -> {
                    ours = true;
                    store = filled;
                }
                case "redis" -> {
                    ours = false;
                    bgsaveRequest = RedisPeer.ascii("*1\r\n$6\r\nBGSAVE\r\n");
                    redis = RedisPeer.start("lab4");
                    redis.fill(keys, filled.get(MemoryReport.key(1, 0)));
                }
                default -> throw new IllegalStateException("unknown target " + target + ": use lab4 or redis");
            }
        }

        /** Stops Redis and deletes its files. */
        @TearDown(Level.Trial)
        public void close() throws IOException {
            if (redis != null) {
                redis.close();
            }
        }
    }

    /** Redis's {@code latest_fork_usec}, as an auxiliary counter next to the BGSAVE round trip. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.EVENTS)
    public static class RedisFork {
        /** INFO stats' {@code latest_fork_usec}, the mean over this iteration's BGSAVEs (0 for lab4). */
        public double forkMicros;

        private double share;
        private double sum;
        private int count;

        /** Starts this iteration's mean and sets its scale: see {@link IterationShare}. */
        @Setup(Level.Iteration)
        public void arm(IterationParams iteration) {
            share = IterationShare.of(iteration);
            sum = 0;
            count = 0;
        }

        /**
         * redis: waits for the BGSAVE's child to be done, then reads {@code latest_fork_usec}. JMH
         * zeroes the counter before each iteration and sums the iterations, so it holds the mean so
         * far times the share.
         */
        @TearDown(Level.Invocation)
        public void awaitChild(Keyspace keyspace) throws IOException, InterruptedException {
            if (keyspace.ours) {
                return;
            }
            keyspace.redis.awaitNoBackgroundSave();
            sum += Long.parseLong(keyspace.redis.info("stats", "latest_fork_usec"));
            count++;
            forkMicros = sum / count * share;
        }
    }

    /**
     * lab4: freezes the keyspace; redis: starts a background save.
     *
     * @return the capture (lab4), or Redis's reply
     */
    @Benchmark
    public Object bgsavePause(Keyspace keyspace, RedisFork fork) throws IOException {
        if (keyspace.ours) {
            return KeyspaceCapture.of(keyspace.store, keyspace.codecs, keyspace.nowMillis);
        }
        return keyspace.redis.roundTrip(keyspace.bgsaveRequest, STARTED);
    }
}
