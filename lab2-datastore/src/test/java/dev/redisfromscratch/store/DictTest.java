package dev.redisfromscratch.store;

import static org.assertj.core.api.Assertions.assertThat;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.redisfromscratch.testkit.grading.Stage;
import java.util.ArrayList;
import java.util.ConcurrentModificationException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

@Stage(lab = 2, value = 1)
class DictTest {
    @Test
    void aTableThatLostMostOfItsEntriesIsRebuiltSmaller() {
        Dict<String> dict = new Dict<>();
        for (int i = 0; i < 1000; i++) {
            dict.put(Key.of("k" + i), "v");
        }
        for (int i = 0; i < 950; i++) {
            dict.remove(Key.of("k" + i));
        }

        assertThat(dict.resizeIfSparse()).isTrue();
        assertThat(dict.size()).isEqualTo(50);
        assertThat(dict.peakSize()).isEqualTo(50);
        assertThat(dict.get(Key.of("k999"))).isEqualTo("v");
    }

    @Test
    void aTableAtLeastTenPercentFullIsLeftAlone() {
        Dict<String> dict = new Dict<>();
        for (int i = 0; i < 1000; i++) {
            dict.put(Key.of("k" + i), "v");
        }
        for (int i = 0; i < 900; i++) {
            dict.remove(Key.of("k" + i));
        }

        assertThat(dict.resizeIfSparse()).isFalse();
        assertThat(dict.peakSize()).isEqualTo(1000);
    }

    @Test
    void overwritingAKeyDoesNotRaiseThePeak() {
        Dict<String> dict = new Dict<>();
        dict.put(Key.of("k"), "v1");
        dict.put(Key.of("k"), "v2");

        assertThat(dict.peakSize()).isEqualTo(1);
        assertThat(dict.get(Key.of("k"))).isEqualTo("v2");
    }

    @Test
    void theTableGrowsAsAHashMapDoes() {
        Dict<String> dict = new Dict<>();
        assertThat(dict.capacity()).isZero();
        dict.put(Key.of("k0"), "v");
        assertThat(dict.capacity()).isEqualTo(16);
        for (int i = 1; i <= 12; i++) {
            dict.put(Key.of("k" + i), "v");
        }
        assertThat(dict.capacity()).isEqualTo(32); // 13 entries > 16 * 0.75
        dict.clear();
        assertThat(dict.capacity()).isZero();
        assertThat(dict.size()).isZero();
    }

    @Test
    void theCursorCountsBucketsInReverseBinary() {
        Dict<String> dict = new Dict<>();
        dict.put(Key.of("k"), "v"); // 16 buckets
        List<Long> cursors = new ArrayList<>();
        long cursor = 0;
        do {
            cursors.add(cursor);
            cursor = dict.scan(cursor, (k, v) -> { });
        } while (cursor != 0);

        assertThat(cursors).containsExactly(0L, 8L, 4L, 12L, 2L, 10L, 6L, 14L, 1L, 9L, 5L, 13L, 3L, 11L, 7L, 15L);
    }

    @Test
    void aFullScanOfAStillTableVisitsEveryKeyOnce() {
        Dict<String> dict = new Dict<>();
        for (int i = 0; i < 1000; i++) {
            dict.put(Key.of("k" + i), "v" + i);
        }
        Map<Key, Integer> seen = new HashMap<>();
        long cursor = 0;
        do {
            cursor = dict.scan(cursor, (k, v) -> {
                assertThat(v).isEqualTo("v" + k.toString().substring(1));
                seen.merge(k, 1, Integer::sum);
            });
        } while (cursor != 0);

        assertThat(seen).hasSize(1000);
        assertThat(seen.values()).containsOnly(1);
    }

