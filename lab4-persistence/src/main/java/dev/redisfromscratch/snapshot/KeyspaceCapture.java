package dev.redisfromscratch.snapshot;

import dev.redisfromscratch.store.DataStore;
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
    private int size;

    private KeyspaceCapture(int capacity) {
        keys = new Key[capacity];
        values = new Object[capacity];
        expireAt = new long[capacity];
    }

    /**
     * Freezes {@code store} now. Runs on the server thread (the store is not thread-safe).
     *
     * @param codecs how to freeze each value type
     * @param nowMillis the current Unix time in ms: keys whose expire time is before it are left out
     * @return the capture, safe to read from any thread afterwards
     */
    public static KeyspaceCapture of(DataStore store, ValueCodecs codecs, long nowMillis) {
        KeyspaceCapture capture = new KeyspaceCapture(store.size());
        store.forEach((Key key, Object value, long when) -> {
            if (when != ExpiresIndex.NO_EXPIRE && when < nowMillis) {
                return; // logically gone already
            }
            int i = capture.size++;
            capture.keys[i] = key;
            capture.values[i] = codecs.of(value).freeze(value);
            capture.expireAt[i] = when;
        });
        return capture;
    }

    /** @return the number of keys captured */
    public int size() {
        return size;
    }

    @Override
    public void forEach(EntryVisitor visitor) {
        for (int i = 0; i < size; i++) {
            visitor.visit(keys[i], values[i], expireAt[i]);
        }
    }
}
