package dev.redisfromscratch.store;

/**
 * Told when keys leave the keyspace by themselves, outside what a command asked for: a key whose
 * time has passed, reclaimed by lazy or active expiry. The server turns it into a propagated
 * {@code DEL key}, so that an append-only file (lab 4) and replicas (lab 8) lose the key too.
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
}
