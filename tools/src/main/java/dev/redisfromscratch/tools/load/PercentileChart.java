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
 * same width (the x value is log10(1/(1 − p)): 90% at 1, 99% at 2, 99.9% at 3), so the tail, where
 * stalls show, is as wide as the median. One line per histogram (corrected and raw).
 */
public final class PercentileChart {
    /** The chart's size, in pixels. */
    static final int WIDTH = 900;
    static final int HEIGHT = 520;
    /** Where the x axis stops: log10(1/(1 − 99.9999%)). */
    static final double MAX_X = 6;

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

    /** The x axis labelled in percent at each "nine", legend inside. */
    static void style(XYChart chart) {
        chart.getStyler().setXAxisMin(0.0);
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
            double at = p >= 1 ? MAX_X : Math.min(MAX_X, Math.log10(1 / (1 - p)));
            x.add(at);
            y.add(v.getValueIteratedTo() / 1e6);
            if (at >= MAX_X) {
                break;
            }
        }
        if (x.isEmpty()) {
            x.add(0.0);
            y.add(0.0);
        }
        chart.addSeries(name, x, y).setMarker(SeriesMarkers.NONE);
    }

    /** @return {@code 0%}, {@code 90%}, {@code 99%}, {@code 99.9%} for x = 0, 1, 2, 3; no label between */
    static String percentLabel(double x) {
        long nines = Math.round(x);
        if (Math.abs(x - nines) > 1e-9 || nines < 0) {
            return "";
        }
        double p = 100 * (1 - Math.pow(10, -nines));
        return String.format(Locale.ROOT, "%." + Math.max(0, nines - 2) + "f%%", p);
    }
}
