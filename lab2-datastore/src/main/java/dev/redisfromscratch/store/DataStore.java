package dev.redisfromscratch.store;

import dev.redisfromscratch.client.Client;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.random.RandomGenerator;

/**
 * The keyspace: an in-memory key-value store with expiry, shaped like one Redis database
 * ({@code redisDb} in {@code server.h}).
 *
 * <pre>
 *   dict     Key → value          every key, with its value          (Redis: db->dict)
 *   expires  Key → Unix time, ms  only the keys that have a TTL      (Redis: db->expires)
 * </pre>
 *
 * <p><b>Values.</b> The main dict stores values as {@link Object}. Lab 2 only has strings, stored as
 * the client's {@code byte[]}; lab 6 puts lists and sets ({@link TypedValue}s) into the same
 * keyspace. Every typed read goes through one check, {@link #lookup(byte[], ValueType)}: a key
 * holding another type raises {@link WrongTypeException}, which the command pipeline answers with
 * {@code -WRONGTYPE ...}. Keys and values are binary-safe: any bytes, including {@code \r\n} and
 * {@code \0}.
 *
 * <p><b>Changes.</b> {@link #dirty()} counts every change a command makes (Redis's
 * {@code server.dirty}); the command pipeline propagates a command that moved it. Keys reclaimed by
 * expiry are not counted there: they are reported to {@link KeyspaceListener}s, which propagate
 * them as {@code DEL}. {@link #expiryMode()} says whether this server may expire keys at all (a
 * replica and a loading server may not).
 *
 * <p><b>Iteration.</b> {@link #forEach} walks every key with its value and expire time (snapshots,
 * {@code KEYS}); {@link #scan} walks them a bucket at a time across many calls ({@code SCAN});
 * {@link #clear()} empties the keyspace ({@code FLUSHALL}).
 *
 * <p><b>Ownership.</b> The store keeps the arrays it is given (keys and values) without copying, as
 * a command's argument arrays are fresh and never reused. Callers must not modify them afterwards.
 *
 * <p><b>Time.</b> All times come from the injected {@link Clock} ({@code ManualClock} in tests).
 * Expire times are absolute Unix times in milliseconds. An access reads the clock only if the key
 * has a TTL, so reading keys without one costs no clock call.
 *
 * <p><b>Lazy expiry.</b> A key whose expire time has passed is <em>logically</em> gone, but still in
 * memory until something removes it. Every access goes through {@code lookupKey}, which first asks
 * {@code expireIfNeeded}: if the key is past its time, it is deleted there and then, and the access
 * sees a missing key. A key expires strictly after its time: at {@code now == when} it still exists.
 * Keys that are never touched again are reclaimed by the active expiry cycle
 * ({@code dev.redisfromscratch.expire.ActiveExpiry}), which uses {@link #sampleVolatileKeys} and
 * {@link #expireIfNeeded(Key, long)}.
 *
 * <p>Not thread-safe: like Redis, the server touches the store from its one thread only.
 *
 * <p>Redis: {@code db.c} ({@code lookupKey}, {@code expireIfNeeded}, {@code keyIsExpired},
 * {@code setKey}, {@code dbDelete}, {@code setExpire}, {@code getExpire}, {@code removeExpire});
 * {@code expire.c} for the TTL commands.
 */
public final class DataStore implements SelectedDb {
    private Dict<Object> dict = new Dict<>();          // not final: SWAPDB exchanges them
    private ExpiresIndex expires = new ExpiresIndex();
    private final Clock clock;
    private final List<KeyspaceListener> listeners = new CopyOnWriteArrayList<>();
    private ExpiryMode expiryMode = ExpiryMode.PRIMARY;
    private long expiredKeys;
    private long dirty;

    /** @param clock where "now" comes from; expire times are this clock's milliseconds */
    public DataStore(Clock clock) {
        this.clock = clock;
    }

    /** @return this store: with one database, every client works on it */
    @Override
    public DataStore of(Client client) {
        return this;
    }

