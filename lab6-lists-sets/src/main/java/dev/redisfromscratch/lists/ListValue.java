package dev.redisfromscratch.lists;

import dev.redisfromscratch.encoding.EncodingLimits;
import dev.redisfromscratch.encoding.Listpack;
import dev.redisfromscratch.store.TypedValue;
import dev.redisfromscratch.store.ValueType;
import java.util.function.Consumer;

/**
 * A list in the keyspace, in one of two encodings, as Redis 7.2 keeps it:
 *
 * <ul>
 *   <li><b>listpack</b>: a small list is one {@link Listpack}, one {@code byte[]};</li>
 *   <li><b>quicklist</b>: once the listpack would outgrow one quicklist node's limit
 *       ({@code list-max-listpack-size}, {@link EncodingLimits#nodeAllows}), the list becomes a
 *       {@link Quicklist} whose first node is that listpack.</li>
 * </ul>
 *
 * <p>The conversions are Redis 7.2's {@code listTypeTryConversion} rules: a write that would make
 * the listpack exceed the node limit (a push, an insert, or a set, counted as adding one entry of
 * the new value's size) converts it first; a write that removes elements (a pop, LREM, LTRIM, LSET)
 * turns a quicklist of a single node back into a listpack when that node is at most half the limit
 * (half the bytes, or half the entries for a positive limit), so that a list does not flip back and
 * forth at the boundary. The byte sizes compared are our listpack's (a 4-byte header where Redis's
 * has 6), so the boundary may differ from Redis's by a few bytes.
 *
 * <p>Redis 7.0.15, the parity target, has no listpack lists: its {@code OBJECT ENCODING} says
 * {@code quicklist} for every list (each node a listpack). We follow 7.2's scheme because it is
 * the one worth teaching; the two agree for lists past the node limit.
 *
 * <p>Reads hand out copies: {@link #get}, {@link #walk} and {@link #forEach} give fresh arrays, never
 * a listpack or node of the list. {@link #copy()} shares nothing mutable.
 *
 * <p>The encoding limits are passed to each write that may grow the list, and the last ones seen
 * are kept for the shrinking check of the removals (which take none, e.g. {@link #popHead()}).
 *
 * <p>Redis: {@code t_list.c} ({@code listTypePush}, {@code listTypeTryConversion} in 7.2),
 * {@code object.c} ({@code createListListpackObject}).
 */
public final class ListValue implements TypedValue {
    /** {@code TYPE}'s answer for a list. */
    public static final ValueType LIST = new ValueType("list");

    private byte[] lp = Listpack.empty();   // the listpack encoding, or null
    private Quicklist ql;                   // the quicklist encoding, or null
    private EncodingLimits limits = EncodingLimits.defaults();

    /** An empty list, in the listpack encoding. */
    public ListValue() {
    }

    @Override
    public ValueType type() {
        return LIST;
    }

    @Override
    public ListValue copy() {
        ListValue copy = new ListValue();
        copy.lp = lp == null ? null : lp.clone();
        copy.ql = ql == null ? null : ql.copy();
        copy.limits = limits;
        return copy;
    }

    /** @return {@code "listpack"} or {@code "quicklist"}, {@code OBJECT ENCODING}'s answer */
    @Override
    public String encoding() {
        return lp != null ? "listpack" : "quicklist";
    }

    /** @return the number of elements */
    public int size() {
        return lp != null ? Listpack.count(lp) : (int) ql.size();
    }

    /**
     * Adds an element at the head (LPUSH), converting a listpack that would outgrow one node's
     * limit into a quicklist first.
     *
     * <p>Redis: {@code t_list.c}, {@code listTypePush} ({@code LIST_HEAD}).
     *
     * @param element copied into the list
     * @param limits {@code list-max-listpack-size}
     */
    public void pushHead(byte[] element, EncodingLimits limits) {
        growing(element, limits);
        if (lp != null) {
            lp = Listpack.prepend(lp, element);
        } else {
            ql.pushHead(element, limits);
        }
    }

    /**
     * Adds an element at the tail (RPUSH), converting a listpack that would outgrow one node's
     * limit into a quicklist first.
     *
     * <p>Redis: {@code t_list.c}, {@code listTypePush} ({@code LIST_TAIL}).
     *
     * @param element copied into the list
     * @param limits {@code list-max-listpack-size}
     */
    public void pushTail(byte[] element, EncodingLimits limits) {
        growing(element, limits);
        if (lp != null) {
            lp = Listpack.append(lp, element);
        } else {
            ql.pushTail(element, limits);
        }
    }

    /** @return the head element, removed, or null if empty */
    public byte[] popHead() {
        byte[] element;
        if (lp != null) {
            int pos = Listpack.first(lp);
            if (pos < 0) {
                return null;
            }
            element = Listpack.get(lp, pos);
            lp = Listpack.delete(lp, pos);
        } else {
            element = ql.popHead();
        }
        shrinking();
        return element;
    }

    /** @return the tail element, removed, or null if empty */
    public byte[] popTail() {
        byte[] element;
        if (lp != null) {
            int pos = Listpack.last(lp);
            if (pos < 0) {
                return null;
            }
            element = Listpack.get(lp, pos);
            lp = Listpack.delete(lp, pos);
        } else {
            element = ql.popTail();
        }
        shrinking();
        return element;
    }

    /**
     * {@code LINDEX}.
     *
     * @param index 0 is the head, -1 the tail
     * @return a copy of the element, or null if out of range
     */
    public byte[] get(long index) {
        return lp != null ? Listpack.getIndex(lp, index) : ql.get(index);
    }

