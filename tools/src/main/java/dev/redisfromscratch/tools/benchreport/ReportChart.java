package dev.redisfromscratch.tools.benchreport;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.imageio.ImageIO;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.Styler.LegendLayout;
import org.knowm.xchart.style.Styler.LegendPosition;

/**
 * Draws the report's chart with XChart: one bar-chart panel per benchmark class (per lab), with
 * JMH's error as error bars, all panels side by side in one PNG (two columns).
 *
 * <p>In a panel, the bars of one colour are one method (when the class has several, as
 * {@code DataStoreBenchmark}'s {@code get} and {@code hashMapGet}) or one value of the first
 * parameter (as {@code target=lab1} and {@code target=redis}); the groups along the axis are the
 * other parameters. A panel whose scores span more than {@value #LOG_SPAN}× uses a logarithmic axis,
 * so that 100 KB frames and GET both show; such a panel has no error bars (XChart 3.8 draws them
 * wrong on a log axis), and its axis title sends the reader to the table for the errors.
 */
public final class ReportChart {
    /** Above this max/min score ratio a panel's axis is logarithmic. */
    static final double LOG_SPAN = 100;
    private static final int PANEL_WIDTH = 640;
    private static final int PANEL_HEIGHT = 420;

    private ReportChart() {
    }

    /**
     * Writes the chart.
     *
     * @param report the report whose rows are drawn
     * @param png the file to write
     * @return how many panels were drawn
     * @throws IOException if the file cannot be written
     * @throws IllegalArgumentException if the report has no rows
     */
    public static int write(BenchReport report, Path png) throws IOException {
        System.setProperty("java.awt.headless", "true");
        List<CategoryChart> panels = panels(report);
        if (panels.isEmpty()) {
            throw new IllegalArgumentException("nothing to draw: the report has no rows");
        }
        writeSheet(panels, png, PANEL_WIDTH, PANEL_HEIGHT);
        return panels.size();
    }

    /**
     * Draws charts side by side in one PNG, two columns (an odd count leaves a blank cell).
     *
     * @param charts the panels, each drawn at {@code width} × {@code height} pixels
     * @param png the file to write
     * @throws IOException if the file cannot be written
     */
    public static void writeSheet(List<? extends Chart<?, ?>> charts, Path png, int width, int height) throws IOException {
        System.setProperty("java.awt.headless", "true");
        int columns = Math.min(2, charts.size());
        int rows = (charts.size() + columns - 1) / columns;
        // XChart's own grid needs rows × columns charts exactly; an odd count leaves a blank cell
        BufferedImage sheet = new BufferedImage(columns * width, rows * height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = sheet.createGraphics();
        try {
            g.setColor(charts.get(0).getStyler().getChartBackgroundColor());
            g.fillRect(0, 0, sheet.getWidth(), sheet.getHeight());
            for (int i = 0; i < charts.size(); i++) {
                g.drawImage(BitmapEncoder.getBufferedImage(charts.get(i)), (i % columns) * width, (i / columns) * height, null);
            }
        } finally {
            g.dispose();
        }
        if (!ImageIO.write(sheet, "png", png.toFile())) {
            throw new IOException("no PNG writer in this JDK");
        }
    }

    /** @return one panel per benchmark class and lab, in report order */
    static List<CategoryChart> panels(BenchReport report) {
        List<CategoryChart> panels = new ArrayList<>();
        for (ReportSection section : report.sections()) {
            Map<String, List<JmhRow>> byClass = new LinkedHashMap<>();
            for (ReportRow row : section.rows()) {
                JmhRow r = row.result();
                byClass.computeIfAbsent(r.className() + " (" + r.lab() + ")", k -> new ArrayList<>()).add(r);
            }
            byClass.forEach((title, rows) -> panel(title, rows).ifPresent(panels::add));
        }
        return panels;
    }

    private static Optional<CategoryChart> panel(String title, List<JmhRow> rows) {
        Set<String> methods = new LinkedHashSet<>();
        rows.forEach(r -> methods.add(r.method()));
        boolean seriesByMethod = methods.size() > 1 || rows.get(0).params().isEmpty();

        // series → category → row
        Map<String, Map<String, JmhRow>> grid = new LinkedHashMap<>();
        Set<String> categories = new LinkedHashSet<>();
        for (JmhRow r : rows) {
            Map<String, String> rest = new LinkedHashMap<>(r.params());
            String series;
            if (seriesByMethod) {
                series = r.method();
            } else {
                String first = rest.keySet().iterator().next();
                series = first + "=" + rest.remove(first);
            }
            String category = rest.isEmpty() ? r.method() : MarkdownReport.params(rest);
            categories.add(category);
            grid.computeIfAbsent(series, s -> new LinkedHashMap<>()).put(category, r);
        }
        // XChart needs a value in every series for every category: drop incomplete categories
        List<String> complete = new ArrayList<>();
        for (String category : categories) {
            if (grid.values().stream().allMatch(m -> m.containsKey(category))) {
                complete.add(category);
            }
        }
        if (complete.isEmpty()) {
            return Optional.empty();
        }
        JmhRow first = rows.get(0);
        double min = rows.stream().mapToDouble(JmhRow::score).min().orElse(1);
        double max = rows.stream().mapToDouble(JmhRow::score).max().orElse(1);
        boolean log = min > 0 && max / min > LOG_SPAN;

        CategoryChart chart = new CategoryChartBuilder().width(PANEL_WIDTH).height(PANEL_HEIGHT)
                .title(title)
                .yAxisTitle(MarkdownReport.unit(first.unit()) + (first.higherIsBetter() ? " (higher is better)"
                        : " (lower is better)") + (log ? ", log scale; errors: see table" : ""))
                .build();
        chart.getStyler().setYAxisLogarithmic(log);
        chart.getStyler().setLegendPosition(LegendPosition.OutsideS);
        chart.getStyler().setLegendLayout(LegendLayout.Horizontal);
        chart.getStyler().setChartTitleFont(chart.getStyler().getChartTitleFont().deriveFont(14f));
        chart.getStyler().setErrorBarsColor(Color.DARK_GRAY);
        if (log) {
            // bars grow from the axis minimum, which XChart takes as 0 unless told: whole decades
            chart.getStyler().setYAxisMin(Math.pow(10, Math.floor(Math.log10(min * 0.1))));
            chart.getStyler().setYAxisMax(Math.pow(10, Math.ceil(Math.log10(max * 1.5))));
        } else {
            chart.getStyler().setYAxisMin(0.0);
        }
        for (Map.Entry<String, Map<String, JmhRow>> s : grid.entrySet()) {
            List<Double> scores = new ArrayList<>();
            List<Double> errors = new ArrayList<>();
            for (String category : complete) {
                JmhRow r = s.getValue().get(category);
                scores.add(r.score());
                errors.add(Double.isFinite(r.error()) ? r.error() : 0.0); // no estimate: no bar
            }
            if (log) {
                chart.addSeries(s.getKey(), complete, scores);
            } else {
                chart.addSeries(s.getKey(), complete, scores, errors);
            }
        }
        return Optional.of(chart);
    }
}
