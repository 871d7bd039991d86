package dev.redisfromscratch.lists;

import dev.redisfromscratch.encoding.EncodingLimits;
import dev.redisfromscratch.encoding.Listpack;
import java.util.function.Consumer;

/**
 * A quicklist: a doubly linked list of nodes, each holding a {@link Listpack} of a bounded size.
 * Redis's encoding for long lists. A plain linked list costs one node (two pointers and a header)
 * per element; one big listpack costs a copy of the whole array on every change. A quicklist sits
 * between them: pushes and pops at either end touch only the end node (O(1) in the list's length,
 * O(node size) bytes copied), and the per-node overhead is shared by up to
 * {@code list-max-listpack-size} entries (8 KB of them by default).
 *
 * <pre>
 *   head                                                         tail
 *    |                                                            |
 *   [node: lp(e0 e1 ... e99)] &lt;-&gt; [node: lp(e100 ... e180)] &lt;-&gt; [node: lp(e181 ...)]
 * </pre>
 *
 * <p>How nodes fill, split and merge (in the spirit of Redis's {@code quicklist.c}):
 * <ul>
 *   <li>A push goes into the end node if {@link EncodingLimits#nodeAllows} lets it grow, else into
 *       a new node.</li>
 *   <li>An insert in the middle goes into its node if the node may grow; at a node's edge it may go
 *       into the neighbour instead; otherwise the node is split at that point, the element goes into
 *       one half (or a node of its own) and the neighbours are merged where they fit.</li>
 *   <li>A replace that makes its node too big splits the node in two.</li>
 *   <li>A node emptied by a pop or a delete is unlinked.</li>
 * </ul>
 * Redis's node compression (LZF of inner nodes) and its "plain" nodes for huge elements are left
 * out.
 *
 * <p>Not thread-safe: the server's global lock guards it. Reads return copies.
 *
 * <p>Redis: {@code quicklist.c} ({@code quicklistPushHead}, {@code _quicklistInsert},
 * {@code _quicklistSplitNode}, {@code _quicklistMergeNodes}, {@code quicklistGetIteratorAtIdx},
 * {@code quicklistDelRange}, {@code quicklistReplaceEntry}).
 */
public final class Quicklist {
    /** Visits elements in order; returns {@code false} to stop. */
    @FunctionalInterface
    public interface ElementVisitor {
        /**
         * @param element a copy of the element
         * @return whether to go on
         */
        boolean visit(byte[] element);
    }

    private static final class Node {
        byte[] lp;
        Node prev;
        Node next;

        Node(byte[] lp) {
            this.lp = lp;
        }

        int count() {
            return Listpack.count(lp);
        }
    }

    /** A node and an entry's position in its listpack, with the entry's index in the node. */
    private record Cursor(Node node, int pos, int offset) {
    }

    private Node head;
    private Node tail;
    private long count;
    private int nodes;

    /** An empty quicklist. */
    public Quicklist() {
    }

    /**
     * A quicklist of one node holding {@code lp} (what Redis 7.2 does when a listpack list grows
     * past its limit: the whole listpack becomes the first node).
     *
     * @param lp a listpack, kept as it is (listpacks are never changed in place)
     */
    public static Quicklist ofListpack(byte[] lp) {
        Quicklist q = new Quicklist();
        if (Listpack.count(lp) > 0) {
            q.linkAfter(null, new Node(lp));
            q.count = Listpack.count(lp);
        }
        return q;
    }

    /** @return the number of elements */
    public long size() {
        return count;
    }

    /** @return the number of nodes */
    public int nodeCount() {
        return nodes;
    }

    /** @return the listpack of the first node (for a quicklist of one node turning back into a listpack), or null */
    byte[] headListpack() {
        return head == null ? null : head.lp;
    }

    /** @return the entries of each node, head to tail (for tests and the memory report) */
    public int[] nodeSizes() {
        int[] sizes = new int[nodes];
        int i = 0;
        for (Node n = head; n != null; n = n.next) {
            sizes[i++] = n.count();
        }
        return sizes;
    }

