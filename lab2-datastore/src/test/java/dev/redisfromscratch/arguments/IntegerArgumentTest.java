package dev.redisfromscratch.arguments;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.OptionalLong;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class IntegerArgumentTest {
    private static OptionalLong parse(String s) {
        return IntegerArgument.parse(s.getBytes(StandardCharsets.ISO_8859_1));
    }

    @ParameterizedTest
    @CsvSource({
        "0, 0",
        "1, 1",
        "-1, -1",
        "100, 100",
        "9223372036854775807, 9223372036854775807",
        "-9223372036854775808, -9223372036854775808",
    })
    void acceptsCanonicalDecimalIntegers(String text, long expected) {
        assertThat(parse(text)).hasValue(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "", "-", "+5", "007", "-0", " 5", "5 ", "5s", "1e3", "1.5", "0x10", "abc",
        "9223372036854775808", "-9223372036854775809", "99999999999999999999", "000000000000000000001",
    })
    void rejectsAnythingRedisString2llRejects(String text) {
        assertThat(parse(text)).isEmpty();
    }
}
