package dev.redisfromscratch.tools.benchreport;

import java.util.Map;

/**
 * One row of a JMH result: one benchmark method at one combination of its {@code @Param}s.
 *
 * @param lab the lab module whose run produced it, e.g. {@code lab1-tcp-ping}
 * @param benchmark the fully qualified method, e.g. {@code dev.redisfromscratch.bench.InlinePingBenchmark.pingRoundTrip}
 * @param mode JMH's mode: {@code thrpt}, {@code avgt}, {@code sample} or {@code ss}
 * @param params the {@code @Param} values, in JMH's order
 * @param score the primary result, in {@code unit}
 * @param error half the width of JMH's 99.9% confidence interval, in {@code unit}; NaN when JMH
 *     could not compute one (a single measurement iteration)
 * @param unit JMH's unit, e.g. {@code ops/s} or {@code us/op}
 */
public record JmhRow(String lab, String benchmark, String mode, Map<String, String> params,
                     double score, double error, String unit) {

    /** @return the benchmark class's simple name, e.g. {@code InlinePingBenchmark} */
    public String className() {
        String owner = benchmark.substring(0, benchmark.lastIndexOf('.'));
        return owner.substring(owner.lastIndexOf('.') + 1);
    }

    /** @return the method name, e.g. {@code pingRoundTrip} */
    public String method() {
        return benchmark.substring(benchmark.lastIndexOf('.') + 1);
    }

    /** @return {@code Class.method}, e.g. {@code InlinePingBenchmark.pingRoundTrip} */
    public String shortName() {
        return className() + "." + method();
    }

    /**
     * @return whether a larger score is better: true for throughput ({@code ops/s}), false for
     *     time per operation ({@code us/op})
     */
    public boolean higherIsBetter() {
        return mode.equals("thrpt");
    }
}
