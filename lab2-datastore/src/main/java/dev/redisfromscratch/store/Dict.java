package dev.redisfromscratch.store;

import java.util.ConcurrentModificationException;
import java.util.Iterator;
import java.util.TreeMap;
import java.util.function.BiConsumer;
import java.util.random.RandomGenerator;

/**
 * A hash table from {@link Key} to {@code V}: Redis's {@code dict}, a chained hash table whose
 * bucket array SCAN's cursor walks ({@link #scan}).
 *
 * <pre>
 *   table (a power of two long)     each bucket: a chain of nodes {hash, key, value, next}
 *   [0] → (k7) → (k3)
 *   [1] → null
 *   [2] → (k1)
 *   [3] → (k9) → (k4) → (k2)       bucket = spread(key.hashCode()) &amp; (table.length - 1)
 * </pre>
 *
 * <p><b>Layout, the same as {@link java.util.HashMap}'s.</b> A node holds the key's hash, the key,
 * the value and the next node: 32 bytes with compressed oops, as a {@code HashMap.Node}. The table
 * starts at 16 buckets on the first put and doubles when it is more than 75% full (HashMap's load
 * factor; Redis grows at 100%). So a key costs exactly what it costs in a {@code HashMap}, which the
 * memory report checks. The table is written here rather than borrowed because {@code HashMap} hides
 * its buckets, and two things need them: {@link #scan} (Redis's cursor is a bucket index) and
 * {@link #randomKey} (a random bucket, as Redis's {@code dictGetRandomKey} picks).
 *
 * <p><b>Growing and shrinking.</b> The table grows all at once, inside the put that crosses the
 * load factor, as {@code HashMap} does; Redis rehashes incrementally, a bucket at a time, keeping
 * two tables while it does. What {@code HashMap} never does is shrink: a million keys that expire
 * leave a million-slot array behind. Redis shrinks a dict when it is less than 10% full
 * ({@code HASHTABLE_MIN_FILL}); {@link #resizeIfSparse()} does the same, rebuilding the table at the
 * size its remaining entries need. The table remembers the largest size it has had since it was
 * last built, which is what its bucket array was grown for.
 *
 * <p><b>Colliding keys.</b> {@link Key#hashCode()} is predictable, so a client can send many keys
 * with one hash and make a bucket's chain as long as it likes (hash flooding). As {@code HashMap}
 * does, a chain longer than {@value #TREEIFY_THRESHOLD} in a table of at least
 * {@value #MIN_TREEIFY_CAPACITY} buckets becomes a tree bucket, a {@link TreeMap} ordered by
 * {@link Key#compareTo}, which stays O(log n). Redis defends with a seeded SipHash instead.
 *
 * <p>Not thread-safe.
 *
 * <p>Redis: {@code dict.c} ({@code dictFind}, {@code dictAdd}, {@code dictDelete},
 * {@code dictScan}, {@code dictGetRandomKey}); shrinking is {@code server.c}, {@code htNeedsResize}
 * and {@code tryResizeHashTables}, called from {@code databasesCron}.
 *
 * @param <V> the value type
 */
public final class Dict<V> {
    /** A table is shrunk when fewer than this percentage of its peak entries remain. */
    public static final int MIN_FILL_PERCENT = 10;
    /** Tables never shrink below this many entries' worth of buckets (Redis: {@code DICT_HT_INITIAL_SIZE} is 4). */
    public static final int MIN_PEAK_TO_SHRINK = 64;
    /** The number of buckets of a new table ({@code HashMap}'s default capacity). */
    public static final int INITIAL_CAPACITY = 16;
    /** A chain longer than this becomes a tree bucket. */
    public static final int TREEIFY_THRESHOLD = 8;
    /** A tree bucket this small or smaller goes back to being a chain. */
    public static final int UNTREEIFY_THRESHOLD = 6;
    /** Below this many buckets, a long chain makes the table grow instead of becoming a tree. */
    public static final int MIN_TREEIFY_CAPACITY = 64;

    private static final float LOAD_FACTOR = 0.75f;
    private static final int MAX_CAPACITY = 1 << 30;

