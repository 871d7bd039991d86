package dev.redisfromscratch.info;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** {@link InstantaneousMetric}: the mean of the last 16 rates, as Redis's {@code instantaneous_ops_per_sec}. */
class InstantaneousMetricTest {
    private static final long MS = 1_000_000;

    @Test
    void theRateIsTheMeanOfTheLastSixteenSamples() {
        InstantaneousMetric m = new InstantaneousMetric(0);
        long count = 0;
        for (int i = 1; i <= 16; i++) {
            count += 100; // 100 commands per 100 ms: 1000 a second
            m.sample(i * 100 * MS, count);
        }
        assertThat(m.perSecond()).isEqualTo(1000);
        for (int i = 17; i <= 24; i++) {
            m.sample(i * 100 * MS, count); // idle for 0.8 s: half the window
        }
        assertThat(m.perSecond()).isEqualTo(500);
    }

    @Test
    void aResetForgetsTheSamplesAndTheLastReading() {
        InstantaneousMetric m = new InstantaneousMetric(0);
        m.sample(100 * MS, 1600);
        assertThat(m.perSecond()).isEqualTo(1000);
        m.reset(100 * MS);
        assertThat(m.perSecond()).isZero();
        m.sample(200 * MS, 160); // the counter restarted from 0
        assertThat(m.perSecond()).isEqualTo(100);
        m.sample(200 * MS, 200); // no time passed: no rate
        assertThat(m.perSecond()).isEqualTo(100);
    }
}
