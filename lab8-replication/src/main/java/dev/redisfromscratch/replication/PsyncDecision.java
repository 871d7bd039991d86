package dev.redisfromscratch.replication;

/**
 * The primary's answer to {@code PSYNC <replid> <offset>}: can the replica continue from its
 * offset ({@code +CONTINUE}), or must it load a full snapshot ({@code +FULLRESYNC})?
 *
 * <pre>
 *   replid "?"                                         → FULL_REQUESTED   (the replica has no history)
 *   replid == ours, or == our previous ID with
 *     offset &lt;= second_repl_offset                     → history shared; else ID_MISMATCH / SECOND_ID_OFFSET
 *   backlog exists and first &lt;= offset &lt;= first+histlen → CONTINUE;       else BACKLOG_LACKS
 * </pre>
 *
 * <p>Redis: {@code replication.c}, {@code masterTryPartialResynchronization}.
 */
public final class PsyncDecision {
    /** What the primary decided, and why (each reason has its own log line). */
    public enum Outcome {
        /** Partial resync: {@code +CONTINUE}, then the backlog from the offset. */
        CONTINUE,
        /** {@code PSYNC ? -1}: the replica asked for a full resync. */
        FULL_REQUESTED,
        /** The ID is neither our replication ID nor our previous one. */
        ID_MISMATCH,
        /** The previous ID matches, but the offset is past where that history ended. */
        SECOND_ID_OFFSET,
        /** The history matches, but the backlog does not hold the bytes from that offset (or there is no backlog). */
        BACKLOG_LACKS
    }

    private PsyncDecision() {
    }

    /**
     * Decides. Replication IDs compare without regard to case, as Redis's {@code strcasecmp}.
     *
     * @param state our replication ID, previous ID and the offset up to which it is valid
     * @param backlog our backlog, or {@code null} if there is none
     * @param replid the ID the replica sent ({@code ?} for none)
     * @param offset the offset it sent: the next byte it needs (its own offset + 1)
     * @return the outcome
     */
    public static Outcome decide(ReplicationState state, Backlog backlog, String replid, long offset) {
        // BEGIN SOLUTION
        boolean current = replid.equalsIgnoreCase(state.replid());
        boolean previous = replid.equalsIgnoreCase(state.replid2()) && offset <= state.secondOffset();
        if (!current && !previous) {
            if (replid.equals("?")) {
                return Outcome.FULL_REQUESTED;
            }
            return replid.equalsIgnoreCase(state.replid2()) ? Outcome.SECOND_ID_OFFSET : Outcome.ID_MISMATCH;
        }
        if (backlog == null || !backlog.covers(offset)) {
            return Outcome.BACKLOG_LACKS;
        }
        return Outcome.CONTINUE;
        // END SOLUTION
        // STUB: throw new UnsupportedOperationException("TODO(lab8): stage 2: PsyncDecision.decide: same history (our replid, or replid2 up to secondOffset) and backlog.covers(offset) → CONTINUE, else the reason for a full resync");
    }
}
