package dev.redisfromscratch.store;

import java.util.Arrays;
import java.util.random.RandomGenerator;

/**
 * The keys that have a TTL, each with its expire time: Redis's {@code db->expires}.
 *
 * <p>Two jobs shape it. Lookups ({@code TTL k}, lazy expiry on every access) need the expire time of
 * a given key in O(1): a hash table does that. The active expiry cycle needs a <em>random</em> key
 * with a TTL in O(1), and a hash table cannot give one cheaply. So the index is an array-backed
 * indexed set: every entry sits both in a {@link Dict} (by key) and in a dense array (by position
 * {@code 0 .. size-1}), and remembers its position.
 *
 * <pre>
 *   byKey:   "a" → entry{a, 1767225600000 ms, pos 0}     entries: [ a | c | b | null ... ]
 *            "b" → entry{b, ..., pos 2}                             0   1   2
 *            "c" → entry{c, ..., pos 1}
 * </pre>
 *
 * <ul>
 *   <li>add: append at position {@code size};
 *   <li>remove: move the last entry into the hole, so the array stays dense (O(1));
 *   <li>sample k random keys: a partial Fisher-Yates shuffle of the front of the array (O(k)),
 *       which picks k distinct keys, each with equal probability.
 * </ul>
 *
 * <p>Expire times are absolute Unix times in milliseconds, as Redis stores them. A key's absence
 * is {@link #NO_EXPIRE} ({@code -1}), as in Redis's {@code getExpire}; stored times are positive.
 *
 * <p>Redis: {@code db.c}, {@code setExpire}, {@code getExpire}, {@code removeExpire}. Redis keeps
 * {@code db->expires} as a second {@code dict} whose keys are the very {@code sds} strings of
 * {@code db->dict}; the key objects here are shared the same way when the key and its TTL are set
 * together (SET with EX), but {@link Dict} does not hand back its stored key, so EXPIRE on an
 * existing key stores the request's copy of the key.
 */
public final class ExpiresIndex {
    /** What {@link #get} answers for a key without a TTL (Redis's {@code getExpire}). */
    public static final long NO_EXPIRE = -1;

    private static final int MIN_CAPACITY = 16;

    private final Dict<Entry> byKey = new Dict<>();
    private Entry[] entries = new Entry[MIN_CAPACITY];
    private int size;

    /** One key with a TTL: where it sits in the dense array and when it expires. */
    private static final class Entry {
        final Key key;
        long whenMillis;
        int position;

        Entry(Key key, long whenMillis, int position) {
            this.key = key;
            this.whenMillis = whenMillis;
            this.position = position;
        }
    }

    /** @return the key's expire time as a Unix time in ms, or {@link #NO_EXPIRE} */
    public long get(Key key) {
        if (size == 0) {
            return NO_EXPIRE; // the common case of a store without TTLs: no hashing at all
        }
        Entry e = byKey.get(key);
        return e == null ? NO_EXPIRE : e.whenMillis;
    }

    /**
     * Sets or replaces the key's expire time.
     *
     * @param whenMillis absolute Unix time in milliseconds; must be positive
     * @throws IllegalArgumentException if {@code whenMillis <= 0}
     */
    public void put(Key key, long whenMillis) {
        if (whenMillis <= 0) {
            throw new IllegalArgumentException("expire time must be a positive Unix time in ms: " + whenMillis);
        }
        Entry e = byKey.get(key);
        if (e != null) {
            e.whenMillis = whenMillis;
            return;
        }
        if (size == entries.length) {
            entries = Arrays.copyOf(entries, size * 2);
        }
        e = new Entry(key, whenMillis, size);
        entries[size++] = e;
        byKey.put(key, e);
    }

    /**
     * Forgets the key's TTL.
     *
     * @return whether the key had one
     */
    public boolean remove(Key key) {
        if (size == 0) {
            return false; // SET on a store without TTLs: no hashing at all
        }
        Entry e = byKey.remove(key);
        if (e == null) {
            return false;
        }
        int last = --size;
        Entry moved = entries[last];
        entries[e.position] = moved; // fill the hole with the last entry (a no-op if e was last)
        moved.position = e.position;
        entries[last] = null;        // let the removed entry be collected
        if (entries.length > MIN_CAPACITY && size < entries.length / 4) {
            entries = Arrays.copyOf(entries, entries.length / 2);
        }
        return true;
    }

    /** @return how many keys have a TTL (Redis: {@code dictSize(db->expires)}) */
    public int size() {
        return size;
    }

    /** Removes every entry. */
    public void clear() {
        byKey.clear();
        entries = new Entry[MIN_CAPACITY];
        size = 0;
    }

    /**
     * Picks {@code min(count, size())} distinct keys at random and writes them to the front of
     * {@code into}. Each call is O(count): it moves each picked entry to the front of the dense array
     * (a partial Fisher-Yates shuffle), so a key is never picked twice in one call.
     *
     * @param into where the keys go; its length must be at least {@code count}
     * @param count how many keys are wanted
     * @param random the source of randomness
     * @return how many keys were written
     */
    public int sample(Key[] into, int count, RandomGenerator random) {
        int n = Math.min(count, size);
        for (int i = 0; i < n; i++) {
            int j = i + random.nextInt(size - i);
            swap(i, j);
            into[i] = entries[i].key;
        }
        return n;
    }

    /** Shrinks the by-key table if most of its entries are gone; see {@link Dict#resizeIfSparse()}. */
    public boolean resizeIfSparse() {
        return byKey.resizeIfSparse();
    }

    private void swap(int i, int j) {
        Entry a = entries[i];
        Entry b = entries[j];
        entries[i] = b;
        b.position = i;
        entries[j] = a;
        a.position = j;
    }
}
