package dev.redisfromscratch.lists;

import static dev.redisfromscratch.lists.ListTestData.b;
import static dev.redisfromscratch.lists.ListTestData.contents;
import static dev.redisfromscratch.lists.ListTestData.limits;
import static org.assertj.core.api.Assertions.assertThat;

import dev.redisfromscratch.encoding.EncodingLimits;
import dev.redisfromscratch.encoding.Listpack;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The list's two encodings and Redis 7.2's conversions between them, with the limits set directly
 * (no CONFIG): listpack up to one node's limit, quicklist past it, and back to a listpack when a
 * single node shrinks to half the limit.
 */
class ListValueTest {
    @Test
    void aNewListIsAnEmptyListpack() {
        ListValue list = new ListValue();
        assertThat(list.encoding()).isEqualTo("listpack");
        assertThat(list.size()).isZero();
        assertThat(list.popHead()).isNull();
        assertThat(list.popTail()).isNull();
        assertThat(list.type()).isEqualTo(ListValue.LIST);
    }

    @Test
    void aPositiveLimitConvertsOnTheEntryPastIt() {
        EncodingLimits limits = limits(4);
        ListValue list = new ListValue();
        for (int i = 0; i < 4; i++) {
            list.pushTail(b("e" + i), limits);
        }
        assertThat(list.encoding()).isEqualTo("listpack");
        list.pushHead(b("h"), limits);
        assertThat(list.encoding()).isEqualTo("quicklist");
        assertThat(list.quicklistNodes()).isEqualTo(2); // the old listpack is the first node
        assertThat(contents(list::forEach)).containsExactly("h", "e0", "e1", "e2", "e3");
    }

    @Test
    void theDefaultLimitConvertsAtEightKilobytes() {
        EncodingLimits limits = EncodingLimits.defaults(); // -2: 8192 bytes
        ListValue list = new ListValue();
        byte[] value = new byte[100];
        Arrays.fill(value, (byte) 'v');
        int entry = Listpack.entrySize(value);
        int fit = (8192 - 5) / entry; // header and end marker: 5 bytes
        for (int i = 0; i < fit; i++) {
            list.pushTail(value, limits);
        }
        assertThat(list.encoding()).isEqualTo("listpack");
        list.pushTail(value, limits);
        assertThat(list.encoding()).isEqualTo("quicklist");
    }

    @Test
    void aSingleElementOverTheLimitMakesAQuicklistAtOnce() {
        ListValue list = new ListValue();
        list.pushTail(new byte[9000], EncodingLimits.defaults());
        assertThat(list.encoding()).isEqualTo("quicklist");
    }

    @Test
    void aQuicklistOfOneNodeAtHalfTheLimitShrinksBack() {
        EncodingLimits limits = limits(4);
        ListValue list = new ListValue();
        for (int i = 0; i < 5; i++) {
            list.pushTail(b("e" + i), limits);
        }
        assertThat(list.encoding()).isEqualTo("quicklist");
        list.popTail(); // one node of 4: more than half
        assertThat(list.encoding()).isEqualTo("quicklist");
        list.popTail(); // 3
        assertThat(list.encoding()).isEqualTo("quicklist");
        list.popTail(); // 2 = half of 4
        assertThat(list.encoding()).isEqualTo("listpack");
        assertThat(contents(list::forEach)).containsExactly("e0", "e1");
    }

    @Test
    void lsetAndLinsertCountAsGrowing() {
        EncodingLimits limits = limits(3);
        ListValue list = new ListValue();
        for (String s : List.of("a", "b", "c")) {
            list.pushTail(b(s), limits);
        }
        assertThat(list.insert(b("zzz"), b("x"), true, limits)).isEqualTo(-1);
        assertThat(list.encoding()).isEqualTo("quicklist"); // 7.2 converts before looking for the pivot
        assertThat(list.insert(b("b"), b("x"), false, limits)).isEqualTo(4);
        assertThat(contents(list::forEach)).containsExactly("a", "x", "b", "c");
        assertThat(list.set(-1, b("C"), limits)).isTrue();
        assertThat(list.set(4, b("C"), limits)).isFalse();
        assertThat(list.get(-1)).isEqualTo(b("C"));
    }

    @Test
    void removeAndDeleteRangeWorkInBothEncodings() {
        for (int fill : new int[] {-2, 2}) {
            EncodingLimits limits = limits(fill);
            ListValue list = new ListValue();
            for (String s : List.of("a", "b", "a", "c", "a", "d")) {
                list.pushTail(b(s), limits);
            }
            assertThat(list.remove(b("a"), -2)).isEqualTo(2);
            assertThat(contents(list::forEach)).containsExactly("a", "b", "c", "d");
            assertThat(list.remove(b("a"), 0)).isEqualTo(1);
            list.deleteRange(0, 1);
            list.deleteRange(-1, 1);
            assertThat(contents(list::forEach)).containsExactly("c");
        }
    }

    @Test
    void aCopySharesNothing() {
        EncodingLimits limits = limits(2);
        ListValue list = new ListValue();
        for (String s : List.of("a", "b", "c")) {
            list.pushTail(b(s), limits);
        }
        ListValue copy = list.copy();
        list.set(0, b("z"), limits);
        list.popTail();
        assertThat(contents(copy::forEach)).containsExactly("a", "b", "c");
        assertThat(copy.encoding()).isEqualTo("quicklist");
    }

    @Test
    void walkGoesEitherWayFromAnIndex() {
        ListValue list = new ListValue();
        for (String s : List.of("a", "b", "c", "d")) {
            list.pushTail(b(s), EncodingLimits.defaults());
        }
        List<String> seen = new ArrayList<>();
        list.walk(-2, false, v -> {
            seen.add(new String(v, StandardCharsets.US_ASCII));
            return true;
        });
        assertThat(seen).containsExactly("c", "b", "a");
    }
}