    @Test
    void anEmptyTableEndsTheScanAtOnceAndAnyCursorIsAccepted() {
        Dict<String> dict = new Dict<>();
        assertThat(dict.scan(12345, (k, v) -> { })).isZero();
        dict.put(Key.of("k"), "v");
        assertThat(dict.scan(-1, (k, v) -> { })).isZero(); // the last bucket, then the end
        Set<Key> seen = new HashSet<>();
        long cursor = 1L << 40; // bits above the mask are ignored
        do {
            cursor = dict.scan(cursor, (k, v) -> seen.add(k));
        } while (cursor != 0);
        assertThat(seen).isNotEmpty(); // from bucket 0's position in the order onwards
    }

    /**
     * Property: a key present for the whole iteration is returned, while between SCAN steps other
     * keys come and go, the table grows (several doublings) and shrinks (rebuilt smaller).
     */
    @Test
    void keysPresentThroughoutAreReturnedWhileTheTableGrowsAndShrinks() {
        int resizes = 0;
        for (int seed = 0; seed < 100; seed++) {
            Random random = new Random(seed);
            Dict<Integer> dict = new Dict<>();
            Set<Key> stable = new HashSet<>();
            int stableCount = 1 + random.nextInt(100);
            for (int i = 0; i < stableCount; i++) {
                Key k = Key.of("stable:" + seed + ":" + i);
                stable.add(k);
                dict.put(k, i);
            }
            List<Key> churn = new ArrayList<>();
            Set<Key> returned = new HashSet<>();
            Set<Integer> capacities = new HashSet<>();
            int churnId = 0;
            long cursor = 0;
            int steps = 0;
            do {
                cursor = dict.scan(cursor, (k, v) -> returned.add(k));
                steps++;
                switch (random.nextInt(16)) {
                    case 0 -> { // a burst of new keys: the table grows, often by several doublings
                        int n = random.nextInt(Math.max(1, 600 - churn.size()));
                        for (int i = 0; i < n; i++) {
                            Key k = Key.of("churn:" + churnId++);
                            churn.add(k);
                            dict.put(k, -1);
                        }
                    }
                    case 1 -> { // most churn keys leave: the table is rebuilt smaller
                        int keep = random.nextInt(churn.size() / 20 + 1);
                        while (churn.size() > keep) {
                            dict.remove(churn.remove(churn.size() - 1));
                        }
                        dict.resizeIfSparse();
                    }
                    default -> { }
                }
                capacities.add(dict.capacity());
            } while (cursor != 0 && steps < 1_000_000);

            assertThat(cursor).as("seed %d: the scan ends", seed).isZero();
            resizes += capacities.size() - 1;
            assertThat(returned).as("seed %d, capacities %s", seed, capacities).containsAll(stable);
        }
        assertThat(resizes).as("table sizes seen mid-scan beyond the first").isGreaterThan(100);
    }

    @Test
    void thePropertyTestReallyResizesMidScan() {
        // The moves of the property above, spelled out: the table both grows and shrinks while a
        // scan is under way, so the property is about resizing.
        Dict<Integer> dict = new Dict<>();
        for (int i = 0; i < 200; i++) {
            dict.put(Key.of("s" + i), i);
        }
        int before = dict.capacity();
        long cursor = dict.scan(0, (k, v) -> { });
        for (int i = 0; i < 5000; i++) {
            dict.put(Key.of("c" + i), i);
        }
        int grown = dict.capacity();
        cursor = dict.scan(cursor, (k, v) -> { });
        for (int i = 0; i < 5000; i++) {
            dict.remove(Key.of("c" + i));
        }
        assertThat(dict.resizeIfSparse()).isTrue();
        int shrunk = dict.capacity();
        Set<Key> seen = new HashSet<>();
        while (cursor != 0) {
            cursor = dict.scan(cursor, (k, v) -> seen.add(k));
        }
        assertThat(grown).isGreaterThan(before);
        assertThat(shrunk).isLessThan(grown);
        assertThat(seen).isNotEmpty();
    }

