package dev.redisfromscratch.bench;

import dev.redisfromscratch.encoding.EncodingLimits;
import dev.redisfromscratch.lists.ListValue;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.LinkedList;
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
 * The list's operations, LPUSH/LPOP, LINDEX and LRANGE, on lab 6's {@link ListValue} in each of
 * its encodings, with {@link ArrayDeque} and {@link LinkedList} as peers in the same run.
 *
 * <ul>
 *   <li>{@link #size}: 100 short elements is one listpack (about 1.5 KB, under the 8 KB node of
 *       {@code list-max-listpack-size -2}); 1 000 and 100 000 are quicklists of 8 KB nodes.</li>
 *   <li>{@link #impl}: {@code ListValue}, {@code ArrayDeque}, {@code LinkedList}.</li>
 *   <li>{@code pushPopHead}: LPUSH then LPOP, so the size stays put. A listpack copies its whole
 *       array on each change; a quicklist copies one node; the peers allocate (LinkedList) or not
 *       (ArrayDeque).</li>
 *   <li>{@code indexMiddle}: LINDEX of the middle element: a listpack walks half its entries, a
 *       quicklist skips whole nodes then walks one; LinkedList walks half its nodes; ArrayDeque has
 *       no index and iterates.</li>
 *   <li>{@code rangeTen}: LRANGE of 10 elements from the middle, each given to the Blackhole.</li>
 * </ul>
 *
 * <p>Pitfalls handled as in the JMH samples: the state is per thread ({@code @State(Scope.Thread)})
 * and built in {@code @Setup}; results are returned or sunk in a {@link Blackhole}; JMH does the
 * looping.
 *
 * <p>Run: {@code ./lab bench 6 ListBenchmark}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Thread)
public class ListBenchmark {
    /** Elements in the list: a listpack (100) or a quicklist (1 000, 100 000) for ListValue. */
    @Param({"100", "1000", "100000"})
    public int size;

    /** The list under test. */
    @Param({"ListValue", "ArrayDeque", "LinkedList"})
    public String impl;

    private final EncodingLimits limits = EncodingLimits.defaults();
    private final byte[] pushed = bytes("pushed:element");
    private ListValue listValue;
    private Deque<byte[]> deque;
    private LinkedList<byte[]> linked;

    /** Fills the list with {@code element:<i>}. */
    @Setup(Level.Trial)
    public void setUp() {
        switch (impl) {
            case "ListValue" -> {
                listValue = new ListValue();
                for (int i = 0; i < size; i++) {
                    listValue.pushTail(bytes("element:" + i), limits);
                }
                String expected = size <= 100 ? "listpack" : "quicklist";
                if (!listValue.encoding().equals(expected)) {
                    throw new IllegalStateException(size + " elements are " + listValue.encoding());
                }
            }
            case "ArrayDeque" -> {
                deque = new ArrayDeque<>();
                for (int i = 0; i < size; i++) {
                    deque.addLast(bytes("element:" + i));
                }
            }
            case "LinkedList" -> {
                linked = new LinkedList<>();
                for (int i = 0; i < size; i++) {
                    linked.addLast(bytes("element:" + i));
                }
            }
            default -> throw new IllegalArgumentException(impl);
        }
    }

    /** @return the element popped: LPUSH then LPOP */
    @Benchmark
    public byte[] pushPopHead() {
        switch (impl) {
            case "ListValue":
                listValue.pushHead(pushed, limits);
                return listValue.popHead();
            case "ArrayDeque":
                deque.addFirst(pushed);
                return deque.pollFirst();
            default:
                linked.addFirst(pushed);
                return linked.pollFirst();
        }
    }

    /** @return the middle element: LINDEX size/2 */
    @Benchmark
    public byte[] indexMiddle() {
        int middle = size / 2;
        switch (impl) {
            case "ListValue":
                return listValue.get(middle);
            case "ArrayDeque":
                Iterator<byte[]> it = deque.iterator();
                for (int i = 0; i < middle; i++) {
                    it.next();
                }
                return it.next();
            default:
                return linked.get(middle);
        }
    }

    /** LRANGE of 10 elements from the middle, each into the Blackhole. */
    @Benchmark
    public void rangeTen(Blackhole bh) {
        int middle = size / 2;
        switch (impl) {
            case "ListValue" -> {
                int[] left = {10};
                listValue.walk(middle, true, e -> {
                    bh.consume(e);
                    return --left[0] > 0;
                });
            }
            case "ArrayDeque" -> deque.stream().skip(middle).limit(10).forEach(bh::consume);
            default -> {
                java.util.ListIterator<byte[]> it = linked.listIterator(middle);
                for (int i = 0; i < 10 && it.hasNext(); i++) {
                    bh.consume(it.next());
                }
            }
        }
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
