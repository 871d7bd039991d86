package dev.redisfromscratch.tools.benchreport;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Picks rows of a JMH result: {@code Benchmark.method}, optionally followed by parameter values
 * that must match, as in {@code InlinePingBenchmark.pingRoundTrip[target=redis]}.
 *
 * @param className the benchmark class's simple name
 * @param method the benchmark method
 * @param params parameter values the row must have (others may be anything)
 */
public record RowSelector(String className, String method, Map<String, String> params) {

    /**
     * @param text {@code Class.method} or {@code Class.method[name=value,...]}
     * @throws IllegalArgumentException if it is not in that form
     */
    public static RowSelector parse(String text) {
        String name = text;
        Map<String, String> params = new LinkedHashMap<>();
        int bracket = text.indexOf('[');
        if (bracket >= 0) {
            if (!text.endsWith("]")) {
                throw new IllegalArgumentException("expected Class.method[name=value,...]: " + text);
            }
            name = text.substring(0, bracket);
            for (String pair : text.substring(bracket + 1, text.length() - 1).split(",")) {
                int eq = pair.indexOf('=');
                if (eq <= 0) {
                    throw new IllegalArgumentException("expected name=value in " + text + ": " + pair);
                }
                params.put(pair.substring(0, eq).trim(), pair.substring(eq + 1).trim());
            }
        }
        int dot = name.lastIndexOf('.');
        if (dot <= 0 || dot == name.length() - 1) {
            throw new IllegalArgumentException("expected Class.method: " + text);
        }
        return new RowSelector(name.substring(0, dot), name.substring(dot + 1), params);
    }

    /** @return whether {@code row} is this class's method with these parameter values */
    public boolean matches(JmhRow row) {
        if (!row.className().equals(className) || !row.method().equals(method)) {
            return false;
        }
        for (Map.Entry<String, String> p : params.entrySet()) {
            if (!p.getValue().equals(row.params().get(p.getKey()))) {
                return false;
            }
        }
        return true;
    }
}
