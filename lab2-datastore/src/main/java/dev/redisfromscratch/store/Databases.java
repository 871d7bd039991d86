package dev.redisfromscratch.store;

import dev.redisfromscratch.client.Client;
import java.time.Clock;

/**
 * The server's numbered databases, Redis's {@code server.db[]}: {@code count} independent
 * keyspaces sharing one clock. A client works on the one it selected ({@link Client#db()}, 0 until
 * {@code SELECT}); snapshots, {@code FLUSHALL} and the cron visit them all.
 *
 * <p>Each {@link DataStore} keeps its identity and its number for the server's life: {@code SWAPDB}
 * exchanges two databases' contents ({@link DataStore#swapContents}), not the objects, so listeners
 * registered per database keep reporting the right number, as Redis's {@code dbSwapDatabases} swaps
 * the dicts inside two {@code redisDb}s.
 *
 * <p>Not thread-safe, like {@link DataStore}.
 *
 * <p>Redis: {@code server.h} ({@code server.db}, {@code dbnum}); {@code db.c} ({@code selectDb},
 * {@code dbSwapDatabases}); the {@code databases} parameter in {@code redis.conf} (16 by default).
 */
public final class Databases implements SelectedDb {
    /** Redis's default for the {@code databases} parameter. */
    public static final int DEFAULT_COUNT = 16;

    private final DataStore[] dbs;

    /**
     * @param count how many databases, at least 1
     * @param clock where "now" comes from, for every database
     * @throws IllegalArgumentException if {@code count < 1}
     */
    public Databases(int count, Clock clock) {
        if (count < 1) {
            throw new IllegalArgumentException("databases must be at least 1, was " + count);
        }
        this.dbs = new DataStore[count];
        for (int i = 0; i < count; i++) {
            dbs[i] = new DataStore(clock);
        }
    }

    private Databases(DataStore only) {
        this.dbs = new DataStore[] {only};
    }

    /** @return one database, {@code store}, as labs 2 to 4 have */
    public static Databases single(DataStore store) {
        return new Databases(store);
    }

    /** @return how many databases there are ({@code databases}) */
    public int count() {
        return dbs.length;
    }

    /**
     * @param index a database number, {@code 0 <= index < count()}
     * @return that database
     * @throws ArrayIndexOutOfBoundsException if the number is out of range (callers check first, and
     *     reply {@code -ERR DB index is out of range})
     */
    public DataStore db(int index) {
        return dbs[index];
    }

    /** @return whether {@code index} names a database here */
    public boolean exists(long index) {
        return index >= 0 && index < dbs.length;
    }

    /** @return the client's selected database */
    @Override
    public DataStore of(Client client) {
        return dbs[client.db()];
    }

    /** @return the sum of every database's {@link DataStore#dirty()}: Redis's one {@code server.dirty} */
    public long dirty() {
        long sum = 0;
        for (DataStore db : dbs) {
            sum += db.dirty();
        }
        return sum;
    }

    /** @return the number of keys in all databases */
    public long keyCount() {
        long sum = 0;
        for (DataStore db : dbs) {
            sum += db.size();
        }
        return sum;
    }

    /** Sets every database's expiry mode (loading, a replica). */
    public void expiryMode(ExpiryMode mode) {
        for (DataStore db : dbs) {
            db.expiryMode(mode);
        }
    }

    /** @return the shared clock */
    public Clock clock() {
        return dbs[0].clock();
    }

    /**
     * Exchanges the contents of databases {@code a} and {@code b} ({@code SWAPDB}).
     *
     * <p>Redis: {@code db.c}, {@code dbSwapDatabases}.
     */
    public void swap(int a, int b) {
        dbs[a].swapContents(dbs[b]);
    }
}
