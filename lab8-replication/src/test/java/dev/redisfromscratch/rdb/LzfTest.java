package dev.redisfromscratch.rdb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
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

    private static final int[] TABLE = Lzf.newTable(); // reused, stale entries and all, as the writer does

    @Property(tries = 500)
    void whatIsCompressedDecompressesToTheSameBytes(@ForAll("inputs") byte[] in) {
        byte[] out = new byte[in.length + 8];
        int n = Lzf.compress(in, in.length, out, in.length, TABLE);
        if (n > 0) {
            assertThat(n).isLessThanOrEqualTo(in.length);
            assertThat(Lzf.decompress(Arrays.copyOf(out, n), in.length)).isEqualTo(in);
        }
    }

    @Provide
    Arbitrary<byte[]> inputs() {
        // few distinct bytes, so that repeats (short and long, near and far) are common
        return Arbitraries.oneOf(
                Arbitraries.bytes().between((byte) 'a', (byte) 'c').array(byte[].class).ofMaxSize(20_000),
                Arbitraries.bytes().array(byte[].class).ofMaxSize(300),
                Arbitraries.strings().withChars("ab\u0000").ofMaxLength(40).list().ofMaxSize(50)
                        .map(parts -> String.join("repeat", parts).getBytes(StandardCharsets.ISO_8859_1)));
    }

    @Test
    void repetitiveTextShrinksAndRandomBytesDoNot() {
        byte[] text = "abc".repeat(10_000).getBytes(StandardCharsets.US_ASCII);
        byte[] out = new byte[text.length + 8];
        int n = Lzf.compress(text, text.length, out, text.length - 4, Lzf.newTable());
        assertThat(n).isBetween(1, text.length / 50);
        assertThat(Lzf.decompress(Arrays.copyOf(out, n), text.length)).isEqualTo(text);

        byte[] noise = new byte[1000];
        new java.util.Random(1).nextBytes(noise);
        assertThat(Lzf.compress(noise, noise.length, new byte[noise.length + 8], noise.length - 4, Lzf.newTable())).isZero();
    }
}