    /**
     * Exchanges this database's keys and expire times with {@code other}'s ({@code SWAPDB}). Each
     * store keeps its listeners and expiry mode; the swap counts as one change here.
     *
     * <p>Redis: {@code db.c}, {@code dbSwapDatabases}.
     */
    public void swapContents(DataStore other) {
        Dict<Object> d = dict;
        dict = other.dict;
        other.dict = d;
        ExpiresIndex e = expires;
        expires = other.expires;
        other.expires = e;
        dirty++;
    }

    /** @return the store's clock */
    public Clock clock() {
        return clock;
    }

    /**
     * Registers a listener told of every key reclaimed by expiry (the server propagates a
     * {@code DEL}), and of every key a {@code put} adds ({@link KeyspaceListener#keyAdded}).
     */
    public void addListener(KeyspaceListener listener) {
        listeners.add(listener);
    }

    /** @return who may delete expired keys: {@link ExpiryMode#PRIMARY} unless set otherwise */
    public ExpiryMode expiryMode() {
        return expiryMode;
    }

    /** Sets who may delete expired keys: a replica (lab 8) or a loading server (lab 4) stops expiry. */
    public void expiryMode(ExpiryMode mode) {
        this.expiryMode = mode;
    }

    /**
     * The number of changes commands have made to the keyspace since the server started: each key
     * set, deleted, given or stripped of a TTL counts one. Expiry does not count. The command
     * pipeline compares it before and after a command to know whether to propagate it; lab 4's save
     * points read it too.
     *
     * <p>Redis: {@code server.h}, {@code server.dirty}.
     */
    public long dirty() {
        return dirty;
    }

    /**
     * Counts changes made to a value in place: lab 6's {@code LPUSH} adds elements to the list the
     * key already holds, without a {@link #put}. A command calls it with the number of elements it
     * changed, so that it is propagated and counted by the save points, as Redis's list and set
     * commands add to {@code server.dirty}.
     *
     * <p>Redis: {@code t_list.c}, {@code pushGenericCommand} ({@code server.dirty += ...}).
     *
     * @param changes how many changes, &ge; 0
     */
    public void modified(long changes) {
        dirty += changes;
    }

    // ---------------------------------------------------------------- the keyspace (db.c)

    /**
     * Finds a key's value, of any type, expiring the key first if its time has passed.
     *
     * <p>Redis: {@code db.c}, {@code lookupKey} → {@code expireIfNeeded}.
     *
     * @return the value, or {@code null} if the key is missing or expired
     */
    public Object lookup(byte[] key) {
        return lookupKey(new Key(key));
    }

    /**
     * Finds a key's value and checks its type: the one WRONGTYPE check of the workbook.
     *
     * <p>Redis: {@code lookupKeyRead} followed by {@code object.c}, {@code checkType}.
     *
     * @param type the type the caller expects, e.g. {@link ValueType#STRING}
     * @return the value, or {@code null} if the key is missing or expired
     * @throws WrongTypeException if the key holds a value of another type
     */
    public Object lookup(byte[] key, ValueType type) {
        Object value = lookupKey(new Key(key));
        if (value != null && !type.equals(ValueType.of(value))) {
            throw new WrongTypeException();
        }
        return value;
    }

    /**
     * {@code TYPE key}.
     *
     * @return the key's type, or {@code null} if it is missing or expired
     */
    public ValueType typeOf(byte[] key) {
        Object value = lookupKey(new Key(key));
        return value == null ? null : ValueType.of(value);
    }

    /**
     * Stores a value of any type under {@code key}, replacing what was there but keeping the key's
     * TTL. Lab 6 stores lists and sets with it.
     *
     * <p>Redis: {@code db.c}, {@code setKey} with {@code SETKEY_KEEPTTL} ({@code dbAdd} or
     * {@code dbOverwrite}).
     *
     * @param value never {@code null}
     */
    public void put(byte[] key, Object value) {
        Key k = new Key(key);
        if (putKeepingTtl(k, value) == null) {
            added(k, value);
        }
        dirty++;
    }

