package dev.redisfromscratch.snapshot;

import dev.redisfromscratch.store.Databases;
import dev.redisfromscratch.store.EntryVisitor;

/**
 * Something that can walk keys with their values and expire times, database by database: the live
 * keyspace ({@code store::forEach} for one database, {@link #of(Databases)} for numbered ones, for
 * {@code SAVE}) or a point-in-time {@link KeyspaceCapture} (for {@code BGSAVE} and
 * {@code BGREWRITEAOF}).
 *
 * <p>A source made from one database ({@code store::forEach}) has one database, number 0: the
 * defaults of {@link #databaseCount()} and {@link #forEach(int, EntryVisitor)} say so. A save walks
 * {@code forEach(0, ...)}, {@code forEach(1, ...)}, ... in order, and writes a database's number
 * before its keys (the snapshot's {@code {"select":n}}, the AOF's {@code SELECT n}), as Redis's
 * {@code rdbSaveDb} and {@code rewriteAppendOnlyFileRio} loop over {@code server.db[]}.
 */
@FunctionalInterface
public interface EntrySource {
    /**
     * Calls {@code visitor} once per key of every database, in no particular order within a
     * database, database 0's keys first, then database 1's, and so on.
     *
     * @param visitor receives the key, its value ({@code byte[]} or a {@code TypedValue}) and its
     *     expire time (Unix ms, or {@code ExpiresIndex.NO_EXPIRE})
     */
    void forEach(EntryVisitor visitor);

    /** @return how many databases the source has, at least 1; 1 unless the source says otherwise */
    default int databaseCount() {
        return 1;
    }

    /**
     * Calls {@code visitor} once per key of database {@code db}, in no particular order. The
     * default, for a one-database source: every key for database 0, none for any other.
     *
     * @param db a database number, {@code 0 <= db < databaseCount()}
     */
    default void forEach(int db, EntryVisitor visitor) {
        if (db == 0) {
            forEach(visitor);
        }
    }

    /**
     * @return the live keys of every database of {@code dbs}, for a save on the server thread
     *     ({@code SAVE}): the databases must not change while it is walked
     */
    static EntrySource of(Databases dbs) {
        return new EntrySource() {
            @Override
            public void forEach(EntryVisitor visitor) {
                for (int db = 0; db < dbs.count(); db++) {
                    dbs.db(db).forEach(visitor);
                }
            }

            @Override
            public int databaseCount() {
                return dbs.count();
            }

            @Override
            public void forEach(int db, EntryVisitor visitor) {
                dbs.db(db).forEach(visitor);
            }
        };
    }
}
