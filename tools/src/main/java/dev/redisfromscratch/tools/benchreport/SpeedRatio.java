package dev.redisfromscratch.tools.benchreport;

/**
 * How fast a row is relative to its peer: above 1 it is faster, below 1 slower, whatever the unit.
 * For throughput ({@code ops/s}) that is score / peer score; for time per operation
 * ({@code us/op}) it is peer score / score.
 *
 * <p>The error combines both rows' relative errors as independent ones (first-order propagation:
 * {@code ratio × sqrt((e1/s1)² + (e2/s2)²)}). It is NaN when either row has no error estimate.
 *
 * @param value the ratio
 * @param error its estimated error, or NaN
 */
public record SpeedRatio(double value, double error) {

    /**
     * @param row the measured row
     * @param peer the row it is compared with, in the same unit
     * @throws IllegalArgumentException if the two rows' units differ
     */
    public static SpeedRatio of(JmhRow row, JmhRow peer) {
        if (!row.unit().equals(peer.unit()) || row.higherIsBetter() != peer.higherIsBetter()) {
            throw new IllegalArgumentException(row.shortName() + " (" + row.unit() + ") and its peer "
                    + peer.shortName() + " (" + peer.unit() + ") are not in the same unit");
        }
        double value = row.higherIsBetter() ? row.score() / peer.score() : peer.score() / row.score();
        double relative = Math.hypot(row.error() / row.score(), peer.error() / peer.score());
        return new SpeedRatio(value, value * relative);
    }
}