    /**
     * Stores a value of any type under {@code key} with the given expire time, replacing the key,
     * its value and its TTL: what {@code RENAME}, {@code MOVE} and {@code COPY} do with the key they
     * carry over, TTL included. The time is kept as it is, even if it has just passed (the key is
     * then reclaimed by its next access or by the active cycle). Counts one change.
     *
     * <p>Redis: {@code db.c}, {@code dbAdd} followed by {@code setExpire}.
     *
     * @param value never {@code null}
     * @param expireAtMillis a Unix time in ms, or {@link ExpiresIndex#NO_EXPIRE} for no TTL
     * @throws IllegalArgumentException if {@code expireAtMillis} is neither {@code NO_EXPIRE} nor positive
     */
    public void put(byte[] key, Object value, long expireAtMillis) {
        if (value == null) {
            throw new NullPointerException("value");
        }
        Key k = new Key(key);
        if (expireAtMillis == ExpiresIndex.NO_EXPIRE) {
            expires.remove(k);
        } else {
            expires.put(k, expireAtMillis); // validates first, so a bad time changes nothing
        }
        if (dict.put(k, value) == null) {
            added(k, value);
        }
        dirty++;
    }

    /**
     * Deletes a key. A key that had already expired counts as missing (it is reclaimed, and
     * {@code false} is returned), so {@code DEL} of an expired key replies {@code :0}.
     *
     * <p>Redis: {@code db.c}, {@code delGenericCommand}: {@code expireIfNeeded}, then {@code dbSyncDelete}.
     *
     * @return whether a live key was deleted
     */
    public boolean delete(byte[] key) {
        // BEGIN SOLUTION
        Key k = new Key(key);
        if (expireIfNeeded(k)) {
            return false;
        }
        if (dict.remove(k) == null) {
            return false;
        }
        expires.remove(k);
        dirty++;
        return true;
        // END SOLUTION
        // STUB: throw new UnsupportedOperationException("TODO(lab2): stage 2: delete the key from the dict and the expires index; an expired key counts as missing");
    }

    /**
     * Redis: {@code db.c}, {@code existsCommand} ({@code lookupKeyReadWithFlags}).
     *
     * @return whether the key exists and has not expired (an expired key is reclaimed)
     */
    public boolean exists(byte[] key) {
        return lookupKey(new Key(key)) != null;
    }

    /**
     * Whether the key is in the dict, expired or not, without touching it: no lazy expiry, no
     * clock. For code that watches the keyspace from outside a command (lab 5's {@code WATCH} after
     * a {@code SWAPDB}), not for commands, which must use {@link #exists}.
     *
     * <p>Redis: {@code dictFind(db->dict, key)}.
     */
    public boolean containsKey(byte[] key) {
        return dict.get(new Key(key)) != null;
    }

    /**
     * Whether the key is in the dict with an expire time that has passed: logically gone but not
     * reclaimed yet. Deletes nothing. Always {@code false} while loading, when nothing expires.
     *
     * <p>Redis: {@code db.c}, {@code keyIsExpired} (lab 5's {@code WATCH} asks it at {@code WATCH}
     * and {@code EXEC} time: {@code multi.c}, {@code isWatchedKeyExpired}).
     */
    public boolean isExpired(byte[] key) {
        if (expiryMode == ExpiryMode.LOADING || expires.size() == 0) {
            return false;
        }
        long when = expires.get(new Key(key));
        return when != ExpiresIndex.NO_EXPIRE && now() > when;
    }

    /**
     * The number of keys in the main dict, like {@code DBSIZE}. It includes keys that have expired
     * but that neither an access nor the active cycle has reclaimed yet, so it shows memory, not
     * liveness: watch it drop while the active cycle runs.
     *
     * <p>Redis: {@code db.c}, {@code dbsizeCommand} ({@code dictSize(db->dict)}).
     */
    public int size() {
        return dict.size();
    }

    /** @return how many keys have a TTL (Redis: {@code dictSize(db->expires)}, INFO's {@code expires=}) */
    public int volatileKeyCount() {
        return expires.size();
    }

    /** @return how many keys have been reclaimed because they expired, lazily or actively (INFO's {@code expired_keys}) */
    public long expiredKeys() {
        return expiredKeys;
    }

    // ---------------------------------------------------------------- strings (t_string.c)

    /**
     * {@code GET}: the string stored under {@code key}.
     *
     * <p>Redis: {@code t_string.c}, {@code getGenericCommand}.
     *
     * @return the value's bytes (the stored array: do not modify it), or {@code null} if missing or expired
     * @throws WrongTypeException if the key holds a list or a set (from lab 6 on)
     */
    public byte[] get(byte[] key) {
        return (byte[]) lookup(key, ValueType.STRING);
    }

