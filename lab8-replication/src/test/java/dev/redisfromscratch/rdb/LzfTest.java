package dev.redisfromscratch.rdb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class LzfTest {
    @Test
    void aLiteralRunIsCopied() {
        // ctrl 2: three literal bytes
        assertThat(Lzf.decompress(new byte[] {2, 'a', 'b', 'c'}, 3)).isEqualTo("abc".getBytes(StandardCharsets.US_ASCII));
    }

    @Test
    void aBackReferenceMayOverlapWhatItWrites() {
        // "a", then a reference of length 1 + 2 = 3 to 1 byte back: "aaaa"
        byte[] in = {0, 'a', (byte) (1 << 5), 0};
        assertThat(Lzf.decompress(in, 4)).isEqualTo("aaaa".getBytes(StandardCharsets.US_ASCII));
    }

    @Test
    void aLongReferenceTakesItsLengthFromTheNextByte() {
        // "ab", then length 7 + 10 + 2 = 19 from 2 bytes back: "ab" * 10 + "a"
        byte[] in = {1, 'a', 'b', (byte) (7 << 5), 10, 1};
        assertThat(new String(Lzf.decompress(in, 21), StandardCharsets.US_ASCII)).isEqualTo("ab".repeat(10) + "a");
    }

    @Test
    void aReferenceBeforeTheStartIsRefused() {
        assertThatThrownBy(() -> Lzf.decompress(new byte[] {0, 'a', (byte) (1 << 5), 5}, 4))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("before the start");
    }

    @Test
    void aWrongOriginalLengthIsRefused() {
        assertThatThrownBy(() -> Lzf.decompress(new byte[] {2, 'a', 'b', 'c'}, 5))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("gives 3 bytes, not 5");
        assertThatThrownBy(() -> Lzf.decompress(new byte[] {2, 'a', 'b', 'c'}, 2))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("past the end of the output");
    }

    @Test
    void aRunPastTheInputIsRefused() {
        assertThatThrownBy(() -> Lzf.decompress(new byte[] {5, 'a'}, 6))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("past the end of the input");
    }
}
