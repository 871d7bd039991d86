package dev.redisfromscratch.bench;

import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.runner.IterationType;

/**
 * The scale that makes an {@code @AuxCounters(EVENTS)} field report one figure per run (a file
 * size, a fork time) rather than a total: JMH sets such a field to 0 before each iteration and adds
 * up the values the measurement iterations leave in it. Writing {@code figure × share}, where the
 * share is 1 / (measurement iterations) in a measurement iteration and 0 in a warm-up one, makes
 * that sum the figure (or its mean over the iterations, when it varies).
 */
final class IterationShare {
    private IterationShare() {
    }

    /** @return 1 / (measurement iterations) during a measurement iteration, 0 during warm-up */
    static double of(IterationParams iteration) {
        return iteration.getType() == IterationType.MEASUREMENT ? 1.0 / iteration.getCount() : 0.0;
    }
}