    /**
     * {@code SET key value}: stores the string and removes any TTL the key had.
     *
     * <p>Redis: {@code db.c}, {@code setKey} without {@code SETKEY_KEEPTTL}.
     */
    public void set(byte[] key, byte[] value) {
        // BEGIN SOLUTION
        Key k = new Key(key);
        dict.put(k, value);
        expires.remove(k);
        dirty++;
        // END SOLUTION
        // STUB: throw new UnsupportedOperationException("TODO(lab2): stage 2: store the value in the dict and drop any TTL the key had");
    }

    /** {@code SET key value KEEPTTL}: stores the string and keeps the key's TTL, if any. */
    public void setKeepTtl(byte[] key, byte[] value) {
        putKeepingTtl(new Key(key), value);
        dirty++;
    }

    /**
     * {@code SET key value PXAT when} (and EX, PX, EXAT, converted to this): stores the string
     * with an expire time. A time already past is stored as it is, as Redis 7.0 does: the key is
     * then reclaimed by its next access or by the active cycle.
     *
     * @param unixTimeMillis absolute Unix time in milliseconds, positive
     * @throws IllegalArgumentException if {@code unixTimeMillis <= 0}
     */
    public void setExpireAt(byte[] key, byte[] value, long unixTimeMillis) {
        Key k = new Key(key);
        expires.put(k, unixTimeMillis); // validates first, so a bad time changes nothing
        dict.put(k, value);             // a new key: the dict and the index share this Key object
        dirty++;
    }

    // ---------------------------------------------------------------- expires (expire.c)

    /**
     * {@code EXPIRE key seconds}: gives the key a TTL. Zero or a negative number deletes the key.
     *
     * @return {@code false} if the key does not exist, else {@code true}
     * @throws IllegalArgumentException if {@code now + seconds} does not fit a Unix time in ms
     */
    public boolean expire(byte[] key, long seconds) {
        long now = now();
        long when;
        try {
            when = Math.addExact(Math.multiplyExact(seconds, 1000L), now);
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException("invalid expire time: " + seconds + " s", e);
        }
        return expireAt(new Key(key), when, now);
    }

    /**
     * {@code PEXPIREAT key when}: sets the key's expire time. A time not after now deletes the key at
     * once, as Redis does outside replication ({@code checkAlreadyExpired}).
     *
     * <p>Redis: {@code expire.c}, {@code expireGenericCommand}.
     *
     * @param unixTimeMillis absolute Unix time in milliseconds
     * @return {@code false} if the key does not exist, else {@code true}
     */
    public boolean expireAt(byte[] key, long unixTimeMillis) {
        return expireAt(new Key(key), unixTimeMillis, now());
    }

    /**
     * {@code PEXPIRETIME key}: the key's expire time.
     *
     * @return -2 if the key does not exist, -1 if it has no TTL, else the Unix time in ms
     */
    public long expireTime(byte[] key) {
        Key k = new Key(key);
        if (lookupKey(k) == null) {
            return -2;
        }
        return expires.get(k);
    }

    /**
     * {@code TTL key}: seconds to live, rounded to the nearest second as Redis does:
     * {@code (ms + 500) / 1000}.
     *
     * <p>Redis: {@code expire.c}, {@code ttlGenericCommand}.
     *
     * @return -2 if the key does not exist, -1 if it has no TTL, else the seconds left (≥ 0)
     */
    public long ttl(byte[] key) {
        long ms = pttl(key);
        return ms < 0 ? ms : (ms + 500) / 1000;
    }

    /**
     * {@code PTTL key}: milliseconds to live.
     *
     * @return -2 if the key does not exist, -1 if it has no TTL, else the milliseconds left (≥ 0)
     */
    public long pttl(byte[] key) {
        Key k = new Key(key);
        if (lookupKey(k) == null) {
            return -2;
        }
        long when = expires.get(k);
        return when == ExpiresIndex.NO_EXPIRE ? -1 : Math.max(0, when - now());
    }

