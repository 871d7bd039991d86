package dev.redisfromscratch.sets;

import static org.assertj.core.api.Assertions.assertThat;

import dev.redisfromscratch.testkit.grading.Points;
import dev.redisfromscratch.testkit.grading.Stage;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/**
 * {@link IntSet}'s functions against a {@link TreeSet} model: the same adds and removes give the
 * same members in the same order, the width is always the narrowest that held every member ever
 * added (it never shrinks), and the array is always the layout of {@link IntSet}'s class comment:
 * {@code size × width} bytes of slots, then the width.
 */
@Stage(lab = 6, value = 2)
class IntSetTest {
    @Test
    @Points(1)
    void addKeepsMembersSortedAndDistinct() {
        byte[] is = IntSet.empty();
        assertThat(is).containsExactly(IntSet.INT16);
        is = added(is, 5);
        is = added(is, -3);
        is = added(is, 120);
        assertThat(IntSet.add(is, 5)).as("already a member: the same array").isSameAs(is);
        assertThat(IntSet.toArray(is)).containsExactly(-3, 5, 120);
        assertThat(IntSet.width(is)).isEqualTo(IntSet.INT16);
        assertThat(IntSet.contentBytes(is)).isEqualTo(6);
        // -3, 5, 120 as little-endian int16, then the width
        assertThat(is).containsExactly(0xFD, 0xFF, 5, 0, 120, 0, 2);
        assertThat(IntSet.contains(is, 5)).isTrue();
        assertThat(IntSet.contains(is, 6)).isFalse();
    }

    @Test
    @Points(1)
    void aWiderMemberUpgradesEverySlotAndGoesAtItsEnd() {
        byte[] is = IntSet.empty();
        is = added(is, 1);
        is = added(is, 2);
        is = added(is, 70_000);                          // int32: last
        assertThat(IntSet.width(is)).isEqualTo(IntSet.INT32);
        assertThat(IntSet.toArray(is)).containsExactly(1, 2, 70_000);
        assertThat(is).containsExactly(1, 0, 0, 0, 2, 0, 0, 0, 0x70, 0x11, 1, 0, 4);
        is = added(is, -5_000_000_000L);                 // int64: first
        assertThat(IntSet.width(is)).isEqualTo(IntSet.INT64);
        assertThat(IntSet.toArray(is)).containsExactly(-5_000_000_000L, 1, 2, 70_000);
        assertThat(IntSet.contentBytes(is)).isEqualTo(32);
        assertThat(is).hasSize(33);
        is = added(is, Long.MIN_VALUE);
        is = added(is, Long.MAX_VALUE);
        assertThat(IntSet.min(is)).isEqualTo(Long.MIN_VALUE);
        assertThat(IntSet.max(is)).isEqualTo(Long.MAX_VALUE);
    }

    @Test
    @Points(1)
    void aValueWiderThanTheSetIsNotAMember() {
        byte[] is = IntSet.empty();
        is = IntSet.add(is, Short.MAX_VALUE);
        is = IntSet.add(is, Short.MIN_VALUE);
        assertThat(IntSet.contains(is, Short.MAX_VALUE + 1)).isFalse();
        assertThat(IntSet.contains(is, Short.MIN_VALUE - 1L)).isFalse();
        assertThat(IntSet.contains(is, Long.MAX_VALUE)).isFalse();
        assertThat(IntSet.contains(IntSet.empty(), 0)).isFalse();
        assertThat(IntSet.width(is)).isEqualTo(IntSet.INT16);
    }

    @Test
    void addNeverChangesTheArrayItIsGiven() {
        byte[] is = IntSet.add(IntSet.add(IntSet.empty(), 1), 3);
        byte[] before = is.clone();
        IntSet.add(is, 2);
        IntSet.add(is, 1L << 40);
        IntSet.remove(is, 1);
        assertThat(is).isEqualTo(before);
    }

