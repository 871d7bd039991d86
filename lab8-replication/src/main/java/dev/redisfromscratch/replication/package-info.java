/**
 * Replication, the primary's side: the replication ID and offset ({@link dev.redisfromscratch.replication.ReplicationState}),
 * the backlog, {@code REPLCONF}, {@code PSYNC} and {@code SYNC}, the command stream to the replicas,
 * their acknowledgements and {@code WAIT}, and {@code INFO replication}.
 *
 * <p>Redis: {@code replication.c}.
 */
package dev.redisfromscratch.replication;