    /** {@code 2^n} distinct keys with one {@code Arrays.hashCode}: "Aa" and "BB" hash alike. */
    private static List<Key> collidingKeys(int n) {
        List<String> keys = List.of("");
        for (int i = 0; i < n; i++) {
            List<String> longer = new ArrayList<>();
            for (String k : keys) {
                longer.add(k + "Aa");
                longer.add(k + "BB");
            }
            keys = longer;
        }
        return keys.stream().map(Key::of).toList();
    }

    @Test
    void collidingKeysShareOneTreeBucketThatStillFindsScansAndRemovesThem() {
        List<Key> colliding = collidingKeys(8); // 256 keys, one hash
        assertThat(colliding.stream().mapToInt(Key::hashCode).distinct().count()).isEqualTo(1);
        Dict<String> dict = new Dict<>();
        for (int i = 0; i < 100; i++) {
            dict.put(Key.of("other" + i), "o");
        }
        for (Key k : colliding) {
            dict.put(k, k.toString());
        }
        for (Key k : colliding) {
            assertThat(dict.get(k)).isEqualTo(k.toString());
        }
        // one SCAN step visits a whole bucket: the step that meets them returns all 256 at once
        int largestStep = 0;
        Set<Key> seen = new HashSet<>();
        long cursor = 0;
        do {
            List<Key> step = new ArrayList<>();
            cursor = dict.scan(cursor, (k, v) -> step.add(k));
            seen.addAll(step);
            largestStep = Math.max(largestStep, step.size());
        } while (cursor != 0);
        assertThat(largestStep).isGreaterThanOrEqualTo(256);
        assertThat(seen).hasSize(356);

        for (int i = 0; i < 250; i++) {
            assertThat(dict.remove(colliding.get(i))).isEqualTo(colliding.get(i).toString());
        }
        assertThat(dict.size()).isEqualTo(106);
        for (int i = 250; i < 256; i++) {
            assertThat(dict.get(colliding.get(i))).isEqualTo(colliding.get(i).toString());
        }
        assertThat(dict.get(colliding.get(0))).isNull();
    }

    @Test
    void collidingKeysSurviveGrowingAndShrinking() {
        List<Key> colliding = collidingKeys(6); // 64 keys, one hash
        Dict<String> dict = new Dict<>();
        for (Key k : colliding) {
            dict.put(k, "c");
        }
        for (int i = 0; i < 3000; i++) {
            dict.put(Key.of("x" + i), "x");
        }
        for (int i = 0; i < 3000; i++) {
            dict.remove(Key.of("x" + i));
        }
        assertThat(dict.resizeIfSparse()).isTrue();
        Map<Key, String> all = new HashMap<>();
        dict.forEach(all::put);
        assertThat(all).hasSize(64).containsOnlyKeys(colliding);
        for (Key k : colliding) {
            assertThat(dict.get(k)).isEqualTo("c");
        }
    }

    @Test
    void aRandomKeyIsAKeyOfTheTableAndEveryKeyComesUp() {
        Dict<String> dict = new Dict<>();
        assertThat(dict.randomKey(new Random(1))).isNull();
        for (int i = 0; i < 20; i++) {
            dict.put(Key.of("k" + i), "v");
        }
        Random random = new Random(1);
        Set<Key> drawn = new HashSet<>();
        for (int i = 0; i < 2000; i++) {
            Key k = dict.randomKey(random);
            assertThat(dict.get(k)).isEqualTo("v");
            drawn.add(k);
        }
        assertThat(drawn).hasSize(20);
    }

    @Test
    void changingTheTableDuringForEachIsRefused() {
        Dict<String> dict = new Dict<>();
        dict.put(Key.of("a"), "v");
        dict.put(Key.of("b"), "v");
        assertThatThrownBy(() -> dict.forEach((k, v) -> dict.put(Key.of(k + "x"), "w")))
                .isInstanceOf(ConcurrentModificationException.class);
    }
}
