package dev.redisfromscratch.tools.benchreport;

import dev.redisfromscratch.tools.benchreport.JmhJsonReader.RunSettings;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Writes a {@link BenchReport} as Markdown: a header naming the machine, JVM, date and JMH
 * settings, the chart, then one table per section with score ± error, unit, and the speed ratio
 * against the peer where there is one.
 */
public final class MarkdownReport {
    private MarkdownReport() {
    }

    /**
     * @param report what to write
     * @param chartFile the chart's file name, relative to the report (e.g. {@code chart.png})
     * @return the Markdown text
     */
    public static String render(BenchReport report, String chartFile) {
        return render(report, chartFile, "");
    }

    /**
     * @param report what to write
     * @param chartFile the chart's file name, relative to the report (e.g. {@code chart.png})
     * @param headline a Markdown section (from its {@code ##} title) put before the JMH sections;
     *     empty for none
     * @return the Markdown text
     */
    public static String render(BenchReport report, String chartFile, String headline) {
        StringBuilder md = new StringBuilder();
        md.append("# Benchmark report: the labs side by side\n\n");
        md.append("Written by `./lab bench compare` on ").append(report.machine().date()).append(".\n\n");
        md.append("- **Machine**: ").append(report.machine().describe()).append('\n');
        jvm(report).ifPresent(jvm -> md.append("- **JVM**: ").append(jvm).append('\n'));
        for (Map.Entry<String, List<String>> s : settingsByDescription(report).entrySet()) {
            md.append("- **JMH settings** (").append(String.join(", ", s.getValue())).append("): ")
                    .append(s.getKey()).append(" per benchmark and parameter set\n");
        }
        for (String note : report.notes()) {
            md.append("- **Note**: ").append(note).append('\n');
        }
        md.append('\n');
        if (!headline.isBlank()) {
            md.append(headline.strip()).append("\n\n## The labs' JMH benchmarks\n\n");
        }
        md.append("Score ± error is JMH's mean with its 99.9% confidence interval (± ? when there were too few\n"
                + "iterations to compute one). *Speed vs peer* is how fast the row is relative to the row named in\n"
                + "*peer*, with the same other parameters: above 1 faster, below 1 slower, whatever the unit.\n"
                + "The workbook's README explains how to read this report (\"Reading the benchmark report\").\n\n");
        md.append("![Scores with their error bars, one panel per benchmark](").append(chartFile).append(")\n");
        for (ReportSection section : report.sections()) {
            md.append("\n## ").append(section.title()).append("\n\n");
            md.append("| lab | benchmark | parameters | score ± error | unit | speed vs peer | peer |\n");
            md.append("|---|---|---|--:|---|--:|---|\n");
            for (ReportRow row : section.rows()) {
                JmhRow r = row.result();
                md.append("| ").append(r.lab())
                        .append(" | `").append(r.shortName()).append('`')
                        .append(" | ").append(params(r.params()))
                        .append(" | ").append(Quantity.withError(r.score(), r.error()))
                        .append(" | ").append(unit(r.unit()))
                        .append(" | ").append(row.ratio() == null ? "" : Quantity.ratio(row.ratio()))
                        .append(" | ").append(row.peer() == null ? "" : peerLabel(r, row.peer()))
                        .append(" |\n");
            }
        }
        return md.toString();
    }

    /** @return JMH's unit as a reader writes it: {@code µs/op} for {@code us/op} */
    public static String unit(String jmhUnit) {
        return jmhUnit.replace("us/", "µs/");
    }

    /** @return {@code name=value, name=value}, or an empty string without parameters */
    public static String params(Map<String, String> params) {
        List<String> parts = new ArrayList<>();
        params.forEach((name, value) -> parts.add(name + "=" + value));
        return String.join(", ", parts);
    }

    /** Names the peer by what differs from the row: its method, its class, or its parameters. */
    private static String peerLabel(JmhRow row, JmhRow peer) {
        List<String> parts = new ArrayList<>();
        if (!peer.className().equals(row.className())) {
            parts.add("`" + peer.shortName() + "`");
        } else if (!peer.method().equals(row.method())) {
            parts.add("`" + peer.method() + "`");
        }
        Map<String, String> differing = new LinkedHashMap<>();
        peer.params().forEach((name, value) -> {
            if (!Objects.equals(row.params().get(name), value)) {
                differing.put(name, value);
            }
        });
        if (!differing.isEmpty()) {
            parts.add(params(differing));
        }
        return String.join(" ", parts);
    }

    private static Optional<String> jvm(BenchReport report) {
        return report.settings().values().stream().map(RunSettings::jvm).distinct()
                .reduce((a, b) -> a + "; " + b);
    }

    private static Map<String, List<String>> settingsByDescription(BenchReport report) {
        Map<String, List<String>> labsBySettings = new LinkedHashMap<>();
        report.settings().forEach((lab, s) ->
                labsBySettings.computeIfAbsent(s.describe(), d -> new ArrayList<>()).add(lab));
        return labsBySettings;
    }
}
