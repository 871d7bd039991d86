package dev.redisfromscratch.info;

/**
 * A rate measured as Redis measures {@code instantaneous_ops_per_sec}: every 100 ms the cron
 * samples a growing counter, turns the change since the last sample into a rate per second, and
 * the metric is the average of the last 16 samples (the last 1.6 s).
 *
 * <p>Not thread-safe: sampled by the cron and read by {@code INFO}, both under the global lock.
 *
 * <p>Redis: {@code server.c}, {@code trackInstantaneousMetric}, {@code getInstantaneousMetric}
 * ({@code STATS_METRIC_SAMPLES} 16, sampled with {@code run_with_period(100)}).
 */
public final class InstantaneousMetric {
    /** Samples averaged. */
    public static final int SAMPLES = 16;

    private final long[] samples = new long[SAMPLES];
    private int index;
    private long lastSampleNanos;
    private long lastReading;

    /** @param nowNanos {@link System#nanoTime()} now */
    public InstantaneousMetric(long nowNanos) {
        reset(nowNanos);
    }

    /**
     * Records one sample.
     *
     * @param nowNanos {@link System#nanoTime()} now
     * @param reading the counter's value now
     */
    public void sample(long nowNanos, long reading) {
        long elapsedMillis = (nowNanos - lastSampleNanos) / 1_000_000;
        long delta = reading - lastReading;
        samples[index] = elapsedMillis > 0 ? delta * 1000 / elapsedMillis : 0;
        index = (index + 1) % SAMPLES;
        lastSampleNanos = nowNanos;
        lastReading = reading;
    }

    /** @return the average of the last {@value #SAMPLES} rates, per second */
    public long perSecond() {
        long sum = 0;
        for (long s : samples) {
            sum += s;
        }
        return sum / SAMPLES;
    }

    /** Forgets every sample ({@code CONFIG RESETSTAT}: the counter itself starts again from 0). */
    public void reset(long nowNanos) {
        java.util.Arrays.fill(samples, 0);
        index = 0;
        lastSampleNanos = nowNanos;
        lastReading = 0;
    }
}
