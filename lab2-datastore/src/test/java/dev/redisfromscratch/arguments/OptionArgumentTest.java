package dev.redisfromscratch.arguments;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class OptionArgumentTest {
    @ParameterizedTest
    @ValueSource(strings = {"NX", "nx", "Nx"})
    void optionNamesAreCaseInsensitive(String text) {
        assertThat(OptionArgument.name(text.getBytes(StandardCharsets.ISO_8859_1))).isEqualTo("NX");
    }

    @ParameterizedTest
    @ValueSource(strings = {"nx\0junk", "NX\0"})
    void optionNamesEndAtTheFirstNulAsInC(String text) {
        assertThat(OptionArgument.name(text.getBytes(StandardCharsets.ISO_8859_1))).isEqualTo("NX");
    }
}
