package dev.redisfromscratch.lists;

import static dev.redisfromscratch.lists.ListTestData.b;
import static dev.redisfromscratch.lists.ListTestData.contents;
import static dev.redisfromscratch.lists.ListTestData.limits;
import static org.assertj.core.api.Assertions.assertThat;

import dev.redisfromscratch.encoding.EncodingLimits;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The quicklist against an {@code ArrayList} model: pushes, pops, index, insert, replace and
 * deletes across node boundaries, with small node limits so that nodes split and merge. Given code.
 */
class QuicklistTest {
    private static List<String> backwards(Quicklist q) {
        List<String> out = new ArrayList<>();
        q.walk(-1, false, v -> {
            out.add(0, new String(v, StandardCharsets.ISO_8859_1));
            return true;
        });
        return out;
    }

    private static void assertInvariants(Quicklist q, List<String> model, EncodingLimits limits) {
        assertThat(q.size()).isEqualTo(model.size());
        assertThat(Arrays.stream(q.nodeSizes()).sum()).isEqualTo(model.size());
        assertThat(q.nodeSizes()).doesNotContain(0);
        int[] sizes = q.nodeSizes();
        int[] bytes = q.nodeBytes();
        for (int i = 0; i < sizes.length; i++) {
            if (sizes[i] > 1) { // a single entry may be bigger than the limit
                assertThat(Quicklist.fits(limits, sizes[i], bytes[i])).as("node %d of %s", i, Arrays.toString(sizes)).isTrue();
            }
        }
    }

    @Test
    void pushesFillANodeUpToTheEntryLimitThenStartANewOne() {
        EncodingLimits limits = limits(3);
        Quicklist q = new Quicklist();
        for (int i = 0; i < 7; i++) {
            q.pushTail(b("e" + i), limits);
        }
        assertThat(q.nodeSizes()).containsExactly(3, 3, 1);
        q.pushHead(b("h"), limits);
        assertThat(q.nodeSizes()).containsExactly(1, 3, 3, 1);
        assertThat(contents(q::forEach)).containsExactly("h", "e0", "e1", "e2", "e3", "e4", "e5", "e6");
    }

    @Test
    void aByteLimitBoundsEachNode() {
        EncodingLimits limits = limits(-1); // 4096 bytes
        Quicklist q = new Quicklist();
        byte[] value = new byte[1000];
        Arrays.fill(value, (byte) 'v');
        for (int i = 0; i < 10; i++) {
            q.pushTail(value, limits);
        }
        assertThat(q.nodeSizes()).containsExactly(4, 4, 2);
        assertThat(q.nodeBytes()[0]).isLessThanOrEqualTo(4096);
    }

    @Test
    void popsUnlinkEmptiedNodes() {
        EncodingLimits limits = limits(2);
        Quicklist q = new Quicklist();
        for (int i = 0; i < 5; i++) {
            q.pushTail(b(Integer.toString(i)), limits);
        }
        assertThat(q.popHead()).isEqualTo(b("0"));
        assertThat(q.popHead()).isEqualTo(b("1"));
        assertThat(q.nodeCount()).isEqualTo(2);
        assertThat(q.popTail()).isEqualTo(b("4"));
        assertThat(q.popTail()).isEqualTo(b("3"));
        assertThat(q.popTail()).isEqualTo(b("2"));
        assertThat(q.popTail()).isNull();
        assertThat(q.popHead()).isNull();
        assertThat(q.nodeCount()).isZero();
    }

    @Test
    void indexWorksFromBothEndsAcrossNodes() {
        EncodingLimits limits = limits(3);
        Quicklist q = new Quicklist();
        for (int i = 0; i < 10; i++) {
            q.pushTail(b(Integer.toString(i)), limits);
        }
        for (int i = 0; i < 10; i++) {
            assertThat(q.get(i)).isEqualTo(b(Integer.toString(i)));
            assertThat(q.get(i - 10)).isEqualTo(b(Integer.toString(i)));
        }
        assertThat(q.get(10)).isNull();
        assertThat(q.get(-11)).isNull();
    }

    @Test
    void insertInAFullNodeSplitsIt() {
        EncodingLimits limits = limits(4);
        Quicklist q = new Quicklist();
        for (int i = 0; i < 4; i++) {
            q.pushTail(b(Integer.toString(i)), limits);
        }
        q.insert(1, b("x"), true, limits);
        assertThat(contents(q::forEach)).containsExactly("0", "1", "x", "2", "3");
        assertThat(q.nodeCount()).isEqualTo(2);
        assertInvariants(q, List.of("0", "1", "x", "2", "3"), limits);
    }

    @Test
    void aReplaceThatOutgrowsItsNodeSplitsIt() {
        EncodingLimits limits = limits(-1);
        Quicklist q = new Quicklist();
        byte[] value = new byte[1000];
        for (int i = 0; i < 4; i++) {
            q.pushTail(value, limits);
        }
        assertThat(q.nodeCount()).isEqualTo(1);
        byte[] big = new byte[2000];
        Arrays.fill(big, (byte) 'b');
        q.replace(1, big, limits);
        assertThat(q.get(1)).isEqualTo(big);
        assertThat(q.nodeCount()).isGreaterThan(1);
        for (int bytes : q.nodeBytes()) {
            assertThat(bytes).isLessThanOrEqualTo(4096);
        }
    }

