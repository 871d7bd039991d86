package dev.redisfromscratch.snapshot;

import dev.redisfromscratch.store.EntryVisitor;

/**
 * Something that can walk keys with their values and expire times: the live keyspace
 * ({@code store::forEach}, for {@code SAVE}) or a point-in-time {@link KeyspaceCapture} (for
 * {@code BGSAVE} and {@code BGREWRITEAOF}).
 */
@FunctionalInterface
public interface EntrySource {
    /**
     * Calls {@code visitor} once per key, in no particular order.
     *
     * @param visitor receives the key, its value ({@code byte[]} or a {@code TypedValue}) and its
     *     expire time (Unix ms, or {@code ExpiresIndex.NO_EXPIRE})
     */
    void forEach(EntryVisitor visitor);
}
