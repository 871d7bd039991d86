package dev.redisfromscratch.store;

import java.util.HashMap;
import java.util.function.BiConsumer;

/**
 * A hash table from {@link Key} to {@code V} that also gives memory back: Redis's {@code dict}.
 *
 * <p>The table is a {@link HashMap}; lab 2 teaches what a key-value store does with a hash table,
 * not how to write one. What {@code HashMap} lacks is shrinking: its bucket array only ever grows,
 * so a million keys that expire leave a million-slot array behind. Redis shrinks a dict when it is
 * less than 10% full ({@code HASHTABLE_MIN_FILL}); {@link #resizeIfSparse()} does the same by
 * rebuilding the map at its current size. Since {@code HashMap} does not tell its capacity, this
 * class remembers the largest size the table has had since it was last built, which is what the
 * bucket array was grown for.
 *
 * <p>Redis: {@code dict.c}; shrinking is {@code server.c}, {@code htNeedsResize} and
 * {@code tryResizeHashTables}, called from {@code databasesCron}.
 *
 * @param <V> the value type
 */
public final class Dict<V> {
    /** A table is shrunk when fewer than this percentage of its peak entries remain. */
    public static final int MIN_FILL_PERCENT = 10;
    /** Tables never shrink below this many entries' worth of buckets (Redis: {@code DICT_HT_INITIAL_SIZE} is 4). */
    public static final int MIN_PEAK_TO_SHRINK = 64;

    private HashMap<Key, V> table = new HashMap<>();
    private int peakSize;

    /** @return the value stored under {@code key}, or {@code null} */
    public V get(Key key) {
        return table.get(key);
    }

    /**
     * Adds or replaces an entry. When the key is already present, the stored {@link Key} object is
     * kept and only the value changes.
     *
     * @return the previous value, or {@code null} if the key was new
     */
    public V put(Key key, V value) {
        V previous = table.put(key, value);
        if (previous == null && table.size() > peakSize) {
            peakSize = table.size();
        }
        return previous;
    }

    /** @return the removed value, or {@code null} if the key was absent */
    public V remove(Key key) {
        return table.remove(key);
    }

    /** @return the number of entries */
    public int size() {
        return table.size();
    }

    /** @return the largest number of entries since the table was last built */
    public int peakSize() {
        return peakSize;
    }

    /**
     * Calls {@code action} for every entry, in no particular order. The table must not change
     * while it runs.
     *
     * @throws java.util.ConcurrentModificationException if it does
     */
    public void forEach(BiConsumer<Key, V> action) {
        table.forEach(action);
    }

    /** Removes every entry and drops the bucket array. */
    public void clear() {
        table = new HashMap<>();
        peakSize = 0;
    }

    /**
     * Rebuilds the table at its current size if it has shrunk below {@value #MIN_FILL_PERCENT}% of
     * its peak, so that the bucket array of the departed entries is freed. O(size) when it happens,
     * which is at most a tenth of the peak.
     *
     * @return whether the table was rebuilt
     */
    public boolean resizeIfSparse() {
        if (peakSize < MIN_PEAK_TO_SHRINK || (long) table.size() * 100 >= (long) peakSize * MIN_FILL_PERCENT) {
            return false;
        }
        table = new HashMap<>(table);
        peakSize = table.size();
        return true;
    }
}
