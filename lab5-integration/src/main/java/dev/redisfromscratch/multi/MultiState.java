package dev.redisfromscratch.multi;

import dev.redisfromscratch.client.Client;
import dev.redisfromscratch.command.CommandSpec;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * One client's transaction: the commands queued since {@code MULTI}, whether the transaction is
 * already doomed, and the keys it {@code WATCH}es. Kept in the client ({@code client.state}), so
 * {@link dev.redisfromscratch.client.Client} needs no field for it; {@code ClientFlag.MULTI} says
 * whether the client is between {@code MULTI} and {@code EXEC}.
 *
 * <pre>
 *   queued        the commands, in order, with their looked-up specs     (Redis: c->mstate)
 *   execAborted   a command was refused while queuing: EXEC answers
 *                 -EXECABORT                                             (CLIENT_DIRTY_EXEC)
 *   touched       a watched key changed: EXEC answers *-1                (CLIENT_DIRTY_CAS)
 *   watched       the keys WATCH registered, see {@link WatchedKeys}     (c->watched_keys)
 * </pre>
 *
 * <p>Used under the global lock only.
 *
 * <p>Redis: {@code server.h}, {@code multiState}, {@code multiCmd}; {@code multi.c},
 * {@code queueMultiCommand}, {@code flagTransaction}.
 */
public final class MultiState {
    /**
     * One queued command, looked up and checked when it was queued.
     *
     * @param spec the command (or subcommand)
     * @param argv the request, name first
     */
    public record QueuedCommand(CommandSpec spec, List<byte[]> argv) {
    }

    private final List<QueuedCommand> queued = new ArrayList<>();
    private boolean execAborted;
    private boolean touched;
    /** This client's watched keys; {@link WatchedKeys} keeps them. */
    final List<WatchedKeys.WatchedKey> watched = new ArrayList<>();

    /** @return the client's transaction state, made on first use */
    public static MultiState of(Client client) {
        return client.state(MultiState.class, MultiState::new);
    }

    /**
     * Queues a command for {@code EXEC}. A transaction already doomed keeps nothing, as Redis does
     * not waste memory on one ({@code EXEC} will discard it anyway).
     */
    public void queue(CommandSpec spec, List<byte[]> argv) {
        if (!execAborted && !touched) {
            queued.add(new QueuedCommand(spec, argv));
        }
    }

    /** @return the queued commands, in the order they were sent (read-only) */
    public List<QueuedCommand> queued() {
        return Collections.unmodifiableList(queued);
    }

    /** Dooms the transaction: a command was refused while queuing (Redis: {@code flagTransaction}). */
    public void abortExec() {
        execAborted = true;
    }

    /** @return whether a command was refused while queuing ({@code EXEC} answers {@code -EXECABORT}) */
    public boolean execAborted() {
        return execAborted;
    }

    /** Marks that a watched key changed (Redis: {@code CLIENT_DIRTY_CAS}). */
    public void touch() {
        touched = true;
    }

    /** @return whether a watched key changed since {@code WATCH} ({@code EXEC} answers {@code *-1}) */
    public boolean touched() {
        return touched;
    }

    /** @return how many keys the client watches */
    public int watchedKeyCount() {
        return watched.size();
    }

    /** Forgets the queue and both flags (not the watched keys: {@link WatchedKeys#unwatchAll} does). */
    void reset() {
        queued.clear();
        execAborted = false;
        touched = false;
    }

    /** Clears the touched flag alone ({@code UNWATCH}). */
    void untouch() {
        touched = false;
    }
}
