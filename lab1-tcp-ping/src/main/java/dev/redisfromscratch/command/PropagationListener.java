package dev.redisfromscratch.command;

import java.util.List;

/**
 * Receives the effect of every command that changed the keyspace, after it ran, in execution
 * order: lab 4's append-only file writes it, lab 8's primary streams it to its replicas.
 *
 * <p>The arguments are what replays to the same data, which is not always what the client sent:
 * {@code EXPIRE k 10} arrives as {@code PEXPIREAT k <unix ms>}, {@code SET k v EX 10} as
 * {@code SET k v PXAT <unix ms>}, and a key removed by lazy or active expiry as {@code DEL k}.
 *
 * <p>Redis: {@code server.c}, {@code propagateNow} → {@code feedAppendOnlyFile} and
 * {@code replicationFeedSlaves}.
 */
@FunctionalInterface
public interface PropagationListener {
    /**
     * @param db the database the command ran in (0 until lab 5 adds {@code SELECT})
     * @param argv the command to replay, name first; the list and arrays must not be modified
     */
    void propagate(int db, List<byte[]> argv);
}