    private Node<V>[] table; // null until the first put, and after clear()
    private int size;
    private int threshold;   // grow when size exceeds it
    private int peakSize;
    private int modCount;    // for forEach's ConcurrentModificationException

    /** One entry of a chain. */
    static class Node<V> {
        final int hash;
        final Key key;
        V value;
        Node<V> next;

        Node(int hash, Key key, V value) {
            this.hash = hash;
            this.key = key;
            this.value = value;
        }
    }

    /** A bucket whose chain grew too long: its nodes in a tree, by key. It has no key of its own. */
    static final class TreeBucket<V> extends Node<V> {
        final TreeMap<Key, Node<V>> nodes = new TreeMap<>();

        TreeBucket() {
            super(0, null, null);
        }
    }

    /** {@code HashMap}'s spreading of the high bits into the low ones, which pick the bucket. */
    private static int hash(Key key) {
        int h = key.hashCode();
        return h ^ (h >>> 16);
    }

    /** @return the value stored under {@code key}, or {@code null} */
    public V get(Key key) {
        Node<V>[] tab = table;
        if (tab == null) {
            return null;
        }
        int h = hash(key);
        Node<V> e = tab[h & (tab.length - 1)];
        if (e instanceof TreeBucket<V> tree) {
            Node<V> n = tree.nodes.get(key);
            return n == null ? null : n.value;
        }
        for (; e != null; e = e.next) {
            if (e.hash == h && (e.key == key || key.equals(e.key))) {
                return e.value;
            }
        }
        return null;
    }

    /**
     * Adds or replaces an entry. When the key is already present, the stored {@link Key} object is
     * kept and only the value changes.
     *
     * @return the previous value, or {@code null} if the key was new
     */
    public V put(Key key, V value) {
        if (table == null) {
            resize(INITIAL_CAPACITY);
        }
        Node<V>[] tab = table;
        int h = hash(key);
        int i = h & (tab.length - 1);
        Node<V> head = tab[i];
        if (head instanceof TreeBucket<V> tree) {
            Node<V> n = tree.nodes.get(key);
            if (n != null) {
                V previous = n.value;
                n.value = value;
                return previous;
            }
            tree.nodes.put(key, new Node<>(h, key, value));
        } else {
            int chain = 0;
            Node<V> last = null;
            for (Node<V> e = head; e != null; e = e.next) {
                if (e.hash == h && (e.key == key || key.equals(e.key))) {
                    V previous = e.value;
                    e.value = value;
                    return previous;
                }
                last = e;
                chain++;
            }
            Node<V> added = new Node<>(h, key, value);
            if (last == null) {
                tab[i] = added;
            } else {
                last.next = added;
            }
            if (chain >= TREEIFY_THRESHOLD) {
                treeify(i);
            }
        }
        modCount++;
        if (++size > peakSize) {
            peakSize = size;
        }
        if (size > threshold) {
            resize(table.length * 2);
        }
        return null;
    }

    /** @return the removed value, or {@code null} if the key was absent */
    public V remove(Key key) {
        Node<V>[] tab = table;
        if (tab == null) {
            return null;
        }
        int h = hash(key);
        int i = h & (tab.length - 1);
        Node<V> head = tab[i];
        V removed = null;
        if (head instanceof TreeBucket<V> tree) {
            Node<V> n = tree.nodes.remove(key);
            if (n == null) {
                return null;
            }
            removed = n.value;
            if (tree.nodes.size() <= UNTREEIFY_THRESHOLD) {
                tab[i] = chainOf(tree);
            }
        } else {
            Node<V> previous = null;
            Node<V> e = head;
            while (e != null && !(e.hash == h && (e.key == key || key.equals(e.key)))) {
                previous = e;
                e = e.next;
            }
            if (e == null) {
                return null;
            }
            if (previous == null) {
                tab[i] = e.next;
            } else {
                previous.next = e.next;
            }
            removed = e.value;
        }
        size--;
        modCount++;
        return removed;
    }

    /** @return the number of entries */
    public int size() {
        return size;
    }

    /** @return the largest number of entries since the table was last built */
    public int peakSize() {
        return peakSize;
    }

    /** @return the number of buckets: 0 before the first put, then a power of two */
    public int capacity() {
        return table == null ? 0 : table.length;
    }

