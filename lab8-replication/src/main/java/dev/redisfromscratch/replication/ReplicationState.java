package dev.redisfromscratch.replication;

import java.security.SecureRandom;

/**
 * A server's place in its replication history: the replication ID (40 hex characters, new for
 * each history), the replication offset (bytes of the command stream produced or applied since
 * that history began), and the previous ID with the offset up to which it is still valid (set when
 * a replica is promoted, so that the other replicas of the old primary can continue with
 * {@code PSYNC} instead of a full resync).
 *
 * <pre>
 *   INFO replication      master_replid, master_replid2, master_repl_offset, second_repl_offset
 *   PSYNC id off          accepted when id == replid, or id == replid2 and off &lt;= second_repl_offset
 * </pre>
 *
 * <p>Only the server thread (the event loop) reads or changes it.
 *
 * <p>Redis: {@code replication.c}, {@code changeReplicationId}, {@code clearReplicationId2},
 * {@code shiftReplicationId}; {@code server.h}, {@code server.replid}, {@code server.master_repl_offset}.
 */
public final class ReplicationState {
    /** Length of a replication ID: 40 hex characters ({@code CONFIG_RUN_ID_SIZE}). */
    public static final int ID_LENGTH = 40;
    /** The ID of "no previous history": forty zeros. */
    public static final String NO_ID = "0".repeat(ID_LENGTH);

    private static final SecureRandom RANDOM = new SecureRandom();

    private String replid = randomId();
    private String replid2 = NO_ID;
    private long offset;
    private long secondOffset = -1;

    /** @return a new random replication ID: 40 lowercase hex characters */
    public static String randomId() {
        char[] hex = "0123456789abcdef".toCharArray();
        char[] id = new char[ID_LENGTH];
        for (int i = 0; i < id.length; i++) {
            id[i] = hex[RANDOM.nextInt(16)];
        }
        return new String(id);
    }

    /** @return the current replication ID ({@code master_replid}) */
    public String replid() {
        return replid;
    }

    /** @return the previous replication ID, or {@link #NO_ID} ({@code master_replid2}) */
    public String replid2() {
        return replid2;
    }

    /** @return the replication offset in bytes ({@code master_repl_offset}) */
    public long offset() {
        return offset;
    }

    /** @return the last offset + 1 valid for {@link #replid2()}, or -1 ({@code second_repl_offset}) */
    public long secondOffset() {
        return secondOffset;
    }

    /**
     * Counts bytes added to the stream (a primary feeding its backlog) or applied from it (a replica).
     *
     * @param bytes how many, at least 0
     */
    public void advance(long bytes) {
        offset += bytes;
    }

    /**
     * Takes over a primary's history: a replica after {@code +FULLRESYNC id off} (or a loaded snapshot).
     *
     * @param id the primary's replication ID
     * @param newOffset the offset the snapshot stands at
     */
    public void adopt(String id, long newOffset) {
        replid = id;
        offset = newOffset;
    }

    /** Starts a new history with a random ID, keeping the offset (Redis: {@code changeReplicationId}). */
    public void changeReplid() {
        replid = randomId();
    }

    /** Forgets the previous ID (Redis: {@code clearReplicationId2}). */
    public void clearReplid2() {
        replid2 = NO_ID;
        secondOffset = -1;
    }

    /**
     * A promoted replica: the current ID becomes the previous one, valid up to this offset, and a
     * new ID begins (Redis: {@code shiftReplicationId}).
     */
    public void shiftReplid() {
        replid2 = replid;
        secondOffset = offset + 1;
        changeReplid();
    }
}