    /** @return the listpack bytes of each node, head to tail */
    public int[] nodeBytes() {
        int[] sizes = new int[nodes];
        int i = 0;
        for (Node n = head; n != null; n = n.next) {
            sizes[i++] = n.lp.length;
        }
        return sizes;
    }

    // ------------------------------------------------------------------------------- ends

    /** Adds {@code value} at the head: into the head node if it may grow, else into a new node. */
    public void pushHead(byte[] value, EncodingLimits limits) {
        if (head != null && allows(limits, head, value)) {
            head.lp = Listpack.prepend(head.lp, value);
        } else {
            linkBefore(head, new Node(Listpack.append(Listpack.empty(), value)));
        }
        count++;
    }

    /** Adds {@code value} at the tail: into the tail node if it may grow, else into a new node. */
    public void pushTail(byte[] value, EncodingLimits limits) {
        if (tail != null && allows(limits, tail, value)) {
            tail.lp = Listpack.append(tail.lp, value);
        } else {
            linkAfter(tail, new Node(Listpack.append(Listpack.empty(), value)));
        }
        count++;
    }

    /** @return the head element, removed, or {@code null} if empty */
    public byte[] popHead() {
        if (head == null) {
            return null;
        }
        Node n = head;
        int pos = Listpack.first(n.lp);
        byte[] value = Listpack.get(n.lp, pos);
        deleteAt(n, pos);
        return value;
    }

    /** @return the tail element, removed, or {@code null} if empty */
    public byte[] popTail() {
        if (tail == null) {
            return null;
        }
        Node n = tail;
        int pos = Listpack.last(n.lp);
        byte[] value = Listpack.get(n.lp, pos);
        deleteAt(n, pos);
        return value;
    }

    // ------------------------------------------------------------------------------ index

    /**
     * @param index 0 is the head, -1 the tail
     * @return a copy of the element, or {@code null} if out of range
     */
    public byte[] get(long index) {
        Cursor c = locate(index);
        return c == null ? null : Listpack.get(c.node.lp, c.pos);
    }

    /**
     * Replaces the element at {@code index}. A node that grows past its limit is split in two.
     *
     * @return false if the index is out of range
     */
    public boolean replace(long index, byte[] value, EncodingLimits limits) {
        Cursor c = locate(index);
        if (c == null) {
            return false;
        }
        Node n = c.node;
        n.lp = Listpack.replace(n.lp, c.pos, value);
        int entries = n.count();
        if (entries > 1 && !fits(limits, entries, n.lp.length)) {
            // too big now: give the new value a node of its own, then merge what fits
            Node target = n;
            if (c.offset + 1 < entries) {
                split(n, c.offset + 1);
            }
            if (c.offset > 0) {
                target = split(n, c.offset);
            }
            mergeAround(target, limits);
        }
        return true;
    }

    /**
     * Inserts {@code value} next to the element at {@code index}.
     *
     * @param after true to insert after it, false before
     * @return false if the index is out of range
     */
    public boolean insert(long index, byte[] value, boolean after, EncodingLimits limits) {
        Cursor c = locate(index);
        if (c == null) {
            return false;
        }
        Node n = c.node;
        if (allows(limits, n, value)) {
            n.lp = after ? Listpack.insertAfter(n.lp, c.pos, value) : Listpack.insertBefore(n.lp, c.pos, value);
            count++;
            return true;
        }
        int splitAt = after ? c.offset + 1 : c.offset; // entries [0, splitAt) come before the new one
        boolean atTail = splitAt == n.count();
        boolean atHead = splitAt == 0;
        if (atTail && n.next != null && allows(limits, n.next, value)) {
            n.next.lp = Listpack.prepend(n.next.lp, value);
        } else if (atHead && n.prev != null && allows(limits, n.prev, value)) {
            n.prev.lp = Listpack.append(n.prev.lp, value);
        } else if (atTail) {
            linkAfter(n, new Node(Listpack.append(Listpack.empty(), value)));
        } else if (atHead) {
            linkBefore(n, new Node(Listpack.append(Listpack.empty(), value)));
        } else {
            Node right = split(n, splitAt);
            if (allows(limits, n, value)) {
                n.lp = Listpack.append(n.lp, value);
            } else if (allows(limits, right, value)) {
                right.lp = Listpack.prepend(right.lp, value);
            } else {
                linkAfter(n, new Node(Listpack.append(Listpack.empty(), value)));
            }
            count++;
            mergeAround(n, limits);
            return true;
        }
        count++;
        return true;
    }