    @Test
    void readsAreCopies() {
        EncodingLimits limits = limits(-2);
        Quicklist q = new Quicklist();
        q.pushTail(b("abc"), limits);
        q.get(0)[0] = 'z';
        q.forEach(v -> v[0] = 'z');
        q.walk(0, true, v -> {
            v[0] = 'z';
            return true;
        });
        assertThat(q.get(0)).isEqualTo(b("abc"));
        Quicklist copy = q.copy();
        q.replace(0, b("new"), limits);
        assertThat(copy.get(0)).isEqualTo(b("abc"));
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 5, 16, -1, -2})
    void randomOperationsFollowAnArrayList(int fill) {
        runModel(new Random(fill * 31L + 7), limits(fill), 4000);
    }

    @Property(tries = 30)
    void anyOperationSequenceFollowsAnArrayList(@ForAll("seeds") long seed, @ForAll("fills") int fill) {
        runModel(new Random(seed), limits(fill), 400);
    }

    @Provide
    Arbitrary<Long> seeds() {
        return Arbitraries.longs();
    }

    @Provide
    Arbitrary<Integer> fills() {
        return Arbitraries.of(1, 2, 3, 4, 7, 128, -1);
    }

    private static void runModel(Random random, EncodingLimits limits, int steps) {
        Quicklist q = new Quicklist();
        List<String> model = new ArrayList<>();
        for (int step = 0; step < steps; step++) {
            String value = random.nextInt(10) == 0 ? "x".repeat(random.nextInt(3000)) : "v" + random.nextInt(50);
            int op = random.nextInt(11);
            switch (op) {
                case 0, 1 -> { q.pushHead(b(value), limits); model.add(0, value); }
                case 2, 3 -> { q.pushTail(b(value), limits); model.add(value); }
                case 4 -> {
                    byte[] popped = q.popHead();
                    assertThat(popped == null ? null : new String(popped, StandardCharsets.ISO_8859_1))
                            .isEqualTo(model.isEmpty() ? null : model.remove(0));
                }
                case 5 -> {
                    byte[] popped = q.popTail();
                    assertThat(popped == null ? null : new String(popped, StandardCharsets.ISO_8859_1))
                            .isEqualTo(model.isEmpty() ? null : model.remove(model.size() - 1));
                }
                case 6 -> {
                    int i = model.isEmpty() ? 0 : random.nextInt(model.size() + 2) - 1;
                    boolean after = random.nextBoolean();
                    boolean done = q.insert(i, b(value), after, limits);
                    int index = i < 0 ? i + model.size() : i;
                    assertThat(done).isEqualTo(index >= 0 && index < model.size());
                    if (done) {
                        model.add(after ? index + 1 : index, value);
                    }
                }
                case 7 -> {
                    if (!model.isEmpty()) {
                        int i = random.nextInt(model.size());
                        q.replace(i, b(value), limits);
                        model.set(i, value);
                    }
                }
                case 8 -> {
                    if (!model.isEmpty()) {
                        int i = random.nextInt(model.size());
                        int n = random.nextInt(8);
                        long deleted = q.deleteRange(random.nextBoolean() ? i : i - model.size(), n);
                        List<String> range = model.subList(i, Math.min(model.size(), i + n));
                        assertThat(deleted).isEqualTo(range.size());
                        range.clear();
                    }
                }
                case 9 -> {
                    String target = "v" + random.nextInt(50);
                    int limit = random.nextInt(5) - 2;
                    long removed = q.removeMatching(b(target), limit);
                    assertThat(removed).isEqualTo(removeFromModel(model, target, limit));
                }
                default -> {
                    if (!model.isEmpty()) {
                        int i = random.nextInt(model.size());
                        assertThat(new String(q.get(i), StandardCharsets.ISO_8859_1)).isEqualTo(model.get(i));
                        assertThat(new String(q.get(i - model.size()), StandardCharsets.ISO_8859_1)).isEqualTo(model.get(i));
                    }
                }
            }
            assertInvariants(q, model, limits);
        }
        assertThat(contents(q::forEach)).isEqualTo(model);
        assertThat(backwards(q)).isEqualTo(model);
        assertThat(contents(q.copy()::forEach)).isEqualTo(model);
    }

    private static long removeFromModel(List<String> model, String target, int limit) {
        long removed = 0;
        long max = limit == 0 ? Long.MAX_VALUE : Math.abs(limit);
        if (limit >= 0) {
            for (int i = 0; i < model.size() && removed < max; ) {
                if (model.get(i).equals(target)) {
                    model.remove(i);
                    removed++;
                } else {
                    i++;
                }
            }
        } else {
            for (int i = model.size() - 1; i >= 0 && removed < max; i--) {
                if (model.get(i).equals(target)) {
                    model.remove(i);
                    removed++;
                }
            }
        }
        return removed;
    }
}
