package dev.redisfromscratch.glob;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Redis's {@code stringmatchlen}, edges included (each row was checked against redis-server
 * 7.0.15 with {@code PSUBSCRIBE} and {@code PUBLISH}; {@code PubSubParityTest} compares a larger
 * set with a running one).
 */
class GlobPatternTest {
    @ParameterizedTest(name = "''{0}'' ~ ''{1}'' = {2}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            "*|anything|true",
            "*|\"\"|false",           // the empty string matches no pattern but the empty one
            "\"\"|\"\"|true",
            "\"\"|a|false",
            "h?llo|hello|true",
            "h?llo|hllo|false",
            "h*llo|hllo|true",
            "h*llo|heeeello|true",
            "h[ae]llo|hallo|true",
            "h[ae]llo|hillo|false",
            "h[^e]llo|hallo|true",
            "h[^e]llo|hello|false",
            "h[a-b]llo|hbllo|true",
            "h[b-a]llo|hallo|true",   // a reversed range is the same range
            "a[b-]|a]|true",          // 'b-]' is the range from ']' to 'b'
            "a[b-]|ab|true",
            "a[\\]]|a]|true",
            "\\*|*|true",
            "\\*|a|false",
            "a\\*b|a*b|true",
            "a\\*b|axb|false",
            "a[|ab|false",            // an unclosed class runs to the end, and matches nothing here
            "a[b|ab|true",
            "**|abc|true",
            "a*|a|true",
            "a**|a|true",
            "*a|a|true",
            "x*y|xy|true",
            "?|\"\"|false",
            "news.*|news.tech|true",
            "news.*|news|false"})
    void matchesAsRedisDoes(String pattern, String text, boolean expected) {
        assertThat(GlobPattern.matches(b(pattern), b(text), false)).isEqualTo(expected);
    }

    @Test
    void caseIsIgnoredOnlyWhenAsked() {
        assertThat(GlobPattern.matches(b("HeLLo*"), b("hello world"), false)).isFalse();
        assertThat(GlobPattern.matches(b("HeLLo*"), b("hello world"), true)).isTrue();
        assertThat(GlobPattern.matches(b("[A-C]x"), b("bx"), true)).isTrue();
    }

    @Test
    void bytesAreComparedAsSignedCharsAndNulIsAByteLikeAnother() {
        byte[] high = {(byte) 0xE9};
        assertThat(GlobPattern.matches(new byte[] {'[', (byte) 0xE0, '-', (byte) 0xEF, ']'}, high, false)).isTrue();
        assertThat(GlobPattern.matches(new byte[] {'a', 0, '*'}, new byte[] {'a', 0, 'z'}, false)).isTrue();
        assertThat(GlobPattern.matches(new byte[] {'a', 0}, new byte[] {'a'}, false)).isFalse();
    }

    @Test
    void aPatternThatCannotMatchFailsFastInsteadOfExploring() {
        byte[] pattern = b("a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*b");
        byte[] text = b("a".repeat(10_000));
        long start = System.nanoTime();
        assertThat(GlobPattern.matches(pattern, text, false)).isFalse();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
    }

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }
}