    @Test
    void removeKeepsTheWidth() {
        byte[] is = IntSet.empty();
        is = IntSet.add(is, 1);
        is = IntSet.add(is, 1L << 40);
        byte[] removed = IntSet.remove(is, 1L << 40);
        assertThat(removed).isNotSameAs(is);
        assertThat(IntSet.remove(removed, 1L << 40)).as("not a member: the same array").isSameAs(removed);
        assertThat(IntSet.width(removed)).isEqualTo(IntSet.INT64);
        assertThat(IntSet.toArray(removed)).containsExactly(1);
        is = IntSet.remove(removed, 1);
        assertThat(IntSet.size(is)).isZero();
        assertThat(is).containsExactly(IntSet.INT64);
    }

    @Test
    void randomMembersAreMembersAndCopiesAreIndependent() {
        byte[] is = IntSet.empty();
        for (long v = -10; v <= 10; v++) {
            is = IntSet.add(is, v * 1000);
        }
        Random random = new Random(1);
        for (int i = 0; i < 100; i++) {
            assertThat(IntSet.contains(is, IntSet.random(is, random))).isTrue();
        }
        byte[] copy = IntSet.copy(is);
        assertThat(copy).isNotSameAs(is).isEqualTo(is);
        copy = IntSet.add(copy, 1);
        assertThat(IntSet.contains(is, 1)).isFalse();
        assertThat(IntSet.size(copy)).isEqualTo(IntSet.size(is) + 1);
        assertThat(IntSet.toString(is)).startsWith("IntSet(width 2)[-10000, -9000,");
    }

    @Property(tries = 200)
    @Points(2)
    void behavesAsASortedSet(@ForAll("operations") List<Long> operations) {
        byte[] is = IntSet.empty();
        TreeSet<Long> model = new TreeSet<>();
        int widest = IntSet.INT16;
        for (long op : operations) {
            long value = op >> 1;
            byte[] next;
            if ((op & 1) == 0) {
                next = IntSet.add(is, value);
                assertThat(next != is).as("add(%d) added", value).isEqualTo(model.add(value));
                widest = Math.max(widest, IntSet.widthOf(value));
            } else {
                next = IntSet.remove(is, value);
                assertThat(next != is).as("remove(%d) removed", value).isEqualTo(model.remove(value));
            }
            is = next;
            assertThat(IntSet.contains(is, value)).isEqualTo(model.contains(value));
            assertThat(is).hasSize(model.size() * IntSet.width(is) + 1);
        }
        assertThat(IntSet.toArray(is)).containsExactly(model.stream().mapToLong(Long::longValue).toArray());
        assertThat(IntSet.width(is)).isEqualTo(widest);
        assertThat(IntSet.size(is)).isEqualTo(model.size());
        assertThat(IntSet.contentBytes(is)).isEqualTo(model.size() * widest);
        for (long member : model) {
            assertThat(IntSet.contains(is, member)).isTrue();
        }
    }

    /** {@code IntSet.add}, checking that {@code value} was not a member: a new array, one slot longer. */
    private static byte[] added(byte[] is, long value) {
        byte[] next = IntSet.add(is, value);
        assertThat(next).as("add(%d) of a new member: a new array", value).isNotSameAs(is);
        assertThat(IntSet.size(next)).isEqualTo(IntSet.size(is) + 1);
        return next;
    }

    /** Values of every width, small ones often (so removes hit), each with a low bit: 0 add, 1 remove. */
    @Provide
    Arbitrary<List<Long>> operations() {
        Arbitrary<Long> values = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(6, Arbitraries.longs().between(-40, 40)),
                net.jqwik.api.Tuple.of(2, Arbitraries.longs().between(Integer.MIN_VALUE, Integer.MAX_VALUE)),
                net.jqwik.api.Tuple.of(1, Arbitraries.longs().between(Long.MIN_VALUE >> 1, Long.MAX_VALUE >> 1)));
        return Arbitraries.integers().between(0, 1)
                .flatMap(bit -> values.map(v -> (v << 1) | bit))
                .list().ofMaxSize(200);
    }
}
