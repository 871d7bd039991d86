package dev.redisfromscratch.rdb;

/**
 * The replication facts a primary writes into the RDB it sends on a full resync, as auxiliary
 * fields: {@code repl-stream-db}, {@code repl-id} and {@code repl-offset}. A replica that loads the
 * file (or a server restarted on it) can read where in the primary's stream the snapshot stands
 * ({@link RdbReader.Loaded#replicationAux()}).
 *
 * <p>Redis: {@code rdb.c}, {@code rdbSaveInfoAuxFields} and {@code rdbPopulateSaveInfo}
 * ({@code rdbSaveInfo}: {@code repl_stream_db}, {@code repl_id}, {@code repl_offset}).
 *
 * @param streamDb the database the replication stream has selected, the one the replica's next
 *     command applies to without a {@code SELECT}; -1 if none
 * @param replId the replication ID, 40 hex characters
 * @param replOffset the replication offset the snapshot stands at, in bytes of the stream
 */
public record ReplicationAux(int streamDb, String replId, long replOffset) {
    /** The auxiliary field names. */
    static final String STREAM_DB = "repl-stream-db";
    static final String ID = "repl-id";
    static final String OFFSET = "repl-offset";
}
