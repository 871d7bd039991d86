package dev.redisfromscratch.snapshot;

import dev.redisfromscratch.store.DataStore;
import dev.redisfromscratch.store.Databases;
import dev.redisfromscratch.store.EntryVisitor;
import dev.redisfromscratch.store.ExpiresIndex;
import dev.redisfromscratch.store.Key;

/**
 * The keyspace frozen at one instant, so that a background thread can write it while the server
 * thread goes on changing the live keyspace: Java's answer to the {@code fork()} Redis does for
 * {@code BGSAVE} and {@code BGREWRITEAOF}.
 *
 * <pre>
 *   keys[i]      the key                    (the dict's own Key: keys are never changed in place)
 *   values[i]    the value, frozen          (a string: its own array; a list or set: a copy)
 *   expireAt[i]  Unix time in ms, or ExpiresIndex.NO_EXPIRE
 *   dbStart[d]   where database d's keys start; they end where database d + 1's start
 * </pre>
 *
 * <p><b>Cost.</b> Taking it walks every key on the server thread, copying three references per
 * key: a pause proportional to the number of keys (measured in {@code ./lab bench 4},
 * {@code KeyspaceCaptureBenchmark}), and about 16 bytes per key while the save runs (two compressed
 * references and a {@code long}). Redis's {@code fork()} pauses too, to copy the page tables
 * (INFO's {@code latest_fork_usec}), and then pays for each page a write touches while the child
 * runs (copy-on-write). Here the values themselves are shared: a {@code SET} after the capture
 * stores a new array and leaves the captured one alone, which is copy-on-write at the key level.
 *
 * <p>Keys already expired at capture time are left out: a snapshot never holds them.
 *
 * <p>Redis: {@code rdb.c}, {@code rdbSaveBackground} ({@code redisFork}); {@code server.c},
 * {@code latest_fork_usec}.
 */
public final class KeyspaceCapture implements EntrySource {
    private final Key[] keys;
    private final Object[] values;
    private final long[] expireAt;
    private final int[] dbStart;
    private int size;

    private KeyspaceCapture(int capacity, int databases) {
        keys = new Key[capacity];
        values = new Object[capacity];
        expireAt = new long[capacity];
        dbStart = new int[databases + 1];
    }

    /**
     * Freezes {@code store}, one database, now. Runs on the server thread (the store is not
     * thread-safe).
     *
     * @param codecs how to freeze each value type
     * @param nowMillis the current Unix time in ms: keys whose expire time is before it are left out
     * @return the capture, safe to read from any thread afterwards
     */
    public static KeyspaceCapture of(DataStore store, ValueCodecs codecs, long nowMillis) {
        return of(Databases.single(store), codecs, nowMillis);
    }

    /**
     * Freezes every database of {@code dbs} now, each keeping its number. Runs on the server thread.
     *
     * @param codecs how to freeze each value type
     * @param nowMillis the current Unix time in ms: keys whose expire time is before it are left out
     * @return the capture, safe to read from any thread afterwards
     * @throws ArithmeticException if the databases hold more than {@code Integer.MAX_VALUE} keys
     */
    public static KeyspaceCapture of(Databases dbs, ValueCodecs codecs, long nowMillis) {
        KeyspaceCapture capture = new KeyspaceCapture(Math.toIntExact(dbs.keyCount()), dbs.count());
        EntryVisitor copy = (Key key, Object value, long when) -> {
            if (when != ExpiresIndex.NO_EXPIRE && when < nowMillis) {
                return; // logically gone already
            }
            int i = capture.size++;
            capture.keys[i] = key;
            capture.values[i] = codecs.of(value).freeze(value);
            capture.expireAt[i] = when;
        };
        for (int db = 0; db < dbs.count(); db++) {
            capture.dbStart[db] = capture.size;
            dbs.db(db).forEach(copy);
        }
        capture.dbStart[dbs.count()] = capture.size;
        return capture;
    }

    /** @return the number of keys captured, in all databases */
    public int size() {
        return size;
    }

    /** @return the number of keys captured in database {@code db} */
    public int size(int db) {
        return dbStart[db + 1] - dbStart[db];
    }

    @Override
    public int databaseCount() {
        return dbStart.length - 1;
    }

    @Override
    public void forEach(EntryVisitor visitor) {
        visit(0, size, visitor);
    }

    @Override
    public void forEach(int db, EntryVisitor visitor) {
        visit(dbStart[db], dbStart[db + 1], visitor);
    }

    private void visit(int from, int to, EntryVisitor visitor) {
        for (int i = from; i < to; i++) {
            visitor.visit(keys[i], values[i], expireAt[i]);
        }
    }
}
