package dev.redisfromscratch.introspection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@link ConfigParameter}'s value types read values as Redis 7.0's {@code config.c} does; the
 * server-level replies are compared with Redis in the server tests.
 */
class ConfigParameterTest {
    @Test
    void yesNoInAnyCase() throws Exception {
        assertThat(ConfigParameter.yesNo().parse("YeS")).isEqualTo("yes");
        assertThatThrownBy(() -> ConfigParameter.yesNo().parse("1")).hasMessage("argument must be 'yes' or 'no'");
    }

    @Test
    void integersAreStrictAndBounded() throws Exception {
        ConfigParameter.Parser p = ConfigParameter.integer(0, Integer.MAX_VALUE);
        assertThat(p.parse("42")).isEqualTo("42");
        for (String bad : List.of("", " 1", "+1", "01", "1.0", "1e3", "0x10")) {
            assertThatThrownBy(() -> p.parse(bad)).as(bad).hasMessage("argument couldn't be parsed into an integer");
        }
        assertThatThrownBy(() -> p.parse("-1")).hasMessage("argument must be between 0 and 2147483647 inclusive");
        assertThatThrownBy(() -> ConfigParameter.unsigned(1, 4294967295L).parse("-1"))
                .hasMessage("argument must be between 1 and 4294967295 inclusive");
    }

    @Test
    void memoryValuesTakeRedissUnits() throws Exception {
        ConfigParameter.Parser p = ConfigParameter.memory(1024 * 1024, Long.MAX_VALUE);
        assertThat(p.parse("1mb")).isEqualTo("1048576");
        assertThat(p.parse("2G")).isEqualTo("2000000000");
        assertThat(p.parse("4gb")).isEqualTo("4294967296");
        assertThat(p.parse("1048576B")).isEqualTo("1048576");
        assertThatThrownBy(() -> p.parse("1x")).hasMessage("argument must be a memory value");
        assertThatThrownBy(() -> p.parse("-1mb")).hasMessage("argument must be a memory value");
        assertThatThrownBy(() -> p.parse("+1mb")).hasMessage("argument must be a memory value");
        assertThatThrownBy(() -> p.parse("")).hasMessage("argument must be between 1048576 and 9223372036854775807 inclusive");
        assertThatThrownBy(() -> p.parse("99999999999999999999")) // saturates to 2^64-1: -1 as a long long
                .hasMessage("argument must be between 1048576 and 9223372036854775807 inclusive");
    }

    @Test
    void enumsNameTheirValuesInRedissOrder() throws Exception {
        ConfigParameter.Parser p = ConfigParameter.oneOf(List.of("everysec", "always", "no"));
        assertThat(p.parse("ALWAYS")).isEqualTo("always");
        assertThatThrownBy(() -> p.parse("sometimes"))
                .hasMessage("argument(s) must be one of the following: everysec, always, no");
    }

    @Test
    void savePointsAreReadAsStrtollReadsThem() throws Exception {
        ConfigParameter.Parser p = ConfigParameter.savePoints();
        assertThat(p.parse("")).isEqualTo("");
        assertThat(p.parse("3600 1 300 100")).isEqualTo("3600 1 300 100");
        assertThat(p.parse("+1 2")).isEqualTo("1 2");
        assertThat(p.parse("1 -0")).isEqualTo("1 0");
        assertThat(p.parse("1  2 3")).isEqualTo("1 0 2 3"); // an empty piece is a 0
        assertThat(p.parse("1 99999999999999999999")).isEqualTo("1 -1"); // C's int
        assertThat(p.parse("99999999999999999999 1")).isEqualTo("9223372036854775807 1");
        for (String bad : List.of("x", "3600", "3600 1 300", "0 1", "1 -1", "1  2", " 1 2", "1 2 ", "0x1 2")) {
            assertThatThrownBy(() -> p.parse(bad)).as(bad).hasMessage("Invalid save parameters");
        }
    }
}