    /**
     * {@code PERSIST key}: removes the key's TTL.
     *
     * <p>Redis: {@code expire.c}, {@code persistCommand}.
     *
     * @return whether a TTL was removed ({@code false} if the key is missing or had none)
     */
    public boolean persist(byte[] key) {
        Key k = new Key(key);
        if (lookupKey(k) != null && expires.remove(k)) {
            dirty++;
            return true;
        }
        return false;
    }

    // ---------------------------------------------------------------- the whole keyspace

    /**
     * Calls {@code visitor} for every key, in no particular order, with its value and expire time.
     * Keys whose time has passed but that have not been reclaimed yet are visited too, with their
     * past expire time: a snapshot skips them. Touches no key (no lazy expiry, no clock), and the
     * keyspace must not change while it runs.
     *
     * <p>Redis: {@code rdb.c}, {@code rdbSaveDb}; {@code db.c}, {@code keysCommand}.
     *
     * @throws java.util.ConcurrentModificationException if the visitor changes the keyspace
     */
    public void forEach(EntryVisitor visitor) {
        dict.forEach((key, value) -> visitor.visit(key, value, expires.get(key)));
    }

    /**
     * One step of {@code SCAN}: visits the keys of the bucket {@code cursor} names, with their values
     * and expire times, and returns the cursor to pass next time, 0 when the iteration is over.
     * A key present from the first call to the last is visited at least once, however the table
     * grows or shrinks in between (see {@link Dict#scan}); a key may be visited twice. Keys whose
     * time has passed are visited too (the caller filters them, as Redis's {@code SCAN} does after
     * matching). Touches no key, and the visitor must not change the keyspace.
     *
     * <p>Redis: {@code db.c}, {@code scanGenericCommand} → {@code dict.c}, {@code dictScan}.
     *
     * @param cursor 0 to start, then what the previous call returned (an unsigned 64-bit number)
     * @return the next cursor, 0 when every bucket has been visited
     */
    public long scan(long cursor, EntryVisitor visitor) {
        return dict.scan(cursor, (key, value) -> visitor.visit(key, value, expires.get(key)));
    }

    /**
     * {@code RANDOMKEY}: a random live key. A sampled key whose time has passed is reclaimed (and
     * its {@code DEL} propagated) and another is drawn. On a replica, where expired keys stay, a
     * keyspace made only of keys with a TTL may return an expired key after 100 tries rather than
     * loop forever.
     *
     * <p>Redis: {@code db.c}, {@code dbRandomKey} → {@code dict.c}, {@code dictGetRandomKey}.
     *
     * @return a key (the stored {@link Key}: do not modify its bytes), or {@code null} if the
     *     keyspace is empty
     */
    public Key randomKey(RandomGenerator random) {
        boolean allVolatile = dict.size() == expires.size();
        int triesLeft = 100;
        while (true) {
            Key key = dict.randomKey(random);
            if (key == null) {
                return null;
            }
            if (expires.get(key) != ExpiresIndex.NO_EXPIRE) {
                if (allVolatile && expiryMode == ExpiryMode.REPLICA && --triesLeft == 0) {
                    return key;
                }
                if (expireIfNeeded(key)) {
                    continue; // it had expired: draw another
                }
            }
            return key;
        }
    }

    /**
     * Deletes every key: {@code FLUSHALL}. Counts one change per key deleted.
     *
     * <p>Redis: {@code db.c}, {@code emptyData}; {@code server.dirty += emptyData(...)}.
     *
     * @return how many keys were deleted
     */
    public int clear() {
        int removed = dict.size();
        dict.clear();
        expires.clear();
        dirty += removed;
        return removed;
    }

    // ---------------------------------------------------------------- for the active expiry cycle

    /**
     * Picks up to {@code count} distinct random keys among those with a TTL, in O(count).
     *
     * @param into receives the keys from index 0; length at least {@code count}
     * @return how many keys were written: {@code min(count, volatileKeyCount())}
     */
    public int sampleVolatileKeys(Key[] into, int count, RandomGenerator random) {
        return expires.sample(into, count, random);
    }

