package dev.redisfromscratch.keys;

import dev.redisfromscratch.server.ParityServers;

import dev.redisfromscratch.glob.GlobPattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.redisfromscratch.resp.RespArray;
import dev.redisfromscratch.resp.RespValue;
import dev.redisfromscratch.resp.client.RespClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** {@link GlobPattern}: Redis's {@code stringmatchlen}, checked alone and against a real redis-server's KEYS. */
class KeysPatternParityTest {
    /** Text to bytes, one byte per char (so "\u00ff" is the byte 0xff). */
    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    private static boolean matches(String pattern, String text) {
        return GlobPattern.matches(b(pattern), b(text), false);
    }

    @Test
    void starsQuestionMarksAndLiterals() {
        assertThat(matches("h*llo", "hello")).isTrue();
        assertThat(matches("h*llo", "hllo")).isTrue();
        assertThat(matches("h*llo", "heeeello")).isTrue();
        assertThat(matches("h?llo", "hllo")).isFalse();
        assertThat(matches("h?llo", "hallo")).isTrue();
        assertThat(matches("hello", "hello!")).isFalse(); // the whole text
        assertThat(matches("*", "")).isFalse();           // an empty text meets the loop not at all
        assertThat(matches("", "")).isTrue();
        assertThat(matches("a**", "a")).isTrue();         // trailing stars match the empty rest
    }

    @Test
    void classesRangesAndNegation() {
        assertThat(matches("h[ae]llo", "hallo")).isTrue();
        assertThat(matches("h[ae]llo", "hillo")).isFalse();
        assertThat(matches("h[^e]llo", "hallo")).isTrue();
        assertThat(matches("h[^e]llo", "hello")).isFalse();
        assertThat(matches("h[a-c]llo", "hbllo")).isTrue();
        assertThat(matches("h[c-a]llo", "hbllo")).isTrue(); // a reversed range is the same range
        assertThat(matches("[\\]]", "]")).isTrue();
        assertThat(matches("[]]", "]")).isFalse();          // ']' first closes the class at once
        assertThat(matches("[ab", "b")).isTrue();           // an open class ends with the pattern
        assertThat(matches("[", "[")).isFalse();
        assertThat(matches("[^", "x")).isTrue();
    }

    @Test
    void escapes() {
        assertThat(matches("a\\*c", "a*c")).isTrue();
        assertThat(matches("a\\*c", "abc")).isFalse();
        assertThat(matches("a\\", "a\\")).isTrue(); // a final backslash is itself
    }

    @Test
    void bytesCompareAsSignedCharsAndAnyByteIsMatched() {
        assertThat(matches("[\u0080-\u00ff]", "\u00c3")).isTrue();
        assertThat(matches("[a-\u00ff]", "-")).isTrue();       // the range runs from 0xff (-1) up to 'a'
        assertThat(matches("[a-\u00ff]", "b")).isFalse();
        assertThat(matches("a?b", "a\0b")).isTrue();
        assertThat(matches("a*", "a\r\n\0")).isTrue();
    }

    @Test
    void aPatternOfManyStarsGivesUpQuickly() {
        String text = "a".repeat(60);
        String pattern = "a*".repeat(30) + "b";
        assertTimeoutPreemptively(Duration.ofSeconds(2), () -> assertThat(matches(pattern, text)).isFalse());
    }

    /** The keys and patterns below, against a real redis-server: KEYS and a full SCAN MATCH give the same keys. */
    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class AgainstRedis {
        private ParityServers servers;
        private RespClient ours;
        private RespClient redis;

        private static final List<String> KEYS = List.of("a", "b", "ab", "abc", "abd", "a*c", "a?c", "a[c", "a]c", "a\\c",
                "a-c", "a^c", "-", "]", "[", "\\", "*", "?", "^", "hello", "hallo", "hxllo", "hllo", "heeeello",
                "a\0b", "\u00ff", "\u0080", "\u00c3\u00a9", "a\r\nb", "x-y", "b-a", "\u007f", "[ab]", "a\\", "h[e]llo",
                "user:1", "user:12", "user:123", "user:x", "USER:1");

        @BeforeAll
        void start() throws Exception {
            servers = ParityServers.start();
            ours = servers.ourClient();
            redis = servers.redisClient();
            for (RespClient c : List.of(ours, redis)) {
                c.call("SELECT", "11");
                for (String key : KEYS) {
                    c.call(List.of(b("SET"), b(key), b("v")));
                }
            }
        }

        @AfterAll
        void stop() {
            servers.close(); // and the two connections
        }

        static Stream<String> patterns() {
            return Stream.of("*", "**", "***", "a*", "*c", "a*c", "a?c", "?", "??", "???", "*?*", "a??", "h?llo", "h*llo",
                    "h[ae]llo", "h[^e]llo", "h[a-x]llo", "h[x-a]llo", "h[^a-x]llo", "a\\*c", "a\\?c", "a\\[c", "a[\\]]c",
                    "a[]]c", "a[[]c", "[", "[^", "[a", "[^a", "a[", "[ab", "\\", "a\\", "a\\\\", "\\a", "[a-]", "[-a]",
                    "[a-\\]", "[\\-]", "[\\]", "[\\", "[*]", "[?]", "[\\^]", "[^^]", "^", "a^c", "[\u0080-\u00ff]",
                    "[a-\u00ff]", "[\u00ff-a]", "\u00c3*", "a?b", "a*b", "a\0b", "*\0*", "a\r\n*", "user:?", "user:*",
                    "user:[0-9]", "user:[0-9]*", "user:[!0-9]", "USER*", "*[", "*]", "*\\", "[ab]", "\\[ab\\]",
                    "h\\[e\\]llo", "x-y", "?-?", "*-*", "", "b-a", "[b-a]-[b-a]", "*a*b*c*");
        }

        private List<String> sorted(RespValue reply) {
            return new ArrayList<>(new TreeSet<>(ParityServers.texts(reply)));
        }

        private List<String> scanAll(RespClient c, String pattern) throws Exception {
            TreeSet<String> keys = new TreeSet<>();
            String cursor = "0";
            do {
                RespArray reply = (RespArray) c.call(List.of(b("SCAN"), b(cursor), b("MATCH"), b(pattern), b("COUNT"), b("7")));
                cursor = ParityServers.text(reply.get(0));
                keys.addAll(ParityServers.texts(reply.get(1)));
            } while (!cursor.equals("0"));
            return new ArrayList<>(keys);
        }

        @ParameterizedTest
        @MethodSource("patterns")
        void keysAndScanMatchTheSameKeysAsRedis(String pattern) throws Exception {
            RespValue expected = redis.call(List.of(b("KEYS"), b(pattern)));
            RespValue actual = ours.call(List.of(b("KEYS"), b(pattern)));
            assertThat(sorted(actual)).as("KEYS %s", pattern).isEqualTo(sorted(expected));
            assertThat(scanAll(ours, pattern)).as("SCAN MATCH %s", pattern).isEqualTo(scanAll(redis, pattern))
                    .isEqualTo(sorted(expected));
        }
    }
}
