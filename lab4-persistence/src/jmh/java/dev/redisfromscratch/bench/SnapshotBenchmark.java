package dev.redisfromscratch.bench;

import dev.redisfromscratch.snapshot.EntrySource;
import dev.redisfromscratch.snapshot.SnapshotFile;
import dev.redisfromscratch.snapshot.ValueCodecs;
import dev.redisfromscratch.store.DataStore;
import dev.redisfromscratch.store.MemoryReport;
import dev.redisfromscratch.testkit.TempDirs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
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
 * Saving and loading a whole keyspace: lab 4's JSON snapshot against Redis's RDB file, holding the
 * same keys ({@code key:1 .. key:N}, 10-byte values, no TTL), in the same run. Milliseconds per
 * save or load.
 *
 * <p>{@link Keyspace#target} picks the side:
 * <ul>
 *   <li>{@code lab4}: {@link SnapshotFile#save} of a {@link DataStore} (what {@code SAVE} runs:
 *       write {@code temp-<pid>.json} through a 64 KiB buffer, fsync it, rename it over
 *       {@code dump.json}, fsync the directory), and {@link SnapshotFile#load} of that file into a
 *       new, empty {@link DataStore} (what startup runs).
 *   <li>{@code redis}: a real {@code redis-server} ({@link RedisPeer}) filled with the same keys.
 *       {@code save} is the round trip of {@code SAVE} over loopback: {@code rdbSave} writes
 *       {@code temp-<pid>.rdb}, fsyncs it, renames it over {@code dump.rdb} and fsyncs the
 *       directory, the same steps. {@code load} is the round trip of {@code DEBUG RELOAD NOSAVE}:
 *       it empties the keyspace, then {@code rdbLoad}s {@code dump.rdb}, the function startup
 *       calls. The keyspace is already empty when it runs ({@code FLUSHALL} in the untimed
 *       per-invocation setup), so the time is the load alone. The loopback round trip (about
 *       50 µs) is in Redis's times and not in ours: it matters only at 1,000 keys.
 * </ul>
 * Before each lab 4 load, the untimed setup runs {@code System.gc()}, so every load starts from a
 * collected heap, as it does at startup, rather than paying for the previous load's garbage; the
 * collections the load itself causes (copying the new store out of the young generation) are in the
 * time, as they are at startup.
 *
 * <p>The {@code save} rows carry an auxiliary counter, {@code fileBytes}: the snapshot's size on
 * disk ({@code dump.json} or {@code dump.rdb}), measured once after the first save (the same keys
 * always give the same size). It is an {@code @AuxCounters(EVENTS)} value, scaled with
 * {@link IterationShare} so that JMH's sum over the iterations is the size itself.
 *
 * <p>The default {@link Keyspace#keys} are 1,000 and 100,000, so the CI smoke run stays short; the
 * measurements page adds 1,000,000: {@code ./lab bench 4 SnapshotBenchmark -p keys=1000000}.
 * Each trial fills its own store (and its own Redis, with pipelined {@code SET}s): about 3 s at a
 * million keys.
 *
 * <p>Pitfalls handled as in the JMH samples: inputs are non-final {@code @State} fields; results are
 * returned; no loop in a benchmark method; work that must not be timed ({@code FLUSHALL},
 * {@code System.gc()}) is in a {@code Level.Invocation} setup, which JMH allows for operations this
 * long (half a millisecond and more).
 *
 * <p>Run: {@code ./lab bench 4 SnapshotBenchmark}, or without Redis:
 * {@code ./lab bench 4 SnapshotBenchmark -p target=lab4}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class SnapshotBenchmark {
    private static final byte[] OK = RedisPeer.ascii("+OK\r\n");

    /**
     * The keyspace on one side, filled once per trial, and its snapshot file. It is
     * {@code Scope.Benchmark} (there is one thread anyway) so that the benchmark method and the helper state that depends on it
     * get the same instance (JMH 1.37 gives a {@code Scope.Thread} state reached both ways two).
     */
    @State(Scope.Benchmark)
    public static class Keyspace {
        /** How many keys the keyspace holds. */
        @Param({"1000", "100000"})
        public int keys;

        /** The side measured: {@code lab4} (the JSON snapshot) or {@code redis} (a real redis-server's RDB). */
        @Param({"lab4", "redis"})
        public String target;

        boolean ours;
        long nowMillis;
        Path dir;
        SnapshotFile snapshot;
        EntrySource source;
        RedisPeer redis;
        byte[] saveRequest;
        byte[] reloadRequest;
        byte[] flushRequest;
        long fileBytes;

        /**
         * Fills the keyspace, saves it once (so that {@code load} has a file to read from the first
         * invocation on) and loads it once, checking that every key comes back.
         *
         * @throws IllegalStateException if {@code target} is unknown, or {@code redis} and
         *     {@code redis-server} is not installed
         */
        @Setup(Level.Trial)
        public void fill() throws IOException {
            nowMillis = System.currentTimeMillis();
            DataStore store = MemoryReport.filledStore(keys, 0, MemoryReport.DEFAULT_VALUE_BYTES, false);
            switch (target) {
                case "lab4" -> {
                    ours = true;
                    dir = TempDirs.create("lab4-snapshot");
                    snapshot = new SnapshotFile(dir, "dump.json", ProcessHandle.current().pid(), ValueCodecs.strings());
                    source = store::forEach;
                    snapshot.save(source, nowMillis);
                    fileBytes = Files.size(snapshot.path());
                    long loaded = snapshot.load(new DataStore(Clock.systemUTC()), nowMillis).loaded();
                    if (loaded != keys) {
                        throw new IllegalStateException("the snapshot loads " + loaded + " keys, not " + keys);
                    }
                }
                case "redis" -> {
                    ours = false;
                    saveRequest = RedisPeer.ascii("*1\r\n$4\r\nSAVE\r\n");
                    reloadRequest = RedisPeer.ascii("*3\r\n$5\r\nDEBUG\r\n$6\r\nRELOAD\r\n$6\r\nNOSAVE\r\n");
                    flushRequest = RedisPeer.ascii("*1\r\n$8\r\nFLUSHALL\r\n");
                    redis = RedisPeer.start("lab4", "--enable-debug-command", "yes");
                    redis.fill(keys, store.get(MemoryReport.key(1, 0)));
                    redis.roundTrip(saveRequest, OK);
                    fileBytes = redis.fileBytes("dump.rdb");
                    redis.roundTrip(flushRequest, OK);
                    redis.roundTrip(reloadRequest, OK);
                    String loaded = redis.command("DBSIZE");
                    if (!loaded.equals(":" + keys)) {
                        throw new IllegalStateException("DEBUG RELOAD NOSAVE loads " + loaded + " keys, not " + keys);
                    }
                }
                default -> throw new IllegalStateException("unknown target " + target + ": use lab4 or redis");
            }
        }

        /** Stops Redis and deletes the trial's files. */
        @TearDown(Level.Trial)
        public void close() throws IOException {
            if (redis != null) {
                redis.close();
            }
            TempDirs.delete(dir);
        }
    }

    /** The snapshot's size, as an auxiliary counter next to the save time. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.EVENTS)
    public static class OnDisk {
        /** Bytes of {@code dump.json} (lab4) or {@code dump.rdb} (redis). */
        public double fileBytes;

        private double share;

        /** Sets the scale of this iteration's counter: see {@link IterationShare}. */
        @Setup(Level.Iteration)
        public void arm(IterationParams iteration) {
            share = IterationShare.of(iteration);
        }
    }

    /** Before each load, untimed: an empty keyspace to load into. */
    @State(Scope.Thread)
    public static class EmptyKeyspace {
        DataStore store;

        /**
         * lab4: a new {@link DataStore} and a full collection; redis: {@code FLUSHALL} (synchronous
         * in Redis 7.0's default configuration, and it does not touch {@code dump.rdb} with
         * {@code save ""}).
         */
        @Setup(Level.Invocation)
        public void empty(Keyspace keyspace) throws IOException {
            if (keyspace.ours) {
                store = null;
                System.gc();
                store = new DataStore(Clock.systemUTC());
            } else {
                keyspace.redis.roundTrip(keyspace.flushRequest, OK);
            }
        }
    }

    /**
     * Saves the whole keyspace atomically, fsyncs included.
     *
     * @return the number of keys saved (lab4), or Redis's reply
     */
    @Benchmark
    public Object save(Keyspace keyspace, OnDisk onDisk) throws IOException {
        onDisk.fileBytes = keyspace.fileBytes * onDisk.share; // JMH sums EVENTS counters over iterations
        if (keyspace.ours) {
            return keyspace.snapshot.save(keyspace.source, keyspace.nowMillis);
        }
        return keyspace.redis.roundTrip(keyspace.saveRequest, OK);
    }

    /**
     * Loads the whole snapshot into an empty keyspace.
     *
     * @return the counts of keys loaded (lab4), or Redis's reply
     */
    @Benchmark
    public Object load(Keyspace keyspace, EmptyKeyspace empty) throws IOException {
        if (keyspace.ours) {
            return keyspace.snapshot.load(empty.store, keyspace.nowMillis);
        }
        return keyspace.redis.roundTrip(keyspace.reloadRequest, OK);
    }
}