    /**
     * Calls {@code action} for every entry, in no particular order. The table must not change
     * while it runs.
     *
     * @throws ConcurrentModificationException if it does
     */
    public void forEach(BiConsumer<Key, V> action) {
        Node<V>[] tab = table;
        if (tab == null) {
            return;
        }
        int expected = modCount;
        for (Node<V> head : tab) {
            visitBucket(head, action);
            if (modCount != expected) {
                throw new ConcurrentModificationException();
            }
        }
    }

    /**
     * One step of an iteration that may be spread over many calls, between which the table may
     * change: Redis's {@code dictScan}. It visits every entry of the bucket the cursor names, and
     * returns the cursor of the next bucket to visit, or 0 when the iteration is over. Start with
     * cursor 0.
     *
     * <p>The guarantee: an entry present from the first call to the last is visited at least once,
     * even if the table grew or shrank between calls. An entry may be visited more than once (after
     * the table shrank), and an entry added or removed meanwhile may or may not be visited.
     *
     * <p>How. A cursor is a bucket index, counted in <em>reverse binary</em>: the high bit of the
     * index is incremented first. With 8 buckets (mask {@code 111}) the order is 0, 4, 2, 6, 1, 5,
     * 3, 7. An entry's bucket is the low bits of its hash, so when the table doubles, bucket
     * {@code b} splits into {@code b} and {@code b + size}: the same low bits plus one new high bit.
     * Counting the reversed index visits both halves of a split bucket together, so the buckets
     * already visited in the small table are exactly the ones already visited in the large one: no
     * bucket is skipped, and none is visited again. When the table halves, two buckets merge into
     * one whose reversed index comes at or before where the cursor stands, so at worst entries
     * already returned come again. Setting the bits above the mask before incrementing carries the
     * increment through them, so the same code works whatever the table's size.
     *
     * <p>The visitor must not change the table.
     *
     * <p>Redis: {@code dict.c}, {@code dictScan} and its long comment; {@code rev}. (Redis also
     * handles a table in the middle of an incremental rehash, visiting the bucket in the small table
     * and its expansions in the large one. This table resizes all at once, so there is one table.)
     *
     * @param cursor 0 to start, then the value the previous call returned; any 64-bit value is
     *     accepted (an unsigned number, as Redis's {@code unsigned long})
     * @param visitor receives each entry of the bucket
     * @return the next cursor, 0 when every bucket has been visited
     */
    public long scan(long cursor, BiConsumer<Key, V> visitor) {
        Node<V>[] tab = table;
        if (size == 0 || tab == null) {
            return 0;
        }
        long mask = tab.length - 1;
        visitBucket(tab[(int) (cursor & mask)], visitor);
        long v = cursor | ~mask;    // the bits above the mask are all ones, so the increment carries through them
        v = Long.reverse(v);
        v++;                        // increment the reversed cursor
        return Long.reverse(v);
    }

    /**
     * A random entry's key: a random non-empty bucket, then a random entry of it. Entries of long
     * chains are a little less likely than others, as in Redis.
     *
     * <p>Redis: {@code dict.c}, {@code dictGetRandomKey}.
     *
     * @return a key, or {@code null} if the table is empty
     */
    public Key randomKey(RandomGenerator random) {
        if (size == 0) {
            return null;
        }
        Node<V>[] tab = table;
        Node<V> head;
        do {
            head = tab[random.nextInt(tab.length)];
        } while (head == null);
        if (head instanceof TreeBucket<V> tree) {
            int skip = random.nextInt(tree.nodes.size());
            Iterator<Key> keys = tree.nodes.keySet().iterator();
            while (skip-- > 0) {
                keys.next();
            }
            return keys.next();
        }
        int length = 0;
        for (Node<V> e = head; e != null; e = e.next) {
            length++;
        }
        Node<V> e = head;
        for (int skip = random.nextInt(length); skip > 0; skip--) {
            e = e.next;
        }
        return e.key;
    }

    /** Removes every entry and drops the bucket array. */
    public void clear() {
        table = null;
        size = 0;
        threshold = 0;
        peakSize = 0;
        modCount++;
    }