    /**
     * Lazy expiry, written once: if the key's expire time is before {@code nowMillis}, reclaims it
     * ({@code reclaimExpired}). Every access comes here (lookups, with the clock's now), and so does
     * the active cycle for each key it samples. A key expires strictly after its time: at
     * {@code now == when} it still exists.
     *
     * <p>Redis: {@code db.c}, {@code expireIfNeeded} and {@code keyIsExpired} ({@code now > when});
     * {@code expire.c}, {@code activeExpireCycleTryExpire}.
     *
     * @return whether the key had expired and is now logically gone (deleted, or on a replica hidden)
     */
    public boolean expireIfNeeded(Key key, long nowMillis) {
        // BEGIN SOLUTION
        long when = expires.get(key);
        return when != ExpiresIndex.NO_EXPIRE && nowMillis > when && reclaimExpired(key);
        // END SOLUTION
        // STUB: throw new UnsupportedOperationException("TODO(lab2): stage 3: if the key's expire time is before nowMillis, reclaim it (reclaimExpired) and say so");
    }

    /**
     * Gives back the bucket arrays of tables that have emptied out (below 10% of their peak), for
     * instance after the active cycle reclaimed most keys. Run from the server cron.
     *
     * <p>Redis: {@code server.c}, {@code tryResizeHashTables} in {@code databasesCron}.
     *
     * @return whether a table was rebuilt
     */
    public boolean tryResizeHashTables() {
        boolean dictShrunk = dict.resizeIfSparse();
        boolean expiresShrunk = expires.resizeIfSparse();
        return dictShrunk || expiresShrunk;
    }

    // ---------------------------------------------------------------- internals

    private long now() {
        return clock.millis();
    }

    /**
     * Redis's {@code lookupKey}: expire first, then read. On a replica an expired key reads as
     * missing but stays; while loading nothing expires (see {@link ExpiryMode}).
     */
    private Object lookupKey(Key key) {
        // BEGIN SOLUTION
        Object value = dict.get(key);
        if (value == null || expireIfNeeded(key)) {
            return null;
        }
        return value;
        // END SOLUTION
        // STUB: throw new UnsupportedOperationException("TODO(lab2): stage 2: look the key up in the dict, expiring it first if its time has passed");
    }

    /**
     * Lazy expiry, on every access: {@link #expireIfNeeded(Key, long)} with the clock's "now". The
     * clock is read only for a key that has a TTL, so reads of keys without one cost no clock call.
     */
    private boolean expireIfNeeded(Key key) {
        if (expires.size() == 0 || expires.get(key) == ExpiresIndex.NO_EXPIRE) {
            return false;
        }
        return expireIfNeeded(key, now());
    }

    /**
     * What happens to a key whose time has passed, by {@link #expiryMode()}: a primary deletes it
     * from both tables, counts it and tells the listeners (who propagate a {@code DEL}); a replica
     * keeps it (its primary's {@code DEL} will come) but it reads as missing; while loading, nothing
     * expires.
     *
     * <p>Redis: {@code db.c}, {@code expireIfNeeded} and {@code deleteExpiredKeyAndPropagate}.
     *
     * @return whether the key is now logically gone
     */
    private boolean reclaimExpired(Key key) {
        switch (expiryMode) {
            case REPLICA:
                return true;
            case LOADING:
                return false;
            default:
                dict.remove(key);
                expires.remove(key);
                expiredKeys++;
                for (KeyspaceListener listener : listeners) {
                    listener.keyExpired(key);
                }
                return true;
        }
    }

    /** @return the value replaced, or {@code null} if the key was absent (or had expired) */
    private Object putKeepingTtl(Key key, Object value) {
        if (value == null) {
            throw new NullPointerException("value");
        }
        // Reclaim the old key first if it had expired, so the new value does not inherit its past TTL.
        expireIfNeeded(key);
        return dict.put(key, value);
    }

    /** Tells the listeners a {@code put} added {@code key} (Redis's {@code dbAdd} → {@code signalKeyAsReady}). */
    private void added(Key key, Object value) {
        for (KeyspaceListener listener : listeners) {
            listener.keyAdded(key, value);
        }
    }

    private boolean expireAt(Key key, long when, long now) {
        if (lookupKey(key) == null) {
            return false;
        }
        if (when <= now) {
            dict.remove(key);
            expires.remove(key);
        } else {
            expires.put(key, when);
        }
        dirty++;
        return true;
    }
}