    // ----------------------------------------------------------------------------- delete

    /**
     * Deletes up to {@code n} elements from {@code start} on: whole nodes are unlinked, partly
     * covered nodes lose a range of their listpack.
     *
     * <p>Redis: {@code quicklist.c}, {@code quicklistDelRange}.
     *
     * @param start 0 is the head, negative counts from the tail
     * @param n how many, &ge; 0
     * @return how many were deleted
     */
    public long deleteRange(long start, long n) {
        Cursor c = locate(start);
        if (c == null || n <= 0) {
            return 0;
        }
        long remaining = n;
        Node node = c.node;
        int offset = c.offset;
        while (remaining > 0 && node != null) {
            Node next = node.next;
            int entries = node.count();
            int del = (int) Math.min(remaining, entries - offset);
            if (offset == 0 && del == entries) {
                unlink(node);
            } else {
                node.lp = Listpack.deleteRange(node.lp, offset, del);
            }
            remaining -= del;
            count -= del;
            node = next;
            offset = 0;
        }
        return n - remaining;
    }

    /**
     * Deletes elements equal to {@code value}: the first {@code limit} from the head if positive,
     * the last {@code -limit} from the tail if negative, all of them if 0 (LREM).
     *
     * @return how many were deleted
     */
    public long removeMatching(byte[] value, long limit) {
        long removed = 0;
        boolean forward = limit >= 0;
        long max = limit == 0 ? Long.MAX_VALUE : Math.abs(limit);
        Node node = forward ? head : tail;
        while (node != null && removed < max) {
            Node following = forward ? node.next : node.prev;
            int pos = forward ? Listpack.first(node.lp) : Listpack.last(node.lp);
            while (pos >= 0 && removed < max) {
                if (Listpack.equalsAt(node.lp, pos, value)) {
                    node.lp = Listpack.delete(node.lp, pos);
                    removed++;
                    count--;
                    if (forward) {
                        // the next entry has moved to pos
                        pos = node.lp[pos] == (byte) Listpack.END ? -1 : pos;
                    } else {
                        pos = Listpack.prev(node.lp, pos);
                    }
                } else {
                    pos = forward ? Listpack.next(node.lp, pos) : Listpack.prev(node.lp, pos);
                }
            }
            if (node.count() == 0) {
                unlink(node);
            }
            node = following;
        }
        return removed;
    }

    // ------------------------------------------------------------------------------ reads

    /**
     * Visits elements from {@code start}, towards the tail or the head, until the visitor says stop
     * or the list ends. Each element is a copy.
     *
     * @param start 0 is the head, negative counts from the tail; out of range visits nothing
     * @param forward true towards the tail
     */
    public void walk(long start, boolean forward, ElementVisitor visitor) {
        Cursor c = locate(start);
        if (c == null) {
            return;
        }
        Node node = c.node;
        int pos = c.pos;
        while (true) {
            if (!visitor.visit(Listpack.get(node.lp, pos))) {
                return;
            }
            pos = forward ? Listpack.next(node.lp, pos) : Listpack.prev(node.lp, pos);
            while (pos < 0) {
                node = forward ? node.next : node.prev;
                if (node == null) {
                    return;
                }
                pos = forward ? Listpack.first(node.lp) : Listpack.last(node.lp);
            }
        }
    }

    /** Gives each element, a copy, to {@code action}, head to tail. */
    public void forEach(Consumer<byte[]> action) {
        for (Node n = head; n != null; n = n.next) {
            Listpack.forEach(n.lp, action);
        }
    }

    /** @return a deep copy: new nodes and new listpack arrays */
    public Quicklist copy() {
        Quicklist q = new Quicklist();
        for (Node n = head; n != null; n = n.next) {
            q.linkAfter(q.tail, new Node(n.lp.clone()));
        }
        q.count = count;
        return q;
    }

    // -------------------------------------------------------------------------- internals

