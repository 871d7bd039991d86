package dev.redisfromscratch.multi;

import dev.redisfromscratch.client.Client;
import dev.redisfromscratch.command.CommandSpec;
import dev.redisfromscratch.command.CommandTable;
import dev.redisfromscratch.command.KeySpec;
import dev.redisfromscratch.command.PropagationListener;
import dev.redisfromscratch.protocol.Numbers;
import dev.redisfromscratch.store.DataStore;
import dev.redisfromscratch.store.Databases;
import dev.redisfromscratch.store.Key;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code WATCH}, built on propagation: every change to the keyspace is propagated (lab 1's
 * {@link PropagationListener} seam, which lab 4's append-only file also listens to), so listening
 * to the same stream tells which keys changed, whoever changed them: a client's command, a
 * transaction, lazy or active expiry (their {@code DEL}), {@code FLUSHDB}, {@code FLUSHALL},
 * {@code SWAPDB}, {@code MOVE}. No command has to remember to "touch" anything.
 *
 * <pre>
 *   byDb     db → key → the clients' watches of it        (Redis: db->watched_keys)
 *   propagate(db, argv)
 *     FLUSHDB / FLUSHALL / SWAPDB   touchAll: only keys that existed, or exist in the other db
 *     anything else                 the keys its key specs name, except read-only ones
 *                                   (MOVE and COPY ... DB n also touch the key in the other db)
 *       → every client watching (db, key) is touched: its EXEC will answer *-1
 * </pre>
 *
 * <p>Two details follow Redis 7.0. A key that had already expired when it was watched counts as
 * absent: its reclaiming ({@code DEL} by expiry) changes nothing. And a key that had a TTL when it
 * was watched and has logically expired by {@code EXEC} time aborts the {@code EXEC} even though
 * nothing reclaimed it yet ({@link #anyExpired}).
 *
 * <p>A propagated entry names the keys a command may have written, which can be more than those
 * it changed: {@code DEL a b} where only {@code a} existed. A deletion of a key that was absent
 * when it was watched, and is still absent, is therefore not a change, as Redis (which touches
 * only the keys {@code DEL} deleted) sees it. Redis touches a key while the command runs; here the
 * touch comes once the outermost command is done, which gives the same answer at {@code EXEC}:
 * no other command runs in between.
 *
 * <p>Used under the global lock only.
 *
 * <p>Redis: {@code multi.c} ({@code watchForKey}, {@code unwatchAllKeys}, {@code touchWatchedKey},
 * {@code touchAllWatchedKeysInDb}, {@code isWatchedKeyExpired}); {@code db.c}
 * ({@code signalModifiedKey}, {@code signalFlushedDb}, {@code dbSwapDatabases}).
 */
public final class WatchedKeys implements PropagationListener {
    /**
     * One client's watch of one key in one database (Redis: {@code watchedKey}).
     */
    static final class WatchedKey {
        final int db;
        final Key key;
        final Client client;
        /** The key had a TTL that had passed when it was watched: it counts as absent. */
        boolean expired;
        /** The key existed (and had not expired) when it was watched. */
        boolean existed;

        WatchedKey(int db, Key key, Client client) {
            this.db = db;
            this.key = key;
            this.client = client;
        }
    }

    private final Databases dbs;
    private final CommandTable table;
    private final Map<Integer, Map<Key, List<WatchedKey>>> byDb = new HashMap<>();

    /**
     * @param dbs the databases, to see whether a watched key exists or has expired
     * @param table the commands, whose key specs say which keys a propagated entry names
     */
    public WatchedKeys(Databases dbs, CommandTable table) {
        this.dbs = dbs;
        this.table = table;
    }

    /**
     * Watches {@code key} in database {@code db} for {@code client}; nothing if it already does.
     *
     * <p>Redis: {@code multi.c}, {@code watchForKey}.
     */
    public void watch(Client client, int db, byte[] key) {
        MultiState state = MultiState.of(client);
        Key k = new Key(key);
        for (WatchedKey wk : state.watched) {
            if (wk.db == db && wk.key.equals(k)) {
                return;
            }
        }
        WatchedKey wk = new WatchedKey(db, k, client);
        DataStore store = dbs.db(db);
        wk.expired = store.isExpired(key);
        wk.existed = !wk.expired && store.containsKey(key);
        byDb.computeIfAbsent(db, d -> new HashMap<>()).computeIfAbsent(k, x -> new ArrayList<>(1)).add(wk);
        state.watched.add(wk);
    }

    /**
     * Forgets every key {@code client} watches ({@code UNWATCH}, {@code EXEC}, {@code DISCARD}, a
     * touch, the client leaving).
     *
     * <p>Redis: {@code multi.c}, {@code unwatchAllKeys}.
     */
    public void unwatchAll(Client client) {
        MultiState state = MultiState.of(client);
        for (WatchedKey wk : state.watched) {
            Map<Key, List<WatchedKey>> keys = byDb.get(wk.db);
            List<WatchedKey> watchers = keys.get(wk.key);
            watchers.remove(wk);
            if (watchers.isEmpty()) {
                keys.remove(wk.key);
                if (keys.isEmpty()) {
                    byDb.remove(wk.db);
                }
            }
        }
        state.watched.clear();
    }

    /**
     * Whether a key {@code client} watches had a TTL that has passed since, though nothing has
     * reclaimed it yet: Redis 7.0 aborts the {@code EXEC} then. Keys already expired when they were
     * watched do not count.
     *
     * <p>Redis: {@code multi.c}, {@code isWatchedKeyExpired}.
     */
    public boolean anyExpired(Client client) {
        for (WatchedKey wk : MultiState.of(client).watched) {
            if (!wk.expired && dbs.db(wk.db).isExpired(wk.key.bytes())) {
                return true;
            }
        }
        return false;
    }

    /** @return how many distinct (database, key) pairs some client watches */
    public int size() {
        int n = 0;
        for (Map<Key, List<WatchedKey>> keys : byDb.values()) {
            n += keys.size();
        }
        return n;
    }

    /** Touches the watched keys that one propagated change names. */
    @Override
    public void propagate(int db, List<byte[]> argv) {
        if (byDb.isEmpty()) {
            return; // nobody watches anything: the common case costs one check
        }
        String name = new String(argv.get(0), StandardCharsets.ISO_8859_1).toLowerCase(Locale.ROOT);
        switch (name) {
            case "flushall" -> {
                for (Integer each : new ArrayList<>(byDb.keySet())) {
                    touchAll(each, false);
                }
            }
            case "flushdb" -> touchAll(db, false);
            case "swapdb" -> {
                touchAll(dbIndex(argv.get(1)), true);
                touchAll(dbIndex(argv.get(2)), true);
            }
            default -> touchKeys(db, name, argv);
        }
    }

    /**
     * The keys a command names through its key specs, except those it only reads, each touched in
     * the database it is in.
     */
    private void touchKeys(int db, String name, List<byte[]> argv) {
        CommandSpec spec = table.lookup(argv);
        if (spec == null) {
            return; // MULTI and EXEC around a block have no keys
        }
        for (int s = 0; s < spec.keySpecs().size(); s++) {
            KeySpec keySpec = spec.keySpecs().get(s);
            if (keySpec.flags().contains(KeySpec.Flag.RO) || keySpec.flags().contains(KeySpec.Flag.NOT_KEY)) {
                continue; // read, not written (COPY's source, ...)
            }
            boolean deletion = keySpec.flags().contains(KeySpec.Flag.DELETE);
            int keyDb = s == 1 && name.equals("copy") ? copyDestinationDb(db, argv) : db;
            for (int i : keySpec.keyIndexes(argv)) {
                touch(keyDb, argv.get(i), deletion);
            }
        }
        if (name.equals("move") && argv.size() > 2) {
            touch(dbIndex(argv.get(2)), argv.get(1), false); // the key arrived in the other database
        }
    }

    /**
     * Touches one key: every client watching it will see {@code *-1} at {@code EXEC}, except when a
     * deletion finds a key that was absent when it was watched and still is (nothing changed; a key
     * that had already expired when watched is then no longer counted as expired).
     *
     * <p>Redis: {@code multi.c}, {@code touchWatchedKey}.
     */
    private void touch(int db, byte[] key, boolean deletion) {
        Map<Key, List<WatchedKey>> keys = byDb.get(db);
        List<WatchedKey> watchers = keys == null ? null : keys.get(new Key(key));
        if (watchers == null) {
            return;
        }
        for (WatchedKey wk : new ArrayList<>(watchers)) {
            if (deletion && !wk.existed && !dbs.db(db).containsKey(key)) {
                wk.expired = false;
                continue;
            }
            touched(wk.client);
        }
    }

    /**
     * A whole database changed at once ({@code FLUSHDB}, {@code FLUSHALL}, {@code SWAPDB}): the
     * watches of keys that existed in it before are touched, and after a {@code SWAPDB} also those
     * of keys that exist in it now (what the other database held), as Redis's
     * {@code touchAllWatchedKeysInDb(emptied, replaced_with)} does. The keyspace has already
     * changed when the entry is propagated, so "existed before" is the watch's own record: any
     * change since {@code WATCH} would have touched the client already.
     *
     * @param swapped whether the database now holds another one's keys ({@code SWAPDB})
     */
    private void touchAll(int db, boolean swapped) {
        Map<Key, List<WatchedKey>> keys = byDb.get(db);
        if (keys == null) {
            return;
        }
        DataStore now = dbs.db(db);
        List<Client> toTouch = new ArrayList<>();
        for (Map.Entry<Key, List<WatchedKey>> entry : keys.entrySet()) {
            byte[] key = entry.getKey().bytes();
            boolean inReplacement = swapped && now.containsKey(key);
            for (WatchedKey wk : entry.getValue()) {
                boolean inEmptied = wk.existed || wk.expired;
                if (!inEmptied && !inReplacement) {
                    continue;
                }
                if (wk.expired) {
                    if (!inReplacement) {
                        wk.expired = false; // an expired key went away: no logical change
                        continue;
                    } else if (now.isExpired(key)) {
                        continue;           // an expired key replaced by another expired one
                    }
                } else if (!inEmptied && now.isExpired(key)) {
                    wk.expired = true;      // nothing replaced by an expired key: still nothing
                    continue;
                }
                toTouch.add(wk.client);
            }
        }
        toTouch.forEach(this::touched);
    }

    /** Marks the client touched and forgets its watches: there is no point in watching further. */
    private void touched(Client client) {
        MultiState.of(client).touch();
        unwatchAll(client);
    }

    /** {@code COPY src dst [DB n] [REPLACE]}: the database the destination is in. */
    private static int copyDestinationDb(int db, List<byte[]> argv) {
        for (int i = 3; i + 1 < argv.size(); i++) {
            if (new String(argv.get(i), StandardCharsets.ISO_8859_1).equalsIgnoreCase("db")) {
                return dbIndex(argv.get(i + 1));
            }
        }
        return db;
    }

    private static int dbIndex(byte[] arg) {
        return (int) Numbers.string2ll(arg);
    }
}
