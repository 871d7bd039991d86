package dev.redisfromscratch.replication;

/**
 * The replication backlog: the last {@code repl-backlog-size} bytes of the command stream, kept in
 * a circular buffer so that a replica whose link dropped can continue from where it was
 * ({@code PSYNC <replid> <offset>} answered {@code +CONTINUE}) instead of loading a full snapshot.
 *
 * <pre>
 *   stream offsets:   1 ............ first ................. first + histlen - 1 (= the primary's offset)
 *                                    [ held: histlen bytes, at most capacity ]
 *   buffer:           [ ...newest | oldest ............... ]    (wraps: the next byte goes at {@code next})
 * </pre>
 *
 * <p>Offsets are those of {@code master_repl_offset}: the stream's first byte has offset 1, so
 * a backlog created when the primary's offset is {@code o} holds bytes from {@code o + 1}. A
 * replica that has applied up to offset {@code r} asks for {@code r + 1}, the next byte it needs.
 *
 * <p>Used on the server thread only.
 *
 * <p>Redis: {@code replication.c}, {@code createReplicationBacklog}, {@code feedReplicationBuffer},
 * {@code addReplyReplicationBacklog}, {@code resizeReplicationBacklog}; {@code server.h},
 * {@code replBacklog} ({@code offset}, {@code histlen}). Redis 7.0 keeps the backlog as a list of
 * blocks shared with the replicas' output buffers; a single circular array is Redis 6's layout,
 * simpler and the same from outside.
 */
public final class Backlog {
    private byte[] buf;
    /** Where the next byte is written. */
    private int next;
    /** How many bytes are held (at most {@code buf.length}). */
    private int histlen;
    /** The stream offset of the oldest byte held ({@code repl_backlog_first_byte_offset}). */
    private long first;

    /**
     * @param capacity bytes kept, at least 1 ({@code repl-backlog-size})
     * @param primaryOffset the primary's offset now: the first byte appended will have offset
     *     {@code primaryOffset + 1}
     * @throws IllegalArgumentException if {@code capacity < 1}
     */
    public Backlog(int capacity, long primaryOffset) {
        if (capacity < 1) {
            throw new IllegalArgumentException("backlog capacity " + capacity);
        }
        buf = new byte[capacity];
        first = primaryOffset + 1;
    }

    /** @return the buffer's size in bytes ({@code repl-backlog-size}) */
    public int capacity() {
        return buf.length;
    }

    /** @return the stream offset of the oldest byte held ({@code repl_backlog_first_byte_offset}) */
    public long firstByteOffset() {
        return first;
    }

    /** @return how many bytes are held ({@code repl_backlog_histlen}) */
    public int historyLength() {
        return histlen;
    }

    /** @return the offset of the newest byte held: the primary's offset ({@code master_repl_offset}) */
    public long endOffset() {
        return first + histlen - 1;
    }

    /**
     * Appends bytes of the stream; once full, each new byte overwrites the oldest. (Given: a
     * replica appends its primary's stream to its own backlog from stage 1 on.)
     *
     * @param src the bytes
     * @param off where they start in {@code src}
     * @param len how many, at least 0
     */
    public void append(byte[] src, int off, int len) {
        int cap = buf.length;
        if (len >= cap) { // only the last cap bytes survive
            long dropped = (long) histlen + len - cap;
            System.arraycopy(src, off + len - cap, buf, 0, cap);
            next = 0;
            histlen = cap;
            first += dropped;
            return;
        }
        int tail = Math.min(len, cap - next); // up to the end of the array, then from its start
        System.arraycopy(src, off, buf, next, tail);
        System.arraycopy(src, off + tail, buf, 0, len - tail);
        next = (next + len) % cap;
        int grown = histlen + len;
        if (grown > cap) {
            first += grown - cap; // the oldest bytes were overwritten
            grown = cap;
        }
        histlen = grown;
    }

    /**
     * Whether a replica asking for the stream from {@code offset} can be served from here: the
     * oldest byte it needs is still held, and it does not ask for bytes the stream has not
     * produced yet. Asking for exactly the next byte to come ({@code endOffset() + 1}) is
     * covered: there is nothing to send yet.
     *
     * <p>Redis: {@code masterTryPartialResynchronization} ("for lack of backlog").
     *
     * @param offset the next byte the replica needs ({@code PSYNC}'s offset: its own offset + 1)
     */
    public boolean covers(long offset) {
        // BEGIN SOLUTION
        return offset >= first && offset <= first + histlen;
        // END SOLUTION
        // STUB: throw new UnsupportedOperationException("TODO(lab8): stage 2: Backlog.covers: is first <= offset <= first + histlen?");
    }

    /**
     * The stream from {@code offset} to the newest byte held, in order.
     *
     * <p>Redis: {@code addReplyReplicationBacklog}.
     *
     * @param offset a covered offset ({@link #covers})
     * @return {@code endOffset() + 1 - offset} bytes, possibly none
     * @throws IllegalArgumentException if the offset is not covered
     */
    public byte[] copyFrom(long offset) {
        if (!covers(offset)) {
            throw new IllegalArgumentException("offset " + offset + " not in the backlog ["
                    + first + ", " + (first + histlen) + "]");
        }
        // BEGIN SOLUTION
        int skip = (int) (offset - first);
        int len = histlen - skip;
        byte[] out = new byte[len];
        int cap = buf.length;
        int start = Math.floorMod(next - histlen + skip, cap); // where the oldest wanted byte is
        int tail = Math.min(len, cap - start);
        System.arraycopy(buf, start, out, 0, tail);
        System.arraycopy(buf, 0, out, tail, len - tail);
        return out;
        // END SOLUTION
        // STUB: throw new UnsupportedOperationException("TODO(lab8): stage 2: Backlog.copyFrom: copy histlen - (offset - first) bytes, starting that far after the oldest byte (wrapping)");
    }

    /**
     * Changes the capacity ({@code CONFIG SET repl-backlog-size}), keeping the newest bytes that fit.
     *
     * <p>Redis: {@code resizeReplicationBacklog}.
     *
     * @param capacity the new size in bytes, at least 1
     */
    public void resize(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("backlog capacity " + capacity);
        }
        if (capacity == buf.length) {
            return;
        }
        int keep = Math.min(histlen, capacity);
        byte[] held = copyFrom(first + histlen - keep);
        buf = new byte[capacity];
        System.arraycopy(held, 0, buf, 0, keep);
        first = first + histlen - keep;
        histlen = keep;
        next = keep % capacity;
    }
}
