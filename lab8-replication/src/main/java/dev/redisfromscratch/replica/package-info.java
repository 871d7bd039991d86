/**
 * Replication, the replica's side: {@code REPLICAOF}, the non-blocking handshake with the primary
 * inside the event loop, loading the primary's snapshot, applying its command stream without
 * replying, the replica's offset and its {@code REPLCONF ACK}s, and read-only mode.
 *
 * <p>Redis: {@code replication.c}, {@code connectWithMaster}, {@code syncWithMaster},
 * {@code readSyncBulkPayload}, {@code replicaofCommand}.
 */
package dev.redisfromscratch.replica;
