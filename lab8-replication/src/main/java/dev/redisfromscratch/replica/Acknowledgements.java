package dev.redisfromscratch.replica;

/**
 * The replica's part of offsets and acknowledgements: what it tells its primary about how far it
 * has got, and what it remembers of the primary when the link drops, so that the next handshake
 * can ask to continue ({@code PSYNC <replid> <offset+1>}) instead of a full resynchronization.
 *
 * <pre>
 *   primary → replica    *3 REPLCONF GETACK *        (WAIT on the primary asks for it)
 *   replica → primary    *3 REPLCONF ACK &lt;offset&gt;    the bytes of the commands applied before the GETACK
 *   (link lost)          cached: replid, offset, db  → next handshake: PSYNC &lt;replid&gt; &lt;offset+1&gt;
 * </pre>
 *
 * <p>The link sends {@code REPLCONF ACK} once a second by itself ({@link PrimaryLink#cron()}).
 *
 * <p>Redis: {@code replication.c}, {@code replconfCommand} ({@code GETACK}),
 * {@code replicationSendAck}, {@code replicationCacheMaster}, {@code replicationDiscardCachedMaster}.
 */
public final class Acknowledgements {
    private String cachedReplid;
    private long cachedOffset;
    private int cachedDb;

    /**
     * The primary sent {@code REPLCONF GETACK *}: answers at once with {@code REPLCONF ACK <offset>},
     * where the offset is that of the commands applied so far. The link calls this before it
     * counts the GETACK's own bytes, so the acknowledgement does not include them (as Redis's
     * {@code c->reploff}, updated after each command has run).
     *
     * @param link the link the GETACK came on
     */
    public void answerGetAck(PrimaryLink link) {
        // BEGIN SOLUTION
        link.sendAck(); // *3\r\n$8\r\nREPLCONF\r\n$3\r\nACK\r\n$<n>\r\n<offset>\r\n
        // END SOLUTION
        // STUB: throw new UnsupportedOperationException("TODO(lab8): stage 3: answer REPLCONF GETACK with REPLCONF ACK and the offset of the commands applied before it");
    }

    /**
     * The link to the primary was lost after the stream began: remembers where this replica
     * stands in the primary's history, for the next handshake's {@code PSYNC}.
     *
     * @param replid the primary's replication ID (this server's now)
     * @param offset the offset of the last command applied, bytes; the next PSYNC asks for
     *     {@code offset + 1}
     * @param db the database the stream had selected (a partial resynchronization continues in it)
     */
    public void cachePrimary(String replid, long offset, int db) {
        // BEGIN SOLUTION
        cachedReplid = replid;
        cachedOffset = offset;
        cachedDb = db;
        // END SOLUTION
        // STUB: throw new UnsupportedOperationException("TODO(lab8): stage 3: remember the primary's replication ID, the applied offset and the stream's db for the next PSYNC");
    }

    /**
     * Uses this server's own history as the cached primary: a primary turned replica
     * ({@code REPLICAOF host port}) may continue with a new primary that was its replica.
     *
     * <p>Redis: {@code replication.c}, {@code replicationCacheMasterUsingMyself}.
     */
    public void cacheMyself(String replid, long offset) {
        cachedReplid = replid;
        cachedOffset = offset;
        cachedDb = 0;
    }

    /** Forgets the cached primary (a full resynchronization replaced it, or {@code REPLICAOF NO ONE}). */
    public void forgetPrimary() {
        cachedReplid = null;
        cachedOffset = 0;
        cachedDb = 0;
    }

    /** @return the cached primary's replication ID, or {@code null}: then the handshake sends {@code PSYNC ? -1} */
    public String cachedReplid() {
        return cachedReplid;
    }

    /** @return the offset applied from the cached primary, bytes */
    public long cachedOffset() {
        return cachedOffset;
    }

    /** @return the database the cached primary's stream had selected */
    public int cachedDb() {
        return cachedDb;
    }
}
