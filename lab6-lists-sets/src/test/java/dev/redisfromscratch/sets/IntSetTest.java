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
 * {@link IntSet} against a {@link TreeSet} model: the same adds and removes give the same members
 * in the same order, and the width is always the narrowest that held every member ever added
 * (it never shrinks).
 */
@Stage(lab = 6, value = 2)
class IntSetTest {
    @Test
    @Points(1)
    void addKeepsMembersSortedAndDistinct() {
        IntSet set = new IntSet();
        assertThat(set.add(5)).isTrue();
        assertThat(set.add(-3)).isTrue();
        assertThat(set.add(120)).isTrue();
        assertThat(set.add(5)).isFalse();
        assertThat(set.toArray()).containsExactly(-3, 5, 120);
        assertThat(set.width()).isEqualTo(IntSet.INT16);
        assertThat(set.contentBytes()).isEqualTo(6);
        assertThat(set.contains(5)).isTrue();
        assertThat(set.contains(6)).isFalse();
    }

    @Test
    @Points(1)
    void aWiderMemberUpgradesEverySlotAndGoesAtItsEnd() {
        IntSet set = new IntSet();
        set.add(1);
        set.add(2);
        assertThat(set.add(70_000)).isTrue();            // int32: last
        assertThat(set.width()).isEqualTo(IntSet.INT32);
        assertThat(set.toArray()).containsExactly(1, 2, 70_000);
        assertThat(set.add(-5_000_000_000L)).isTrue();   // int64: first
        assertThat(set.width()).isEqualTo(IntSet.INT64);
        assertThat(set.toArray()).containsExactly(-5_000_000_000L, 1, 2, 70_000);
        assertThat(set.contentBytes()).isEqualTo(32);
        assertThat(set.add(Long.MIN_VALUE)).isTrue();
        assertThat(set.add(Long.MAX_VALUE)).isTrue();
        assertThat(set.min()).isEqualTo(Long.MIN_VALUE);
        assertThat(set.max()).isEqualTo(Long.MAX_VALUE);
    }

    @Test
    @Points(1)
    void aValueWiderThanTheSetIsNotAMember() {
        IntSet set = new IntSet();
        set.add(Short.MAX_VALUE);
        set.add(Short.MIN_VALUE);
        assertThat(set.contains(Short.MAX_VALUE + 1)).isFalse();
        assertThat(set.contains(Short.MIN_VALUE - 1L)).isFalse();
        assertThat(set.contains(Long.MAX_VALUE)).isFalse();
        assertThat(set.width()).isEqualTo(IntSet.INT16);
    }

    @Test
    void removeKeepsTheWidth() {
        IntSet set = new IntSet();
        set.add(1);
        set.add(1L << 40);
        assertThat(set.remove(1L << 40)).isTrue();
        assertThat(set.remove(1L << 40)).isFalse();
        assertThat(set.width()).isEqualTo(IntSet.INT64);
        assertThat(set.toArray()).containsExactly(1);
        assertThat(set.remove(1)).isTrue();
        assertThat(set.size()).isZero();
    }

    @Test
    void randomMembersAreMembersAndCopiesAreIndependent() {
        IntSet set = new IntSet();
        for (long v = -10; v <= 10; v++) {
            set.add(v * 1000);
        }
        Random random = new Random(1);
        for (int i = 0; i < 100; i++) {
            assertThat(set.contains(set.random(random))).isTrue();
        }
        IntSet copy = set.copy();
        copy.add(1);
        assertThat(set.contains(1)).isFalse();
        assertThat(copy.size()).isEqualTo(set.size() + 1);
    }

    @Property(tries = 200)
    @Points(2)
    void behavesAsASortedSet(@ForAll("operations") List<Long> operations) {
        IntSet set = new IntSet();
        TreeSet<Long> model = new TreeSet<>();
        int widest = IntSet.INT16;
        for (long op : operations) {
            long value = op >> 1;
            if ((op & 1) == 0) {
                assertThat(set.add(value)).isEqualTo(model.add(value));
                widest = Math.max(widest, IntSet.widthOf(value));
            } else {
                assertThat(set.remove(value)).isEqualTo(model.remove(value));
            }
            assertThat(set.contains(value)).isEqualTo(model.contains(value));
        }
        assertThat(set.toArray()).containsExactly(model.stream().mapToLong(Long::longValue).toArray());
        assertThat(set.width()).isEqualTo(widest);
        assertThat(set.contentBytes()).isEqualTo(model.size() * widest);
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
