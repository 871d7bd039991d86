package dev.redisfromscratch.tools.load;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramIterationValue;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.BitmapEncoder.BitmapFormat;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries.XYSeriesRenderStyle;
import org.knowm.xchart.style.Styler.LegendPosition;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Draws a latency percentile distribution with XChart, as HdrHistogram's own plotter does: the
 * latency (ms) up the side, the percentile along the bottom on a scale that gives each "nine" the
 * same width (the x value is 1/(1 − p), on a log axis: 90% at 10, 99% at 100, 99.9% at 1000), so
 * the tail, where stalls show, is as wide as the median. One line per histogram (corrected and raw).
 */
public final class PercentileChart {
    /** The chart's size, in pixels. */
    static final int WIDTH = 900;
    static final int HEIGHT = 520;
    /** Where the x axis stops: 1/(1 − 99.9999%). */
    static final double MAX_X = 1e6;

    private PercentileChart() {
    }

    /**
     * Writes the chart as a PNG.
     *
     * @param title the chart's title (the workload, server, clients)
     * @param report the latencies: the corrected and the raw line
     * @param png the file to write (its name should end in {@code .png})
     * @throws IOException if it cannot be written
     */
    public static void write(String title, LatencyReport report, Path png) throws IOException {
        System.setProperty("java.awt.headless", "true");
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(title)
                .xAxisTitle("percentile").yAxisTitle("latency (ms)").build();
        style(chart);
        addSeries(chart, "corrected for coordinated omission", report.corrected());
        addSeries(chart, "raw (as recorded)", report.raw());
        BitmapEncoder.saveBitmap(chart, png.toString(), BitmapFormat.PNG); // adds .png if missing
    }

    /** Log x axis labelled in percent, legend inside. */
    static void style(XYChart chart) {
        chart.getStyler().setXAxisLogarithmic(true);
        chart.getStyler().setXAxisLogarithmicDecadeOnly(true);
        chart.getStyler().setXAxisMin(1.0);
        chart.getStyler().setXAxisMax(MAX_X);
        chart.getStyler().setYAxisMin(0.0);
        chart.getStyler().setxAxisTickLabelsFormattingFunction(PercentileChart::percentLabel);
        chart.getStyler().setLegendPosition(LegendPosition.InsideNW);
        chart.getStyler().setDefaultSeriesRenderStyle(XYSeriesRenderStyle.Line);
    }

    /** Adds a histogram's percentile curve (nanoseconds shown as ms) as a line. */
    static void addSeries(XYChart chart, String name, Histogram histogram) {
        List<Double> x = new ArrayList<>();
        List<Double> y = new ArrayList<>();
        for (HistogramIterationValue v : histogram.percentiles(5)) {
            double p = v.getPercentileLevelIteratedTo() / 100.0;
            double at = p >= 1 ? MAX_X : Math.min(MAX_X, 1 / (1 - p));
            x.add(at);
            y.add(v.getValueIteratedTo() / 1e6);
            if (at >= MAX_X) {
                break;
            }
        }
        if (x.isEmpty()) {
            x.add(1.0);
            y.add(0.0);
        }
        chart.addSeries(name, x, y).setMarker(SeriesMarkers.NONE);
    }

    /** @return {@code 0%}, {@code 90%}, {@code 99%}, {@code 99.9%} for x = 1, 10, 100, 1000 */
    static String percentLabel(double x) {
        double p = 100 * (1 - 1 / x);
        int decimals = Math.max(0, (int) Math.round(Math.log10(x)) - 2);
        return String.format(Locale.ROOT, "%." + decimals + "f%%", p);
    }
}
