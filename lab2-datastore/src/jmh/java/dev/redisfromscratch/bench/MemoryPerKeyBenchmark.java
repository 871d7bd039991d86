package dev.redisfromscratch.bench;

import dev.redisfromscratch.store.DataStore;
import dev.redisfromscratch.store.MemoryReport;
import dev.redisfromscratch.store.MemoryReport.Usage;
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
 * Memory per key against key and value size, measured with JOL, next to GET throughput at the same
 * sizes.
 *
 * <p>Memory is not something JMH times, so it is reported through <b>auxiliary counters</b>
 * ({@code @AuxCounters(EVENTS)}): for each (keyBytes, valueBytes) pair the trial setup fills a store
 * with 10,000 keys and measures its deep size with JOL ({@link MemoryReport#measure}); each
 * {@code get} call writes the result into the public fields of the {@code Footprint} state (scaled
 * as {@link AuxCounterShare} explains, since JMH sums event counters over iterations), and JMH
 * prints them as extra rows next to the score:
 * <pre>
 *   MemoryPerKeyBenchmark.get                 8   10  thrpt  ...  ops/s      ← GET throughput
 *   MemoryPerKeyBenchmark.get:bytesPerKey     8   10  thrpt  ...  #          ← JOL: bytes per key
 *   MemoryPerKeyBenchmark.get:overheadPerKey  8   10  thrpt  ...  #          ← beyond the raw bytes
 * </pre>
 * The counters are constant across iterations (JOL's answer does not vary), so their error is 0;
 * the score is the ops/s of the {@code get} that carries them. Why this choice and not a
 * "benchmark" that times JOL itself: the time of a heap walk means nothing, while the per-key
 * figure belongs next to the throughput at the same sizes. The same numbers for 1,000 and
 * 1,000,000 keys come from {@code MemoryReport}'s main.
 *
 * <p>Run: {@code ./lab bench 2 MemoryPerKeyBenchmark}. JOL runs inside the forked benchmark JVM, which
 * gets {@code -Djdk.attach.allowAttachSelf=true}.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Djdk.attach.allowAttachSelf=true", "-Djol.magicFieldOffset=true"})
public class MemoryPerKeyBenchmark {
    /** How many keys each measured store holds. */
    public static final int KEYS = 10_000;
    private static final int PROBES = 1 << 12;

    /** A store of {@value #KEYS} keys of the given sizes, and what JOL says it costs. */
    @State(Scope.Benchmark)
    public static class Keyspace {
        /** Key length in bytes ({@code key:} and a zero-padded number). */
        @Param({"8", "32", "128"})
        public int keyBytes;

        /** Value length in bytes. */
        @Param({"10", "100", "1000"})
        public int valueBytes;

        double bytesPerKey;
        double overheadPerKey;
        DataStore store;
        byte[][] probes;

        @Setup(Level.Trial)
        public void fillAndMeasure() {
            Usage measured = MemoryReport.measure(KEYS, keyBytes, valueBytes, false);
            bytesPerKey = measured.bytesPerKey();
            overheadPerKey = measured.overheadPerKey();
            store = MemoryReport.filledStore(KEYS, keyBytes, valueBytes, false);
            SplittableRandom random = new SplittableRandom(7);
            probes = new byte[PROBES][];
            for (int i = 0; i < PROBES; i++) {
                probes[i] = MemoryReport.key(1 + random.nextInt(KEYS), keyBytes);
            }
        }
    }

    /** The JOL figures, as auxiliary counters JMH prints next to the score. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.EVENTS)
    public static class Footprint {
        /** Deep size per key in bytes: (store − empty store) / keys. */
        public double bytesPerKey;
        /** Bytes per key beyond the raw key and value bytes. */
        public double overheadPerKey;

        private int next;
        private double share;

        @Setup(Level.Iteration)
        public void arm(IterationParams iteration) {
            share = AuxCounterShare.of(iteration);
        }

        byte[] nextProbe(Keyspace keyspace) {
            next = (next + 1) & (PROBES - 1);
            return keyspace.probes[next];
        }
    }

    /** {@code GET} of an existing key at this key and value size; carries the memory counters. */
    @Benchmark
    public byte[] get(Keyspace keyspace, Footprint footprint) {
        // JMH zeroes the counters before each iteration and sums them over iterations: see AuxCounterShare.
        footprint.bytesPerKey = keyspace.bytesPerKey * footprint.share;
        footprint.overheadPerKey = keyspace.overheadPerKey * footprint.share;
        return keyspace.store.get(footprint.nextProbe(keyspace));
    }
}
