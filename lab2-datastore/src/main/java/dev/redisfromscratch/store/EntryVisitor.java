package dev.redisfromscratch.store;

/**
 * Receives each key of the keyspace in turn: what a snapshot (lab 4), {@code KEYS} and
 * {@code FLUSHALL}'s accounting walk with {@link DataStore#forEach}.
 *
 * <p>Redis: {@code rdb.c}, {@code rdbSaveDb} walks {@code db->dict} with a dict iterator the same way.
 */
@FunctionalInterface
public interface EntryVisitor {
    /**
     * @param key the key (do not modify its bytes)
     * @param value its value: a {@code byte[]} string or a {@link TypedValue}
     * @param expireAtMillis its expire time as a Unix time in ms, or {@link ExpiresIndex#NO_EXPIRE}
     */
    void visit(Key key, Object value, long expireAtMillis);
}
