package dev.redisfromscratch.strings;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link LongDouble}: x87 extended precision and Redis's text, on values whose results were read
 * from a real redis-server 7.0.15 ({@code INCRBYFLOAT}). {@link IncrbyfloatParityTest} compares many
 * more against Redis itself.
 */
class LongDoubleTest {
    private static LongDouble parse(String text) {
        return LongDouble.parse(text.getBytes(StandardCharsets.ISO_8859_1));
    }

    @ParameterizedTest(name = "{0} + {1} = {2}")
    @CsvSource(delimiter = '|', value = {
            "10.5 | 0.1 | 10.6",                                  // a double would give 10.59999999999999964
            "0 | 3.0e3 | 3000",
            "0.1 | 0.2 | 0.3",
            "0.3 | 0.3 | 0.6",
            "0 | 1e20 | 100000000000000000000",                   // no exponent, ever
            "0 | 1e-20 | 0",                                      // 17 decimals at most
            "0 | -1e-20 | 0",                                     // -0 is written 0
            "0 | 0.000003814697265625 | 0.00000381469726562",     // 2^-18: a tie, to even
            "0 | 0x1p3 | 8",
            "8 | 0x.8p1 | 9",
            "0 | .5 | 0.5",
            "0 | 5. | 5",
            "0 | +1E+2 | 100",
            "0 | -0 | 0",
            "-1.5 | 1.5 | 0",
            "5.0e3 | -5000 | 0",
            "0 | 9.99999999999999999 | 9.99999999999999999",
            "0.1 | 1e18 | 1000000000000000000.125",                 // 64 bits of significand: a step of 1/16 here
            "1000000000000000000.125 | 1e18 | 2000000000000000000.125",
            "0 | 1.7976931348623157e309 | 1797693134862315700037172979832244333126691528546293291340154022512526345446187215204722275610002264464012854721311288966889522964362629899046646139186400923107613675233385175712431854540107728588261691716826703993516570594322538258751668119392697527887003733971267841814703087626434079640422653388568708251648",
            "0 | 1e-4940 | 0",                                    // a subnormal
            "9223372036854775807 | 1 | 9223372036854775808"})
    void addsAndFormatsAsRedis(String value, String increment, String expected) {
        LongDouble sum = parse(value).add(parse(increment));
        assertThat(sum.isFinite()).isTrue();
        assertThat(sum.toHumanString()).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " 1", "1 ", "abc", "nan", "-nan", "NaN(123)", "1e", "1e+", "0x", "0xp1", "1,5", "1\0",
            ".", "-", "+", "e5", "1e5000", "-1e5000", "1e-5000", "0x1p20000", "0x1p-20000", "1.2.3", "--1", "infinite"})
    void refusesWhatRedisRefuses(String text) {
        assertThat(parse(text)).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"inf", "-Infinity", "INF", "+inf"})
    void readsInfinityButNeverStoresIt(String text) {
        LongDouble value = parse(text);
        assertThat(value).isNotNull();
        assertThat(value.isFinite()).isFalse();
        assertThat(LongDouble.ZERO.add(value).isFinite()).isFalse();
    }

    @org.junit.jupiter.api.Test
    void refusesTextsOfFiveKibibytesOrMore() {
        assertThat(parse("0".repeat(LongDouble.MAX_CHARS - 2) + "1").toHumanString()).isEqualTo("1");
        assertThat(parse("0".repeat(LongDouble.MAX_CHARS - 1) + "1")).isNull();
    }

    @org.junit.jupiter.api.Test
    void overflowsToInfinityAndInfinitiesOfBothSignsGiveNaN() {
        LongDouble big = parse("1.1e4932");
        assertThat(big.isFinite()).isTrue();
        assertThat(big.add(big).isFinite()).isFalse();
        assertThat(parse("inf").add(parse("-inf")).isFinite()).isFalse();
        assertThat(parse("0x1.fffffffffffffffep16383").isFinite()).isTrue(); // the largest long double
        assertThat(parse("0x1.fffffffffffffffep16383").add(parse("0x0.0000000000000001p16383")).isFinite()).isFalse();
    }

    /**
     * Redis 7.0's blocking timeout, {@code (long long) ceill(seconds * 1000.0)}, for texts whose
     * behaviour was read from a real redis-server 7.0.15 ({@code BLPOP k <timeout>}): 0 waits for
     * ever, a negative result is refused.
     */
    @ParameterizedTest(name = "ceil({0} × 1000) = {1}")
    @CsvSource(delimiter = '|', value = {
            "1.5 | 1500",
            "1e3 | 1000000",
            "0x10 | 16000",
            "0.0001 | 1",                              // a fraction of a ms: rounded up, so it times out
            "0.001 | 1",                               // x87's 0.001 is a little below: ×1000 rounds under 1
            "-0.001 | 0",                              // so its ceiling is 0: waits for ever, as Redis does
            "-0.0001 | 0",
            "-0 | 0",
            "-1 | -1000",
            "9.2e15 | 9200000000000000000",
            "9.3e15 | " + Long.MIN_VALUE,              // beyond long: the x87's integer indefinite
            "1e20 | " + Long.MIN_VALUE,
            "inf | " + Long.MIN_VALUE,
            "-inf | " + Long.MIN_VALUE,
    })
    void timesAThousandRoundedUpAsRedisTimeoutsAre(String seconds, long millis) {
        assertThat(parse(seconds).multiply(parse("1000")).ceilToLong()).isEqualTo(millis);
    }

    @org.junit.jupiter.api.Test
    void multipliesExactlyThenRoundsOnce() {
        assertThat(parse("0.1").multiply(parse("3")).toHumanString()).isEqualTo("0.3");
        assertThat(parse("-2").multiply(parse("0")).toString()).isEqualTo("0");
        assertThat(parse("inf").multiply(parse("0")).toString()).isEqualTo("nan");
        assertThat(parse("1.1e4932").multiply(parse("10")).isFinite()).isFalse();
    }
}
