package dev.redisfromscratch.blocking;

import dev.redisfromscratch.client.Client;
import dev.redisfromscratch.client.ClientFlag;
import dev.redisfromscratch.command.PropagationListener;
import dev.redisfromscratch.lists.ListValue;
import dev.redisfromscratch.protocol.ReplyWriter;
import dev.redisfromscratch.store.DataStore;
import dev.redisfromscratch.store.Databases;
import dev.redisfromscratch.store.Key;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The clients blocked in a blocking pop, and what wakes them: Redis's {@code db->blocking_keys},
 * {@code server.ready_keys} and its table of timeouts.
 *
 * <pre>
 *   waiting     (db, key) → the clients blocked on it, first blocked first   (db->blocking_keys)
 *   ready       (db, key) keys a command added while clients wait on them     (server.ready_keys)
 *   byClient    client → its Blocked: keys, deadline, what to do when served  (c->bpop)
 *   timeouts    the Blocked with a deadline, soonest first                    (clients_timeout_table)
 *
 *   BLPOP k1 k2 0, both missing   block(): at the tail of k1's and k2's queues, flagged BLOCKED;
 *                                 its thread goes back to waiting on its socket, no lock held
 *   LPUSH k2 a b                  the store adds k2 → signalKeyAsReady(db, k2) → ready
 *   LPUSH done and propagated     serveReadyKeys() (the pipeline's after-command work): for k2,
 *                                 while the list has elements and clients wait, serve the first:
 *                                 pop, reply into its buffer, propagate LPOP k2, unblock, wake it
 *   cron, hz times a second       timeOut(now): every client past its deadline answers *-1
 * </pre>
 *
 * <p>A push to a key with waiting clients serves them in the same atomic step: nothing runs
 * between the command that made the key ready and the pops it wakes, because the pipeline calls
 * {@link #serveReadyKeys} before it returns, under the same lock. A served {@code BLMOVE} that
 * creates its destination makes that key ready in turn, and the loop serves it too.
 *
 * <p>Not thread-safe: used under lab 5's global lock (commands, the cron, a client leaving), as it
 * would be on lab 7's one thread.
 *
 * <p>Redis: {@code blocked.c}, {@code blockForKeys}, {@code signalKeyAsReady},
 * {@code handleClientsBlockedOnKeys}, {@code serveClientsBlockedOnListKey},
 * {@code unblockClient}, {@code replyToBlockedClientTimedOut}; {@code timeout.c},
 * {@code handleBlockedClientsTimeout}.
 */
public final class BlockedClients {
    /**
     * A key in one database.
     *
     * @param db the database's number
     * @param key the key
     */
    public record DbKey(int db, Key key) {
    }

    /**
     * One blocked client's state.
     *
     * @param client the client
     * @param db its database when it blocked (a blocked client cannot SELECT)
     * @param keys the keys it waits on, each once, in the order it named them
     * @param deadlineMillis Unix ms on the server's clock, or {@link Timeout#FOREVER}
     * @param pop what to do when it is served
     * @param sequence the order it blocked in, to break ties between equal deadlines
     */
    public record Blocked(Client client, int db, List<Key> keys, long deadlineMillis, BlockedPop pop, long sequence) {
    }

    private static final Comparator<Blocked> BY_DEADLINE =
            Comparator.comparingLong(Blocked::deadlineMillis).thenComparingLong(Blocked::sequence);

    private final Databases dbs;
    private final PropagationListener propagation;
    private final Map<DbKey, Deque<Blocked>> waiting = new HashMap<>();
    private final LinkedHashSet<DbKey> ready = new LinkedHashSet<>();
    private final Map<Client, Blocked> byClient = new HashMap<>();
    private final TreeSet<Blocked> timeouts = new TreeSet<>(BY_DEADLINE);
    private long sequence;

    /**
     * @param dbs the databases the keys are in
     * @param propagation where served pops propagate ({@code CommandPipeline.alsoPropagate})
     */
    public BlockedClients(Databases dbs, PropagationListener propagation) {
        this.dbs = dbs;
        this.propagation = propagation;
    }

    /**
     * Blocks {@code client} on {@code keys}: records it at the tail of each key's queue of
     * waiting clients (a key named twice counts once), remembers its deadline and what to do when
     * served ({@link #blocked}), adds it to the timeouts unless it waits for ever, and flags it
     * {@link ClientFlag#BLOCKED}, so its request loop runs nothing more and {@code INFO}'s
     * {@code blocked_clients} counts it. Nothing is replied now.
     *
     * <p>Redis: {@code blocked.c}, {@code blockForKeys} and {@code blockClient};
     * {@code timeout.c}, {@code addClientToTimeoutTable}.
     *
     * @param client the client, not blocked already
     * @param keys the keys, in the order the command named them (none of them holds a list now)
     * @param deadlineMillis Unix ms on the server's clock, or {@link Timeout#FOREVER}
     * @param pop what to do when a list appears under one of the keys
     */
    public void block(Client client, List<byte[]> keys, long deadlineMillis, BlockedPop pop) {
        // BEGIN SOLUTION
        List<Key> distinct = new ArrayList<>(keys.size());
        for (byte[] k : keys) {
            Key key = new Key(k);
            if (!distinct.contains(key)) {
                distinct.add(key);
            }
        }
        Blocked b = new Blocked(client, client.db(), List.copyOf(distinct), deadlineMillis, pop, sequence++);
        for (Key key : b.keys()) {
            waiting.computeIfAbsent(new DbKey(b.db(), key), k -> new ArrayDeque<>()).addLast(b);
        }
        byClient.put(client, b);
        if (deadlineMillis != Timeout.FOREVER) {
            timeouts.add(b);
        }
        client.set(ClientFlag.BLOCKED);
        // END SOLUTION
        // STUB: throw new UnsupportedOperationException("TODO(lab6): stage 3: block the client: add it at the tail of each key's queue, remember it (byClient, timeouts unless FOREVER), flag it BLOCKED");
    }

    /**
     * Notes that a list was added under {@code key}: if clients wait on it, the key is queued
     * (once) for {@link #serveReadyKeys}. Called by the keyspace's listener
     * ({@code KeyspaceListener.keyAdded}), in the middle of a command: nobody is served yet.
     *
     * <p>Redis: {@code blocked.c}, {@code signalKeyAsReady}, called by {@code db.c}'s
     * {@code dbAdd}.
     *
     * @param db the database's number
     * @param key the key
     */
    public void signalKeyAsReady(int db, Key key) {
        if (waiting.isEmpty()) {
            return; // nobody blocked: every new key costs this one check
        }
        DbKey k = new DbKey(db, key);
        if (waiting.containsKey(k)) {
            ready.add(k); // a set in insertion order: a key made ready twice is served once
        }
    }

    /**
     * Marks every key clients wait on in database {@code db} as ready, whatever it holds now:
     * after {@code SWAPDB} brought a whole other keyspace in.
     *
     * <p>Redis: {@code db.c}, {@code scanDatabaseForReadyKeys}.
     */
    public void signalDatabase(int db) {
        for (DbKey k : waiting.keySet()) {
            if (k.db() == db) {
                ready.add(k);
            }
        }
    }

    /** @return whether a key is waiting for {@link #serveReadyKeys} (the pipeline's cheap check) */
    public boolean hasReadyKeys() {
        return !ready.isEmpty();
    }

    /**
     * Serves the clients blocked on the keys made ready since the last call, in the order the
     * keys became ready: for each key, while it holds a non-empty list and clients wait on it,
     * serves the one that blocked first ({@link #serveFirst}). Serving may make more keys ready
     * (a {@code BLMOVE} that creates its destination): they are served too before this returns.
     * A key that holds something else than a list, or nothing any more, serves nobody: its
     * clients keep waiting.
     *
     * <p>Redis: {@code blocked.c}, {@code handleClientsBlockedOnKeys} (the outer loop over
     * {@code server.ready_keys}, renewed while it is walked) and {@code serveClientsBlockedOnListKey}.
     */
    public void serveReadyKeys() {
        // BEGIN SOLUTION
        while (!ready.isEmpty()) {
            List<DbKey> batch = new ArrayList<>(ready);
            ready.clear(); // keys made ready while serving these go into a fresh round
            for (DbKey key : batch) {
                while (waiting.containsKey(key) && listAt(key) != null) {
                    serveFirst(key); // a list emptied is deleted; a key of another type serves nobody
                }
            }
        }
        // END SOLUTION
        // STUB: throw new UnsupportedOperationException("TODO(lab6): stage 3: for each ready key (more may come while serving), while clients wait on it and listAt(key) is a list, serveFirst(key)");
    }

    /**
     * The list a ready key holds now (expired keys are reclaimed first, as any lookup does).
     *
     * <p>Redis: {@code blocked.c}, {@code handleClientsBlockedOnKeys} ({@code lookupKeyReadWithFlags},
     * then the type check).
     *
     * @return the list, or {@code null} if the key is missing or holds another type
     */
    public ListValue listAt(DbKey key) {
        Object value = dbs.db(key.db()).lookup(key.key().bytes());
        return value instanceof ListValue list && list.size() > 0 ? list : null;
    }

    /**
     * Serves the client that blocked first on {@code key}: its {@link BlockedPop} pops from the
     * list the key holds, writes its reply into the client's reply buffer and propagates; then the
     * client is unblocked (it leaves every queue) and its thread is woken to send the reply and
     * run the requests that waited.
     *
     * <p>Redis: {@code blocked.c}, {@code serveClientsBlockedOnListKey} (one turn of its loop):
     * {@code serveClientBlockedOnList}, {@code unblockClient}.
     *
     * @param key a key with clients waiting on it, holding a non-empty list ({@link #listAt})
     */
    public void serveFirst(DbKey key) {
        Blocked first = waiting.get(key).peekFirst();
        DataStore store = dbs.db(key.db());
        first.pop().serve(first.client(), store, key.db(), key.key().bytes(), propagation);
        unblock(first.client());
        first.client().requestWrite();
    }

    /**
     * Answers every client whose deadline has passed as on a timeout, {@code *-1}, and unblocks
     * it. Run by the cron; a client's deadline passes strictly after its time.
     *
     * <p>Redis: {@code timeout.c}, {@code handleBlockedClientsTimeout},
     * {@code checkBlockedClientTimeout}; {@code blocked.c}, {@code replyToBlockedClientTimedOut}.
     *
     * @param nowMillis the server's clock, Unix ms
     * @return how many clients timed out
     */
    public int timeOut(long nowMillis) {
        int n = 0;
        while (!timeouts.isEmpty() && timeouts.first().deadlineMillis() < nowMillis) {
            Client client = timeouts.first().client();
            client.reply().raw(ReplyWriter.NULL_ARRAY); // *-1\r\n, whatever the command
            unblock(client);
            client.requestWrite();
            n++;
        }
        return n;
    }

    /**
     * Unblocks a client without answering it: out of every key's queue and the timeouts, and no
     * longer flagged {@link ClientFlag#BLOCKED}. Does nothing for a client that is not blocked.
     * Used once a client was served or timed out, and when it leaves or is reset (its element is
     * then left for the next client).
     *
     * <p>Redis: {@code blocked.c}, {@code unblockClient} and {@code unblockClientWaitingData}.
     *
     * @return whether the client was blocked
     */
    public boolean unblock(Client client) {
        Blocked b = byClient.remove(client);
        if (b == null) {
            return false;
        }
        for (Key key : b.keys()) {
            DbKey k = new DbKey(b.db(), key);
            Deque<Blocked> queue = waiting.get(k);
            queue.remove(b);
            if (queue.isEmpty()) {
                waiting.remove(k);
            }
        }
        timeouts.remove(b);
        client.clear(ClientFlag.BLOCKED);
        return true;
    }

    /** @return the blocked client's state, or {@code null} if it is not blocked */
    public Blocked blocked(Client client) {
        return byClient.get(client);
    }

    /** @return how many clients are blocked ({@code INFO}'s {@code blocked_clients}) */
    public int count() {
        return byClient.size();
    }

    /** @return how many keys clients are blocked on, in every database */
    public int keyCount() {
        return waiting.size();
    }
}
