package dev.redisfromscratch.replica;

/**
 * Where a replica passes on the stream it applies: its own backlog and its own replicas (a chain
 * of replicas, or the replicas that will continue with it once it is promoted). The server wires
 * the primary's side's feed.
 *
 * <p>Redis: {@code replication.c}, {@code replicationFeedStreamFromMasterStream}.
 */
@FunctionalInterface
public interface StreamRelay {
    /**
     * @param bytes holds the stream's bytes, whole commands that have run, exactly as the primary sent them
     * @param off where they start
     * @param len how many
     */
    void relay(byte[] bytes, int off, int len);
}
