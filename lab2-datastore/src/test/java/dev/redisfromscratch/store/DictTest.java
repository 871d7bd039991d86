package dev.redisfromscratch.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.redisfromscratch.testkit.grading.Stage;
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
}
