package dev.redisfromscratch.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.redisfromscratch.testkit.grading.Stage;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

@Stage(lab = 2, value = 1)
class KeyTest {
    @Test
    void keysWithEqualBytesAreEqualEvenFromDifferentArrays() {
        Key a = new Key(new byte[] {'k', '\r', '\n', 0, (byte) 0xFF});
        Key b = new Key(new byte[] {'k', '\r', '\n', 0, (byte) 0xFF});

        assertThat(a).isEqualTo(b).hasSameHashCodeAs(b);
        assertThat(a).isNotEqualTo(new Key(new byte[] {'k', '\r', '\n', 0}));
    }

    @Test
    void aKeyFindsItsEntryInAHashMap() {
        Map<Key, String> map = new HashMap<>();
        map.put(Key.of("user:1"), "alice");

        assertThat(map.get(new Key("user:1".getBytes()))).isEqualTo("alice");
        assertThat(map.get(Key.of("user:2"))).isNull();
    }

    @Test
    void keysCompareAsUnsignedBytes() {
        assertThat(new Key(new byte[] {(byte) 0x80}).compareTo(new Key(new byte[] {0x7F}))).isPositive();
        assertThat(Key.of("a").compareTo(Key.of("ab"))).isNegative();
    }

    @Test
    void toStringEscapesLineBreaksAndNul() {
        assertThat(new Key(new byte[] {'a', '\r', '\n', 0}).toString()).isEqualTo("a\\r\\n\\0");
    }
}
