package dev.redisfromscratch.tools.benchreport;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * "Compare these rows with those": a {@code peer} line of a lab's {@code bench/compare.conf}. The
 * peer of a row is the row that matches {@link #peers()} and has the same value for every other
 * parameter the two share: {@code respDecoder} at {@code frame=GET} is compared with Netty at
 * {@code frame=GET}, not at {@code frame=SET_1KB}.
 *
 * @param rows the rows that get a ratio
 * @param peers the rows they are compared with
 */
public record PeerRule(RowSelector rows, RowSelector peers) {

    /** @return the peer of {@code row} among {@code all}, if this rule applies to it and one was run */
    public Optional<JmhRow> peerOf(JmhRow row, List<JmhRow> all) {
        if (!rows.matches(row)) {
            return Optional.empty();
        }
        return all.stream()
                .filter(candidate -> candidate != row && peers.matches(candidate) && sameOtherParams(row, candidate))
                .findFirst();
    }

    private boolean sameOtherParams(JmhRow row, JmhRow candidate) {
        for (Map.Entry<String, String> p : row.params().entrySet()) {
            String name = p.getKey();
            if (rows.params().containsKey(name) || peers.params().containsKey(name)) {
                continue;
            }
            String other = candidate.params().get(name);
            if (other != null && !other.equals(p.getValue())) {
                return false;
            }
        }
        return true;
    }
}