    /**
     * Rebuilds the table at its current size if it has shrunk below {@value #MIN_FILL_PERCENT}% of
     * its peak, so that the bucket array of the departed entries is freed. O(size) when it happens,
     * which is at most a tenth of the peak.
     *
     * @return whether the table was rebuilt
     */
    public boolean resizeIfSparse() {
        if (peakSize < MIN_PEAK_TO_SHRINK || (long) size * 100 >= (long) peakSize * MIN_FILL_PERCENT) {
            return false;
        }
        if (size == 0) {
            table = null;
            threshold = 0;
        } else {
            resize(capacityFor(size));
        }
        peakSize = size;
        modCount++;
        return true;
    }

    // ---------------------------------------------------------------- internals

    private static <V> void visitBucket(Node<V> head, BiConsumer<Key, V> action) {
        if (head instanceof TreeBucket<V> tree) {
            for (Node<V> n : tree.nodes.values()) {
                action.accept(n.key, n.value);
            }
            return;
        }
        for (Node<V> e = head; e != null; e = e.next) {
            action.accept(e.key, e.value);
        }
    }

    /** The bucket count {@code new HashMap<>(map)} would choose for {@code entries} entries. */
    private static int capacityFor(int entries) {
        int wanted = (int) Math.min(MAX_CAPACITY, (long) (entries / LOAD_FACTOR + 1.0f));
        int capacity = 1;
        while (capacity < wanted) {
            capacity <<= 1;
        }
        return capacity;
    }

    /**
     * Moves every entry into a new table of {@code capacity} buckets, all at once. Chains keep their
     * order; tree buckets come apart into chains, and any chain that ends up too long becomes a tree
     * again.
     */
    @SuppressWarnings("unchecked")
    private void resize(int capacity) {
        Node<V>[] old = table;
        Node<V>[] tab = (Node<V>[]) new Node[capacity];
        Node<V>[] tails = (Node<V>[]) new Node[capacity];
        boolean mayBeLong = false;
        if (old != null) {
            mayBeLong = capacity < old.length; // merging buckets can lengthen chains
            for (Node<V> head : old) {
                if (head instanceof TreeBucket<V> tree) {
                    mayBeLong = true;
                    head = chainOf(tree);
                }
                for (Node<V> e = head; e != null; ) {
                    Node<V> next = e.next;
                    e.next = null;
                    int i = e.hash & (capacity - 1);
                    if (tails[i] == null) {
                        tab[i] = e;
                    } else {
                        tails[i].next = e;
                    }
                    tails[i] = e;
                    e = next;
                }
            }
        }
        table = tab;
        threshold = capacity >= MAX_CAPACITY ? Integer.MAX_VALUE : (int) (capacity * LOAD_FACTOR);
        if (mayBeLong && capacity >= MIN_TREEIFY_CAPACITY) {
            for (int i = 0; i < capacity; i++) {
                int chain = 0;
                for (Node<V> e = tab[i]; e != null; e = e.next) {
                    chain++;
                }
                if (chain > TREEIFY_THRESHOLD) {
                    treeify(i);
                }
            }
        }
    }

    /** Turns the chain of bucket {@code i} into a tree bucket, or grows a small table instead. */
    private void treeify(int i) {
        Node<V>[] tab = table;
        if (tab.length < MIN_TREEIFY_CAPACITY) {
            if (size + 1 > threshold) {
                return; // the put that called this is about to double the table anyway
            }
            resize(tab.length * 2);
            return;
        }
        TreeBucket<V> tree = new TreeBucket<>();
        for (Node<V> e = tab[i]; e != null; ) {
            Node<V> next = e.next;
            e.next = null;
            tree.nodes.put(e.key, e);
            e = next;
        }
        tab[i] = tree;
    }

    /** The nodes of a tree bucket, linked as a chain. */
    private static <V> Node<V> chainOf(TreeBucket<V> tree) {
        Node<V> head = null;
        Node<V> tail = null;
        for (Node<V> n : tree.nodes.values()) {
            n.next = null;
            if (tail == null) {
                head = n;
            } else {
                tail.next = n;
            }
            tail = n;
        }
        return head;
    }
}
