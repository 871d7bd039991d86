package dev.redisfromscratch.bench;

import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.runner.IterationType;

/**
 * Makes an {@code @AuxCounters(EVENTS)} counter report a per-run value instead of a total.
 *
 * <p>JMH zeroes event counters before every iteration and adds up what each measurement iteration
 * leaves in them (aggregation policy SUM, across threads and iterations). A benchmark that wants to
 * report a figure such as "bytes per key" or "keys reclaimed per cycle" therefore writes
 * {@code value × share} in every measurement iteration, where share is 1 / (number of measurement
 * iterations) and 0 during warm-up: the sum JMH prints is the value itself (or the mean, for a value
 * that varies). The per-iteration lines in JMH's log show the fractions; the summary row is the figure.
 */
final class AuxCounterShare {
    private AuxCounterShare() {
    }

    /** @return 1 / (measurement iterations) during a measurement iteration, 0 during warm-up */
    static double of(IterationParams iteration) {
        return iteration.getType() == IterationType.MEASUREMENT ? 1.0 / iteration.getCount() : 0.0;
    }
}