    /** Finds the node and position of an index, walking the nodes from the nearer end. */
    private Cursor locate(long index) {
        if (index < 0) {
            index += count;
        }
        if (index < 0 || index >= count) {
            return null;
        }
        Node n;
        long offset;
        if (index < count / 2) {
            n = head;
            offset = index;
            while (offset >= n.count()) {
                offset -= n.count();
                n = n.next;
            }
        } else {
            n = tail;
            long fromTail = count - 1 - index; // 0 for the last element
            while (fromTail >= n.count()) {
                fromTail -= n.count();
                n = n.prev;
            }
            offset = n.count() - 1 - fromTail;
        }
        return new Cursor(n, Listpack.seek(n.lp, offset), (int) offset);
    }

    private static boolean allows(EncodingLimits limits, Node n, byte[] value) {
        return limits.nodeAllows(n.count(), n.lp.length, Listpack.entrySize(value));
    }

    /** Whether a node of {@code entries} entries and {@code bytes} bytes is within the limit. */
    static boolean fits(EncodingLimits limits, int entries, int bytes) {
        return limits.nodeAllows(entries - 1, bytes, 0);
    }

    /** Deletes the entry at {@code pos} of {@code n}; unlinks the node if it empties. */
    private void deleteAt(Node n, int pos) {
        if (n.count() == 1) {
            unlink(n);
        } else {
            n.lp = Listpack.delete(n.lp, pos);
        }
        count--;
    }

    /**
     * Splits {@code n}: its first {@code at} entries stay, the rest go to a new node linked after
     * it. Redis: {@code _quicklistSplitNode}.
     *
     * @return the new node
     */
    private Node split(Node n, int at) {
        int entries = n.count();
        Node right = new Node(Listpack.deleteRange(n.lp, 0, at));
        n.lp = Listpack.deleteRange(n.lp, at, entries - at);
        linkAfter(n, right);
        return right;
    }

    /**
     * Merges {@code center}'s neighbourhood where two adjacent nodes fit in one: the two nodes
     * before it, the two after it, then the center with each neighbour. Redis:
     * {@code _quicklistMergeNodes}.
     */
    private void mergeAround(Node center, EncodingLimits limits) {
        if (center.prev != null && center.prev.prev != null) {
            tryMerge(center.prev.prev, center.prev, limits);
        }
        if (center.next != null && center.next.next != null) {
            tryMerge(center.next, center.next.next, limits);
        }
        Node before = center.prev;
        if (before != null && tryMerge(before, center, limits)) {
            center = before; // center's entries are now at the end of the node before it
        }
        if (center.next != null) {
            tryMerge(center, center.next, limits);
        }
    }

    /** Moves {@code b}'s entries to the end of {@code a} and unlinks {@code b}, if they fit. */
    private boolean tryMerge(Node a, Node b, EncodingLimits limits) {
        int entries = a.count() + b.count();
        int bytes = a.lp.length + b.lp.length - Listpack.HEADER_SIZE - 1;
        if (!fits(limits, entries, bytes)) {
            return false;
        }
        a.lp = Listpack.merge(a.lp, b.lp);
        unlink(b);
        return true;
    }

    private void linkAfter(Node at, Node n) {
        if (at == null) { // at the head of an empty list
            n.next = head;
            if (head != null) {
                head.prev = n;
            }
            head = n;
            if (tail == null) {
                tail = n;
            }
        } else {
            n.prev = at;
            n.next = at.next;
            if (at.next != null) {
                at.next.prev = n;
            } else {
                tail = n;
            }
            at.next = n;
        }
        nodes++;
    }

    private void linkBefore(Node at, Node n) {
        if (at == null) {
            linkAfter(null, n);
            return;
        }
        n.next = at;
        n.prev = at.prev;
        if (at.prev != null) {
            at.prev.next = n;
        } else {
            head = n;
        }
        at.prev = n;
        nodes++;
    }

    private void unlink(Node n) {
        if (n.prev != null) {
            n.prev.next = n.next;
        } else {
            head = n.next;
        }
        if (n.next != null) {
            n.next.prev = n.prev;
        } else {
            tail = n.prev;
        }
        n.prev = null;
        n.next = null;
        nodes--;
    }
}
