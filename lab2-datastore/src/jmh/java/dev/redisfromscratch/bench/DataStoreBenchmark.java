package dev.redisfromscratch.bench;

import dev.redisfromscratch.store.DataStore;
import dev.redisfromscratch.store.Key;
import dev.redisfromscratch.store.MemoryReport;
import java.time.Clock;
import java.util.Arrays;
import java.util.HashMap;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
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

/**
 * GET and SET throughput of the {@link DataStore} at 1,000, 100,000 and 1,000,000 keys, with a plain
 * {@code HashMap<Key, byte[]>} holding the same keys as the peer: the difference is what the store
 * adds (the type check, the expires-index check, the key wrapper allocation).
 *
 * <p>Keys are {@code key:1 .. key:N} with 10-byte values, as in {@link MemoryReport}. Each call reads
 * or overwrites one existing key, picked from 65,536 precomputed random keys (copies of the stored
 * key bytes, so equality compares bytes, as it does for a key arriving from a client). At 1,000 keys
 * everything fits in the CPU caches; at 1,000,000 (about 110 MB) most lookups miss them, and the
 * throughput drop is the cost of memory latency, not of the algorithm: both are O(1).
 *
 * <p>Pitfalls handled as in the JMH samples: inputs are in non-final {@code @State} fields; results
 * are returned (no dead code); SET overwrites an existing key, so the store keeps its size and every
 * call does the same work; no hand-written loop, JMH calls the method.
 *
 * <p>Run: {@code ./lab bench 2 DataStoreBenchmark} (about 2 minutes), or one size:
 * {@code ./lab bench 2 DataStoreBenchmark -p keys=1000000}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class DataStoreBenchmark {
    private static final int PROBES = 1 << 16;

    /** How many keys the store holds. */
    @Param({"1000", "100000", "1000000"})
    public int keys;

    private DataStore store;
    private HashMap<Key, byte[]> hashMap;
    private byte[][] probes;
    private byte[] newValue;
    private int next;

    @Setup(Level.Trial)
    public void fill() {
        store = MemoryReport.filledStore(keys, 0, MemoryReport.DEFAULT_VALUE_BYTES, false);
        hashMap = new HashMap<>();
        for (int i = 1; i <= keys; i++) {
            hashMap.put(new Key(MemoryReport.key(i, 0)), new byte[MemoryReport.DEFAULT_VALUE_BYTES]);
        }
        SplittableRandom random = new SplittableRandom(42);
        probes = new byte[PROBES][];
        for (int i = 0; i < PROBES; i++) {
            probes[i] = MemoryReport.key(1 + random.nextInt(keys), 0);
        }
        newValue = new byte[MemoryReport.DEFAULT_VALUE_BYTES];
        Arrays.fill(newValue, (byte) 'n');
        if (store.get(probes[0]) == null) {
            throw new IllegalStateException("probe keys must exist");
        }
    }

    private byte[] nextProbe() {
        next = (next + 1) & (PROBES - 1);
        return probes[next];
    }

    /** {@code GET key} on the store: lookup, lazy-expiry check, type check. */
    @Benchmark
    public byte[] get() {
        return store.get(nextProbe());
    }

    /** {@code SET key value} on the store, overwriting an existing key. */
    @Benchmark
    public DataStore set() {
        store.set(nextProbe(), newValue);
        return store;
    }

    /** The peer: {@code HashMap.get} with the same keys. */
    @Benchmark
    public byte[] hashMapGet() {
        return hashMap.get(new Key(nextProbe()));
    }

    /** The peer: {@code HashMap.put} overwriting an existing key. */
    @Benchmark
    public byte[] hashMapPut() {
        return hashMap.put(new Key(nextProbe()), newValue);
    }
}
