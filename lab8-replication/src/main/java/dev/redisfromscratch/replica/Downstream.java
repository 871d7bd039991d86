package dev.redisfromscratch.replica;

/**
 * What a replica tells its own side as a primary (its backlog and its own replicas, a chain of
 * replicas), so that it behaves correctly if it is promoted: the server wires the primary's side.
 *
 * <pre>
 *   each applied command  → relay(bytes): appended to the backlog and sent on, as it came
 *   full resync loaded    → disconnectReplicas(), newBacklog(): a new history, from its offset
 *   +CONTINUE, new ID     → disconnectReplicas(): they must learn the new ID
 *   REPLICAOF NO ONE      → forceSelect(): the promoted server's own stream starts with SELECT
 * </pre>
 *
 * <p>Redis: {@code replication.c}, {@code replicationFeedStreamFromMasterStream},
 * {@code replicationAttachToNewMaster}, {@code createReplicationBacklog}, {@code disconnectSlaves},
 * {@code replicationUnsetMaster} ({@code server.slaveseldb = -1}).
 */
public interface Downstream {
    /**
     * @param bytes holds the stream's bytes, whole commands that have run, exactly as the primary sent them
     * @param off where they start
     * @param len how many
     */
    void relay(byte[] bytes, int off, int len);

    /** Closes this server's own replicas' links. */
    void disconnectReplicas();

    /** Replaces the backlog with an empty one starting at the current replication offset. */
    void newBacklog();

    /** Makes the next command this server feeds its replicas be preceded by {@code SELECT}. */
    void forceSelect();
}
