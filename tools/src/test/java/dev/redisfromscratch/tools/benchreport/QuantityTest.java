package dev.redisfromscratch.tools.benchreport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** How scores, errors and ratios are written. */
class QuantityTest {
    @Test
    void scoreAndErrorShareOnePrefixAndThreeSignificantDigits() {
        assertThat(Quantity.withError(31_234_567, 412_000)).isEqualTo("31.2 ± 0.4 M");
        assertThat(Quantity.withError(845_123, 12_345)).isEqualTo("845 ± 12 k");
        assertThat(Quantity.withError(20.724, 0.312)).isEqualTo("20.7 ± 0.3");
        assertThat(Quantity.withError(0.01234, 0.0005)).isEqualTo("0.0123 ± 0.0005");
        assertThat(Quantity.withError(2.5e9, 1e8)).isEqualTo("2.50 ± 0.10 G");
    }

    @Test
    void missingErrorIsAQuestionMark() {
        assertThat(Quantity.withError(3_297_105, Double.NaN)).isEqualTo("3.30 ± ? M");
    }

    @Test
    void ratiosKeepThreeSignificantDigits() {
        assertThat(Quantity.ratio(new SpeedRatio(1.2634, 0.0512))).isEqualTo("1.26× ± 0.05");
        assertThat(Quantity.ratio(new SpeedRatio(0.014712, 0.001))).isEqualTo("0.0147× ± 0.0010");
        assertThat(Quantity.ratio(new SpeedRatio(236.86, Double.NaN))).isEqualTo("237×");
    }

    @Test
    void ratioRefusesRowsInDifferentUnits() {
        JmhRow time = new JmhRow("a", "p.B.m", "avgt", Map.of(), 20, 1, "us/op");
        JmhRow rate = new JmhRow("a", "p.B.n", "thrpt", Map.of(), 20, 1, "ops/s");
        assertThatThrownBy(() -> SpeedRatio.of(time, rate)).hasMessageContaining("not in the same unit");
    }
}
