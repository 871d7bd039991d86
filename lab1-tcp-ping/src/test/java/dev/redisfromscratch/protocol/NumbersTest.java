package dev.redisfromscratch.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Redis's {@code string2ll} rules, the one parser behind RESP headers and integer arguments. */
class NumbersTest {
    @ParameterizedTest
    @ValueSource(strings = {"0", "1", "-1", "42", "9223372036854775807", "-9223372036854775808"})
    void aCanonicalDecimalParsesToItsValue(String text) {
        assertThat(Numbers.string2ll(bytes(text))).isEqualTo(Long.parseLong(text));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "-", "+1", "01", "-0", " 1", "1 ", "1e3", "0x10", "9223372036854775808",
        "-9223372036854775809", "123456789012345678901"})
    void anythingElseIsNotANumber(String text) {
        assertThatThrownBy(() -> Numbers.string2ll(bytes(text))).isInstanceOf(Numbers.NotANumber.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"*123\r\n"})
    void itReadsARangeInPlace(String text) {
        byte[] b = bytes(text);
        assertThat(Numbers.string2ll(b, 1, b.length - 2)).isEqualTo(123);
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }
}
