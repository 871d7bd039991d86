package dev.redisfromscratch.blocking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.redisfromscratch.protocol.RedisError;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link Timeout}: seconds as Redis 7.0.15 reads them (each case's behaviour was read from a real
 * redis-server: whether {@code BLPOP k <timeout>} answered at once, waited, or refused).
 */
class TimeoutTest {
    private static final long NOW = 1_767_225_600_000L;

    @ParameterizedTest(name = "{0} → now + {1} ms")
    @CsvSource({
            "1, 1000", "1.5, 1500", "1e3, 1000000", "0x10, 16000", "+2, 2000",
            "0.0001, 1",     // rounded up: it times out
            "0.001, 1",
            "9.2e15, 9200000000000000000"})
    void aPositiveTimeoutIsADeadlineOnTheServersClock(String seconds, long millis) {
        long deadline = Timeout.deadline(bytes(seconds), NOW);
        assertThat(deadline).isEqualTo(NOW + millis < NOW ? Long.MAX_VALUE : NOW + millis);
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "0.0", "-0", "-0.0001", "-0.001"})
    void zeroAndWhatRoundsUpToZeroWaitForEver(String seconds) {
        assertThat(Timeout.deadline(bytes(seconds), NOW)).isEqualTo(Timeout.FOREVER);
    }

    @ParameterizedTest
    @ValueSource(strings = {"-1", "-0.0011", "inf", "-inf", "infinity", "1e20", "9.3e15"})
    void belowZeroOrBeyondALongIsNegative(String seconds) {
        assertThatThrownBy(() -> Timeout.deadline(bytes(seconds), NOW))
                .isInstanceOf(RedisError.class).hasMessage(Timeout.NEGATIVE);
    }

    @ParameterizedTest
    @ValueSource(strings = {"abc", "nan", " 1", "1 ", "", "1e5000", "1e-5000", "0x", "1,5"})
    void whatIsNotALongDoubleIsRefused(String seconds) {
        assertThatThrownBy(() -> Timeout.deadline(bytes(seconds), NOW))
                .isInstanceOf(RedisError.class).hasMessage(Timeout.NOT_A_FLOAT);
    }

    @ParameterizedTest
    @ValueSource(strings = {"9223372036854775.807", "9.2e15"})
    void aDeadlinePastLongMaxNeverComes(String seconds) {
        assertThat(Timeout.deadline(bytes(seconds), Long.MAX_VALUE - 10)).isEqualTo(Long.MAX_VALUE);
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }
}
