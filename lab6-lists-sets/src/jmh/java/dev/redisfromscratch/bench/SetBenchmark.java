package dev.redisfromscratch.bench;

import dev.redisfromscratch.encoding.EncodingLimits;
import dev.redisfromscratch.sets.SetValue;
import dev.redisfromscratch.sets.SinterCommand;
import dev.redisfromscratch.store.Key;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
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
import org.openjdk.jmh.infra.Blackhole;

/**
 * SADD, SISMEMBER and SINTER on lab 6's {@link SetValue} in each encoding, on each side of its
 * threshold, against a {@link HashSet} of {@link Key}s holding the same members in the same run.
 *
 * <p>{@link #shape}: what the set holds, which decides its encoding under Redis's default limits:
 * <pre>
 *   ints:128      128 small integers           intset (well under set-max-intset-entries)
 *   ints:512      512 integers                 intset, at the limit
 *   ints:513      513 integers                 hashtable, one past it
 *   strings:128   128 8-byte strings           listpack, at set-max-listpack-entries
 *   strings:129   129 8-byte strings           hashtable, one past it
 * </pre>
 *
 * <ul>
 *   <li>{@code sadd*}: adds the set's last member and removes it again, so the set keeps its size
 *       and encoding (the set is built with every member, then the last one removed, so the
 *       one-past shapes stay hash tables);</li>
 *   <li>{@code sismember*}: looks up a member, a different one each call (a counter walks the
 *       members, half of the probes are misses);</li>
 *   <li>{@code sinter*}: the intersection of the set and another of the same shape sharing half its
 *       members ({@link SinterCommand#intersection}; the peer walks the smaller {@code HashSet}
 *       and asks the other, the same algorithm).</li>
 * </ul>
 * What to expect: the intset's binary search and the listpack's linear scan against one hash
 * probe; the compact encodings win on memory (the memory report), not on time, which is why Redis
 * leaves them at a few hundred members.
 *
 * <p>Pitfalls handled as in the JMH samples: results go to a {@link Blackhole} or are returned; no
 * loops of our own around the measured call; the state is built once per trial.
 *
 * <p>Run: {@code ./lab bench 6 SetBenchmark}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Thread)
public class SetBenchmark {
    /** {@code ints:N} or {@code strings:N}: the members and their number (see the class comment). */
    @Param({"ints:128", "ints:512", "ints:513", "strings:128", "strings:129"})
    public String shape;

    private final EncodingLimits limits = EncodingLimits.defaults();
    private SetValue set;
    private SetValue other;
    private HashSet<Key> hashSet;
    private HashSet<Key> otherHashSet;
    private byte[] last;
    private Key lastKey;
    private byte[][] probes;
    private int next;

    /** Builds both sets of the shape, their peers, and the probes. */
    @Setup(Level.Trial)
    public void setUp() {
        String[] parts = shape.split(":");
        boolean ints = parts[0].equals("ints");
        int n = Integer.parseInt(parts[1]);
        byte[][] members = new byte[n][];
        for (int i = 0; i < n; i++) {
            members[i] = bytes(ints ? Integer.toString(i * 7) : String.format("m%07d", i));
        }
        set = new SetValue();
        other = new SetValue();
        hashSet = new HashSet<>();
        otherHashSet = new HashSet<>();
        for (int i = 0; i < n; i++) {
            set.add(members[i], limits);
            hashSet.add(new Key(members[i]));
            byte[] shifted = i < n / 2 ? members[i] : bytes(ints ? Integer.toString(-i) : "x" + i);
            other.add(shifted, limits);
            otherHashSet.add(new Key(shifted));
        }
        last = members[n - 1];
        lastKey = new Key(last);
        set.remove(last);
        hashSet.remove(lastKey);
        probes = new byte[2 * n][];
        for (int i = 0; i < n; i++) {
            probes[2 * i] = members[i];                                            // a hit (but the last)
            probes[2 * i + 1] = bytes(ints ? Integer.toString(i * 7 + 1) : "z" + i); // a miss
        }
    }

    /** SADD of a new member and SREM of it: lab 6's set. */
    @Benchmark
    public boolean saddSetValue() {
        set.add(last, limits);
        return set.remove(last);
    }

    /** The same on a HashSet. */
    @Benchmark
    public boolean saddHashSet() {
        hashSet.add(lastKey);
        return hashSet.remove(lastKey);
    }

    /** SISMEMBER: lab 6's set. */
    @Benchmark
    public boolean sismemberSetValue() {
        int i = next;
        next = i + 1 == probes.length ? 0 : i + 1;
        return set.contains(probes[i]);
    }

    /** The same on a HashSet, wrapping the probe in a Key per call as our set does. */
    @Benchmark
    public boolean sismemberHashSet() {
        int i = next;
        next = i + 1 == probes.length ? 0 : i + 1;
        return hashSet.contains(new Key(probes[i]));
    }

    /** SINTER of two sets of the shape: lab 6's algorithm. */
    @Benchmark
    public void sinterSetValue(Blackhole bh) {
        bh.consume(SinterCommand.intersection(List.of(set, other), 0));
    }

    /** The same on HashSets: walk the smaller, ask the other. */
    @Benchmark
    public void sinterHashSet(Blackhole bh) {
        HashSet<Key> small = hashSet.size() <= otherHashSet.size() ? hashSet : otherHashSet;
        HashSet<Key> large = small == hashSet ? otherHashSet : hashSet;
        List<Key> common = new ArrayList<>();
        for (Key k : small) {
            if (large.contains(k)) {
                common.add(k);
            }
        }
        bh.consume(common);
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
