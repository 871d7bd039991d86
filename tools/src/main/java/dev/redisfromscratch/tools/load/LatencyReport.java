package dev.redisfromscratch.tools.load;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.HdrHistogram.Histogram;

/**
 * A closed-loop run's latencies, corrected for coordinated omission, as percentiles in
 * milliseconds.
 *
 * <p><b>Why a correction.</b> In a closed loop a connection sends its next request only when the
 * last reply arrives. If the server stalls for 200 ms, each connection records one 200 ms sample
 * and then nothing for those 200 ms, although a client sending at its usual pace would have sent,
 * and waited for, many requests meanwhile. The raw histogram thus hides the stall in a handful of
 * samples: its p99 can look fine through a stall that every user would see (Gil Tene's
 * "coordinated omission").
 *
 * <p><b>Which correction.</b> This generator is closed-loop, with no intended send times (no
 * {@code --rate}), so it uses HdrHistogram's closed-loop correction:
 * {@link Histogram#copyCorrectedForCoordinatedOmission(long)}, the same as
 * {@code recordValueWithExpectedInterval} on every sample. A sample of latency L longer than the
 * expected interval I also records L − I, L − 2I, ... down to I: the requests that the stalled
 * connection would have sent every I and that would have waited for the end of the stall. The
 * expected interval is the time between one connection's requests when nothing stalls, which in a
 * closed loop is the round trip itself: the raw median latency, measured in the same run. (An
 * open-loop generator would instead measure each request from its intended send time on a fixed
 * schedule, which needs no estimate; the correction here is the closed-loop approximation of it.)
 * Its cost: a run with no stall but a wide spread gets some extra samples too, from every sample
 * above twice the median; the report prints the raw percentiles beside the corrected ones, and how
 * many samples the correction added, so the reader sees both.
 *
 * @param raw the recorded latencies, ns
 * @param corrected the same, corrected for coordinated omission with {@code expectedIntervalNanos}
 * @param expectedIntervalNanos the interval used: the raw median, ns
 */
public record LatencyReport(Histogram raw, Histogram corrected, long expectedIntervalNanos) {
    /** The percentiles printed and charted, in percent. */
    public static final double[] PERCENTILES = {50, 90, 99, 99.9, 99.99};

    /** @return the report of {@code raw}, corrected with its own median as the expected interval */
    public static LatencyReport of(Histogram raw) {
        long interval = raw.getTotalCount() == 0 ? 0 : raw.getValueAtPercentile(50);
        Histogram corrected = interval > 0 ? raw.copyCorrectedForCoordinatedOmission(interval) : raw.copy();
        return new LatencyReport(raw, corrected, interval);
    }

    /** @return how many samples the correction added */
    public long addedSamples() {
        return corrected.getTotalCount() - raw.getTotalCount();
    }

    /** @return the corrected latency at {@code percentile} (0 to 100), ms */
    public double millis(double percentile) {
        return corrected.getValueAtPercentile(percentile) / 1e6;
    }

    /** @return the raw latency at {@code percentile}, ms */
    public double rawMillis(double percentile) {
        return raw.getValueAtPercentile(percentile) / 1e6;
    }

    /** @return the longest latency, ms (the same raw and corrected) */
    public double maxMillis() {
        return raw.getMaxValue() / 1e6;
    }

    /**
     * @return the corrected latencies at {@link #PERCENTILES} then the max, ms: never decreasing
     */
    public List<Double> summaryMillis() {
        List<Double> values = new ArrayList<>();
        for (double p : PERCENTILES) {
            values.add(millis(p));
        }
        values.add(corrected.getMaxValue() / 1e6);
        return values;
    }

    /**
     * The percentile table {@code ./lab load} prints: one row per percentile, corrected and raw.
     *
     * <pre>
     * latency (ms)   corrected        raw
     *   p50              0.412      0.412
     *   p99              1.873      1.201
     *   ...
     *   max             12.310     12.310
     * </pre>
     */
    public String table() {
        StringBuilder t = new StringBuilder();
        t.append(String.format(Locale.ROOT, "  %-12s %10s %10s%n", "latency (ms)", "corrected", "raw"));
        for (double p : PERCENTILES) {
            t.append(String.format(Locale.ROOT, "  %-12s %10.3f %10.3f%n", label(p), millis(p), rawMillis(p)));
        }
        t.append(String.format(Locale.ROOT, "  %-12s %10.3f %10.3f%n", "max", corrected.getMaxValue() / 1e6, maxMillis()));
        return t.toString();
    }

    /** @return {@code p50}, {@code p99.9} */
    public static String label(double percentile) {
        return "p" + (percentile == Math.rint(percentile) ? Integer.toString((int) percentile) : Double.toString(percentile));
    }

    /**
     * @param histogram latencies in ns
     * @return HdrHistogram's percentile distribution text ({@code .hgrm}), values in ms: the format
     *     HdrHistogram's plotter reads (Value, Percentile, TotalCount, 1/(1-Percentile))
     */
    public static String hgrm(Histogram histogram) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
            histogram.outputPercentileDistribution(out, 5, 1e6);
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