    /**
     * {@code LSET}: replaces the element at {@code index}.
     *
     * @param index 0 is the head, -1 the tail
     * @return false if the index is out of range (nothing changes)
     */
    public boolean set(long index, byte[] element, EncodingLimits limits) {
        growing(element, limits);
        boolean done;
        if (lp != null) {
            int pos = Listpack.seek(lp, index);
            done = pos >= 0;
            if (done) {
                lp = Listpack.replace(lp, pos, element);
            }
        } else {
            done = ql.replace(index, element, limits);
        }
        shrinking();
        return done;
    }

    /**
     * {@code LINSERT}: inserts {@code element} before or after the first element equal to
     * {@code pivot}, from the head.
     *
     * @param after true for AFTER, false for BEFORE
     * @return the length after the insert, or -1 if the pivot is not found
     */
    public long insert(byte[] pivot, byte[] element, boolean after, EncodingLimits limits) {
        growing(element, limits); // Redis 7.2 converts before it looks for the pivot
        if (lp != null) {
            int pos = Listpack.find(lp, pivot);
            if (pos < 0) {
                return -1;
            }
            lp = after ? Listpack.insertAfter(lp, pos, element) : Listpack.insertBefore(lp, pos, element);
            return size();
        }
        long index = indexOf(pivot);
        if (index < 0) {
            return -1;
        }
        ql.insert(index, element, after, limits);
        return size();
    }

    /**
     * {@code LREM}: deletes elements equal to {@code element}.
     *
     * @param count &gt; 0: the first {@code count} from the head; &lt; 0: the last {@code -count}
     *     from the tail; 0: all
     * @return how many were deleted
     */
    public long remove(byte[] element, long count) {
        long removed;
        if (lp != null) {
            removed = 0;
            boolean forward = count >= 0;
            long max = count == 0 ? Long.MAX_VALUE : Math.abs(count);
            int pos = forward ? Listpack.first(lp) : Listpack.last(lp);
            while (pos >= 0 && removed < max) {
                if (Listpack.equalsAt(lp, pos, element)) {
                    lp = Listpack.delete(lp, pos);
                    removed++;
                    // forward: the next entry has moved to pos; backward: step before pos
                    pos = forward ? (lp[pos] == (byte) Listpack.END ? -1 : pos) : Listpack.prev(lp, pos);
                } else {
                    pos = forward ? Listpack.next(lp, pos) : Listpack.prev(lp, pos);
                }
            }
        } else {
            removed = ql.removeMatching(element, count);
        }
        shrinking();
        return removed;
    }

    /**
     * Deletes up to {@code n} elements from {@code start} on (LTRIM deletes both ends with it).
     *
     * @param start 0 is the head, negative counts from the tail
     * @param n how many, &ge; 0
     */
    public void deleteRange(long start, long n) {
        if (n <= 0) {
            return;
        }
        if (lp != null) {
            lp = Listpack.deleteRange(lp, start, n);
        } else {
            ql.deleteRange(start, n);
        }
        shrinking();
    }

    /**
     * Visits elements from {@code start}, towards the tail ({@code forward}) or the head, until the
     * visitor returns false or the list ends. Each element is a copy.
     *
     * @param start 0 is the head, negative counts from the tail; out of range visits nothing
     */
    public void walk(long start, boolean forward, Quicklist.ElementVisitor visitor) {
        if (ql != null) {
            ql.walk(start, forward, visitor);
            return;
        }
        for (int pos = Listpack.seek(lp, start); pos >= 0;
                pos = forward ? Listpack.next(lp, pos) : Listpack.prev(lp, pos)) {
            if (!visitor.visit(Listpack.get(lp, pos))) {
                return;
            }
        }
    }

    /**
     * Gives each element to {@code action}, head to tail. The arrays are the caller's to keep (a
     * copy, or an element no one changes). The persistence codec writes a list with it.
     */
    public void forEach(Consumer<byte[]> action) {
        if (lp != null) {
            Listpack.forEach(lp, action);
        } else {
            ql.forEach(action);
        }
    }

    /** @return the quicklist's node count, or 0 in the listpack encoding (for tests and the memory report) */
    public int quicklistNodes() {
        return ql == null ? 0 : ql.nodeCount();
    }

    /** @return the index of the first element equal to {@code value}, or -1 */
    private long indexOf(byte[] value) {
        long[] found = {-1};
        long[] index = {0};
        walk(0, true, e -> {
            if (java.util.Arrays.equals(e, value)) {
                found[0] = index[0];
                return false;
            }
            index[0]++;
            return true;
        });
        return found[0];
    }

    /**
     * Before adding one entry of {@code element}'s size: a listpack that would exceed one node's
     * limit becomes a quicklist whose only node is the listpack. Redis 7.2:
     * {@code listTypeTryConvertListpack}.
     */
    private void growing(byte[] element, EncodingLimits limits) {
        this.limits = limits;
        if (lp != null && !limits.nodeAllows(Listpack.count(lp), lp.length, Listpack.entrySize(element))) {
            ql = Quicklist.ofListpack(lp);
            lp = null;
        }
    }

    /**
     * After removing entries: a quicklist of one node at most half the limit becomes a listpack
     * again. Redis 7.2: {@code listTypeTryConvertQuicklist} with {@code shrinking}.
     */
    private void shrinking() {
        if (ql == null || ql.nodeCount() > 1) {
            return;
        }
        if (ql.nodeCount() == 0) {
            lp = Listpack.empty();
            ql = null;
            return;
        }
        byte[] only = ql.headListpack();
        // half the limit: a node of 2n - 1 entries may take one more; 2 * bytes fit
        if (limits.nodeAllows(2 * Listpack.count(only) - 1, 2 * only.length, 0)) {
            lp = only;
            ql = null;
        }
    }
}
