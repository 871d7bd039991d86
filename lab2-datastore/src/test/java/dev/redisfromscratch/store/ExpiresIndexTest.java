package dev.redisfromscratch.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.redisfromscratch.testkit.grading.Stage;
import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

@Stage(lab = 2, value = 1)
class ExpiresIndexTest {
    private final ExpiresIndex index = new ExpiresIndex();

    @Test
    void aKeyWithoutTtlAnswersNoExpire() {
        assertThat(index.get(Key.of("k"))).isEqualTo(ExpiresIndex.NO_EXPIRE);
        index.put(Key.of("other"), 1000);
        assertThat(index.get(Key.of("k"))).isEqualTo(-1);
    }

    @Test
    void putReplacesTheExpireTimeOfAKeyAlreadyIndexed() {
        index.put(Key.of("k"), 1000);
        index.put(Key.of("k"), 2000);

        assertThat(index.get(Key.of("k"))).isEqualTo(2000);
        assertThat(index.size()).isEqualTo(1);
    }

    @Test
    void removingFromTheMiddleKeepsEveryOtherKeyFindable() {
        for (int i = 0; i < 100; i++) {
            index.put(Key.of("k" + i), 1000 + i);
        }
        for (int i = 0; i < 100; i += 3) {
            assertThat(index.remove(Key.of("k" + i))).isTrue();
        }

        assertThat(index.remove(Key.of("k0"))).isFalse();
        for (int i = 0; i < 100; i++) {
            assertThat(index.get(Key.of("k" + i))).isEqualTo(i % 3 == 0 ? -1 : 1000 + i);
        }
        assertThat(index.size()).isEqualTo(66);
    }

    @Test
    void sampleReturnsDistinctIndexedKeys() {
        for (int i = 0; i < 50; i++) {
            index.put(Key.of("k" + i), 1000);
        }
        Key[] sample = new Key[20];

        int n = index.sample(sample, 20, new SplittableRandom(1));

        assertThat(n).isEqualTo(20);
        Set<Key> distinct = new HashSet<>();
        for (Key k : sample) {
            assertThat(index.get(k)).isEqualTo(1000);
            distinct.add(k);
        }
        assertThat(distinct).hasSize(20);
    }

    @Test
    void sampleOfASmallIndexReturnsEveryKeyOnce() {
        index.put(Key.of("a"), 1000);
        index.put(Key.of("b"), 1000);
        Key[] sample = new Key[20];

        int n = index.sample(sample, 20, new SplittableRandom(7));

        assertThat(n).isEqualTo(2);
        assertThat(Set.of(sample[0], sample[1])).containsExactlyInAnyOrder(Key.of("a"), Key.of("b"));
    }

    @Test
    void samplingReachesEveryKeyOverManyCalls() {
        for (int i = 0; i < 100; i++) {
            index.put(Key.of("k" + i), 1000);
        }
        Key[] sample = new Key[20];
        Set<Key> seen = new HashSet<>();
        SplittableRandom random = new SplittableRandom(42);

        for (int call = 0; call < 100; call++) {
            int n = index.sample(sample, 20, random);
            for (int i = 0; i < n; i++) {
                seen.add(sample[i]);
            }
        }

        assertThat(seen).hasSize(100);
    }

    @Test
    void expireTimesMustBePositiveUnixMillis() {
        assertThatThrownBy(() -> index.put(Key.of("k"), 0)).isInstanceOf(IllegalArgumentException.class);
        assertThat(index.size()).isZero();
    }
}
