package dev.redisfromscratch.lists;

import static dev.redisfromscratch.lists.ListTestData.b;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.redisfromscratch.encoding.EncodingLimits;
import dev.redisfromscratch.store.DataStore;
import dev.redisfromscratch.store.WrongTypeException;
import dev.redisfromscratch.testkit.ManualClock;
import dev.redisfromscratch.testkit.grading.Points;
import dev.redisfromscratch.testkit.grading.Stage;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@link ListOps} on a keyspace, as the list commands and the blocking pops use it: pops delete an
 * emptied key and count their changes, a push creates the key, a move checks both types before it
 * pops and rotates a list moved onto itself.
 */
@Stage(lab = 6, value = 1)
class ListOpsTest {
    private final DataStore store = new DataStore(new ManualClock());
    private final EncodingLimits limits = EncodingLimits.defaults();

    private List<String> contents(String key) {
        List<String> out = new ArrayList<>();
        ListValue list = (ListValue) store.lookup(b(key), ListValue.LIST);
        if (list != null) {
            list.forEach(v -> out.add(new String(v, StandardCharsets.US_ASCII)));
        }
        return out;
    }

    @Test
    @Points(1)
    void popTakesOneFromEitherEndAndDeletesTheEmptiedKey() {
        ListOps.push(store, b("k"), ListEnd.RIGHT, b("a"), limits);
        ListOps.push(store, b("k"), ListEnd.RIGHT, b("b"), limits);
        long dirty = store.dirty();
        assertThat(ListOps.pop(store, b("k"), ListEnd.RIGHT)).isEqualTo(b("b"));
        assertThat(store.dirty()).isGreaterThan(dirty);
        assertThat(ListOps.pop(store, b("k"), ListEnd.LEFT)).isEqualTo(b("a"));
        assertThat(store.exists(b("k"))).isFalse();
        assertThat(ListOps.pop(store, b("k"), ListEnd.LEFT)).isNull();
    }

    @Test
    @Points(1)
    void popWithACountTakesTheTailFirstFromTheRight() {
        for (String s : List.of("a", "b", "c", "d")) {
            ListOps.push(store, b("k"), ListEnd.RIGHT, b(s), limits);
        }
        List<String> popped = new ArrayList<>();
        ListOps.pop(store, b("k"), ListEnd.RIGHT, 3).forEach(v -> popped.add(new String(v, StandardCharsets.US_ASCII)));
        assertThat(popped).containsExactly("d", "c", "b");
        assertThat(ListOps.pop(store, b("k"), ListEnd.LEFT, 10)).hasSize(1);
        assertThat(store.exists(b("k"))).isFalse();
        assertThat(ListOps.pop(store, b("k"), ListEnd.LEFT, 10)).isNull();
    }

    @Test
    @Points(1)
    void wrongTypeIsThrownBeforeAnythingChanges() {
        store.set(b("s"), b("v"));
        ListOps.push(store, b("k"), ListEnd.RIGHT, b("a"), limits);
        assertThatThrownBy(() -> ListOps.pop(store, b("s"), ListEnd.LEFT)).isInstanceOf(WrongTypeException.class);
        assertThatThrownBy(() -> ListOps.push(store, b("s"), ListEnd.LEFT, b("x"), limits))
                .isInstanceOf(WrongTypeException.class);
        assertThatThrownBy(() -> ListOps.move(store, b("k"), ListEnd.LEFT, b("s"), ListEnd.LEFT, limits))
                .isInstanceOf(WrongTypeException.class);
        assertThat(contents("k")).containsExactly("a");
        assertThat(ListOps.move(store, b("missing"), ListEnd.LEFT, b("s"), ListEnd.LEFT, limits)).isNull();
    }

    @Test
    @Points(1)
    void moveCreatesTheDestinationAndRotatesOntoItself() {
        for (String s : List.of("a", "b", "c")) {
            ListOps.push(store, b("k"), ListEnd.RIGHT, b(s), limits);
        }
        assertThat(ListOps.move(store, b("k"), ListEnd.LEFT, b("k"), ListEnd.RIGHT, limits)).isEqualTo(b("a"));
        assertThat(contents("k")).containsExactly("b", "c", "a");
        assertThat(ListOps.move(store, b("k"), ListEnd.RIGHT, b("d"), ListEnd.LEFT, limits)).isEqualTo(b("a"));
        assertThat(contents("d")).containsExactly("a");
        ListOps.move(store, b("k"), ListEnd.LEFT, b("d"), ListEnd.LEFT, limits);
        ListOps.move(store, b("k"), ListEnd.LEFT, b("d"), ListEnd.LEFT, limits);
        assertThat(store.exists(b("k"))).isFalse();
        assertThat(contents("d")).containsExactly("c", "b", "a");
    }
}
