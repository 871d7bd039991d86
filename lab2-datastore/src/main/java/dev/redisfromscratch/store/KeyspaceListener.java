package dev.redisfromscratch.store;

/**
 * Told when keys leave the keyspace by themselves, outside what a command asked for: a key whose
 * time has passed, reclaimed by lazy or active expiry. The server turns it into a propagated
 * {@code DEL key}, so that an append-only file (lab 4) and replicas (lab 8) lose the key too.
 *
 * <p>Also told, if it wants ({@link #keyAdded}), when a value is stored under a key that was
 * absent: lab 6's blocked clients wait for a list to appear under a key.
 *
 * <p>Called on the thread that touched the store, while the store is being changed: a listener
 * must not call back into the store.
 *
 * <p>Redis: {@code db.c}, {@code deleteExpiredKeyAndPropagate} → {@code propagateDeletion};
 * {@code notify.c}, the {@code expired} keyspace event.
 */
@FunctionalInterface
public interface KeyspaceListener {
    /**
     * A key was reclaimed because its expire time had passed.
     *
     * @param key the key, already gone from the keyspace
     */
    void keyExpired(Key key);

    /**
     * A value was stored with {@link DataStore#put(byte[], Object)} or
     * {@link DataStore#put(byte[], Object, long)} under a key that was absent: a list created by
     * {@code LPUSH}, a key carried over by {@code RENAME}, {@code MOVE} or {@code COPY}. Lab 6
     * marks the key ready when clients are blocked on it ({@code BLPOP}), and serves them once
     * the command that added it is done. Strings stored with {@code set} are not reported: no
     * client waits for one. The value may still be empty when this is called (a list is stored,
     * then filled); the listener must only take note of the key. Does nothing unless overridden.
     *
     * <p>Redis: {@code db.c}, {@code dbAdd} → {@code blocked.c}, {@code signalKeyAsReady}.
     *
     * @param key the key, now in the keyspace
     * @param value the value stored under it
     */
    default void keyAdded(Key key, Object value) {
    }
}
