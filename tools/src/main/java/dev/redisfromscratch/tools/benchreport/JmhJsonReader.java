package dev.redisfromscratch.tools.benchreport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the file JMH writes with {@code -rf json}: an array with one object per benchmark and
 * parameter combination. Only the primary metric is read; secondary ones (such as lab 3's
 * {@code bytes} counter or {@code -prof gc}'s) stay in the JSON.
 */
public final class JmhJsonReader {
    private final ObjectMapper json = new ObjectMapper();

    /**
     * @param file a JMH JSON result
     * @param lab the label its rows get, e.g. the lab module's name
     * @return the run: its rows and the settings and JVM of its first row
     * @throws IOException if the file cannot be read or is not a JMH result array
     */
    public JmhRun read(Path file, String lab) throws IOException {
        JsonNode root = json.readTree(file.toFile());
        if (root == null || !root.isArray()) {
            throw new IOException(file + " is not a JMH JSON result (expected an array)");
        }
        List<JmhRow> rows = new ArrayList<>();
        for (JsonNode result : root) {
            rows.add(row(result, lab, file));
        }
        JsonNode first = root.isEmpty() ? null : root.get(0);
        return new JmhRun(lab, rows, first == null ? null : settings(first));
    }

    private static JmhRow row(JsonNode result, String lab, Path file) throws IOException {
        JsonNode primary = result.get("primaryMetric");
        if (primary == null || !result.hasNonNull("benchmark")) {
            throw new IOException(file + ": a result without benchmark or primaryMetric");
        }
        Map<String, String> params = new LinkedHashMap<>();
        JsonNode paramNode = result.get("params");
        if (paramNode != null) {
            Iterator<Map.Entry<String, JsonNode>> it = paramNode.fields();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> p = it.next();
                params.put(p.getKey(), p.getValue().asText());
            }
        }
        return new JmhRow(lab, result.get("benchmark").asText(), result.path("mode").asText(),
                params, number(primary.get("score")), number(primary.get("scoreError")),
                primary.path("scoreUnit").asText());
    }

    private static RunSettings settings(JsonNode first) {
        return new RunSettings(first.path("forks").asInt(),
                first.path("warmupIterations").asInt(), first.path("warmupTime").asText(),
                first.path("measurementIterations").asInt(), first.path("measurementTime").asText(),
                first.path("jdkVersion").asText() + " (" + first.path("vmName").asText() + ")");
    }

    /** JMH writes NaN and infinities as strings ({@code "NaN"}), numbers otherwise. */
    private static double number(JsonNode node) {
        if (node == null || node.isNull()) {
            return Double.NaN;
        }
        return node.isNumber() ? node.asDouble() : Double.parseDouble(node.asText());
    }

    /**
     * One lab's JMH run.
     *
     * @param lab its label
     * @param rows its results
     * @param settings the settings and JVM of the run, null when it has no rows
     */
    public record JmhRun(String lab, List<JmhRow> rows, RunSettings settings) {
    }

    /**
     * How a run measured, as JMH recorded it.
     *
     * @param forks JVM forks per benchmark
     * @param warmupIterations warm-up iterations per fork
     * @param warmupTime each warm-up iteration's length, e.g. {@code 500 ms}
     * @param measurementIterations measured iterations per fork
     * @param measurementTime each measured iteration's length
     * @param jvm the JDK version and VM name that ran the benchmarks
     */
    public record RunSettings(int forks, int warmupIterations, String warmupTime,
                              int measurementIterations, String measurementTime, String jvm) {
        /** @return e.g. {@code 1 fork, 2 × 500 ms warm-up, 3 × 1 s measured} */
        public String describe() {
            return forks + (forks == 1 ? " fork, " : " forks, ")
                    + (warmupIterations == 0 ? "no warm-up, " : warmupIterations + " × " + warmupTime + " warm-up, ")
                    + measurementIterations + " × " + measurementTime + " measured";
        }
    }
}
