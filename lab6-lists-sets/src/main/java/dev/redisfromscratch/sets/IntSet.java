package dev.redisfromscratch.sets;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.function.LongConsumer;
import java.util.random.RandomGenerator;

/**
 * Redis's intset: a set of 64-bit integers kept as one sorted array of fixed-width little-endian
 * slots, all of one width, the narrowest that holds every member.
 *
 * <pre>
 *   width 2 (int16):  [ -3 ][ 7 ][ 120 ]                 6 bytes
 *   add(70000)        the array is rewritten at width 4, then 70000 goes in:
 *   width 4 (int32):  [ -3 ][ 7 ][ 120 ][ 70000 ]        16 bytes
 * </pre>
 *
 * <p><b>Why one {@code byte[]}.</b> Redis stores an intset as a header (the width and the length,
 * 8 bytes) followed by exactly {@code length × width} bytes, reallocated to size on every change.
 * A {@code byte[]} of exactly {@code length × width} bytes is the same thing: the array's own
 * header (16 bytes with compressed oops) holds the length, and this object holds the width. A
 * {@code short[]}/{@code int[]}/{@code long[]} chosen by width would cost the same bytes, but needs
 * a branch (or a subclass) per width at every access; a {@code byte[]} read through one
 * {@link VarHandle} per width is one code path, and is the layout Redis writes into its RDB files.
 * A {@code long[]} for every width would cost up to 4 times Redis's bytes.
 *
 * <p><b>Costs.</b> {@link #contains} is a binary search, O(log n). {@link #add} and
 * {@link #remove} find the slot by binary search and then copy the array (O(n), as Redis's
 * {@code zrealloc} and {@code memmove} do): fine for the few hundred members an intset holds
 * ({@code set-max-intset-entries}, 512 by default). Adding a member wider than the current width
 * upgrades every slot; it is necessarily the smallest or the largest member, so it goes at one end.
 * The width never shrinks, as in Redis.
 *
 * <p>Not thread-safe.
 *
 * <p>Redis: {@code intset.c} ({@code intsetAdd}, {@code intsetUpgradeAndAdd}, {@code intsetSearch},
 * {@code intsetRemove}, {@code intsetFind}, {@code intsetRandom}, {@code _intsetValueEncoding}).
 */
public final class IntSet {
    /** Slot width for members in the int16 range, bytes. */
    public static final int INT16 = 2;
    /** Slot width for members in the int32 range, bytes. */
    public static final int INT32 = 4;
    /** Slot width for any other member, bytes. */
    public static final int INT64 = 8;

    private static final VarHandle SHORT = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final byte[] EMPTY = new byte[0];

    private byte[] contents = EMPTY; // length × width bytes, members in ascending order
    private byte width = INT16;

    /** An empty intset, of width {@link #INT16}. */
    public IntSet() {
    }

    private IntSet(byte[] contents, byte width) {
        this.contents = contents;
        this.width = width;
    }

    /**
     * @param value a member
     * @return the narrowest slot width that holds it: {@link #INT16}, {@link #INT32} or {@link #INT64}
     *     (Redis: {@code _intsetValueEncoding})
     */
    public static int widthOf(long value) {
        if (value < Integer.MIN_VALUE || value > Integer.MAX_VALUE) {
            return INT64;
        }
        if (value < Short.MIN_VALUE || value > Short.MAX_VALUE) {
            return INT32;
        }
        return INT16;
    }

    /** @return the number of members */
    public int size() {
        return contents.length / width;
    }

    /** @return the slot width, bytes: 2, 4 or 8 */
    public int width() {
        return width;
    }

    /** @return the bytes the members take, {@code size() × width()} (Redis adds its 8-byte header) */
    public int contentBytes() {
        return contents.length;
    }

    /**
     * @param index 0 to {@code size() - 1}
     * @return the member at {@code index} in ascending order
     */
    public long get(int index) {
        return read(contents, width, index);
    }

    /** @return the smallest member; the set must not be empty */
    public long min() {
        return get(0);
    }

    /** @return the largest member; the set must not be empty */
    public long max() {
        return get(size() - 1);
    }

    /**
     * Whether {@code value} is a member: a value wider than the set's width cannot be (Redis checks
     * that first), otherwise a binary search.
     *
     * <p>Redis: {@code intset.c}, {@code intsetFind}.
     *
     * @param value the integer to look for
     * @return true if it is a member
     */
    public boolean contains(long value) {
        // BEGIN SOLUTION
        return widthOf(value) <= width && search(value) >= 0;
        // END SOLUTION
        // STUB: throw new UnsupportedOperationException("TODO(lab6): stage 2: IntSet.contains: a value wider than the width is absent, else binary search");
    }

    /**
     * Adds {@code value} if it is not already a member, keeping the members in ascending order.
     *
     * <ol>
     *   <li>If {@code value} needs a wider slot than {@link #width()} ({@link #widthOf}), every member
     *       is rewritten at the new width, and {@code value} goes first if it is negative, last if
     *       not: being wider than every member, it is smaller or larger than all of them.</li>
     *   <li>Otherwise binary search for it: if found, nothing changes; if not, the search ends at the
     *       slot where it belongs, and it is inserted there, the later members moving up one slot.</li>
     * </ol>
     * The array is always exactly {@code size() × width()} bytes (a new array on each change, as
     * Redis reallocates).
     *
     * <p>Redis: {@code intset.c}, {@code intsetAdd}, {@code intsetUpgradeAndAdd}, {@code intsetSearch}.
     *
     * @param value the integer to add
     * @return true if it was added, false if it was already a member
     */
    public boolean add(long value) {
        // BEGIN SOLUTION
        int needed = widthOf(value);
        int n = size();
        if (needed > width) {
            byte[] wider = new byte[(n + 1) * needed];
            int offset = value < 0 ? 1 : 0; // the new member goes first if negative, last if not
            for (int i = 0; i < n; i++) {
                write(wider, needed, i + offset, read(contents, width, i));
            }
            write(wider, needed, value < 0 ? 0 : n, value);
            contents = wider;
            width = (byte) needed;
            return true;
        }
        int at = search(value);
        if (at >= 0) {
            return false;
        }
        int slot = -at - 1;
        byte[] grown = new byte[(n + 1) * width];
        System.arraycopy(contents, 0, grown, 0, slot * width);
        System.arraycopy(contents, slot * width, grown, (slot + 1) * width, (n - slot) * width);
        write(grown, width, slot, value);
        contents = grown;
        return true;
        // END SOLUTION
        // STUB: throw new UnsupportedOperationException("TODO(lab6): stage 2: IntSet.add: upgrade the width if needed, else binary search and insert in order");
    }

    /**
     * Removes {@code value} if it is a member; the width stays as it is.
     *
     * <p>Redis: {@code intset.c}, {@code intsetRemove}.
     *
     * @return true if it was removed
     */
    public boolean remove(long value) {
        if (widthOf(value) > width) {
            return false;
        }
        int at = search(value);
        if (at < 0) {
            return false;
        }
        int n = size();
        byte[] shrunk = n == 1 ? EMPTY : new byte[(n - 1) * width];
        System.arraycopy(contents, 0, shrunk, 0, at * width);
        System.arraycopy(contents, (at + 1) * width, shrunk, at * width, (n - at - 1) * width);
        contents = shrunk;
        return true;
    }

    /**
     * @param random the source of randomness
     * @return a member chosen uniformly; the set must not be empty (Redis: {@code intsetRandom})
     */
    public long random(RandomGenerator random) {
        return get(random.nextInt(size()));
    }

    /** Calls {@code action} with every member, in ascending order. The set must not change meanwhile. */
    public void forEach(LongConsumer action) {
        int n = size();
        for (int i = 0; i < n; i++) {
            action.accept(read(contents, width, i));
        }
    }

    /** @return the members in ascending order, a new array */
    public long[] toArray() {
        long[] all = new long[size()];
        for (int i = 0; i < all.length; i++) {
            all[i] = get(i);
        }
        return all;
    }

    /** @return an independent copy, of the same width */
    public IntSet copy() {
        return new IntSet(contents.length == 0 ? EMPTY : contents.clone(), width);
    }

    @Override
    public String toString() {
        return "IntSet(width " + width + ")" + Arrays.toString(toArray());
    }

    /**
     * Binary search over the slots (Redis: {@code intsetSearch}).
     *
     * @return the index of {@code value}, or {@code -(insertion point) - 1} if absent, as
     *     {@link Arrays#binarySearch(long[], long)} answers
     */
    private int search(long value) {
        int low = 0;
        int high = size() - 1;
        while (low <= high) {
            int mid = (low + high) >>> 1;
            long v = read(contents, width, mid);
            if (v < value) {
                low = mid + 1;
            } else if (v > value) {
                high = mid - 1;
            } else {
                return mid;
            }
        }
        return -(low + 1);
    }

    private static long read(byte[] a, int width, int index) {
        return switch (width) {
            case INT16 -> (short) SHORT.get(a, index * INT16);
            case INT32 -> (int) INT.get(a, index * INT32);
            default -> (long) LONG.get(a, index * INT64);
        };
    }

    private static void write(byte[] a, int width, int index, long value) {
        switch (width) {
            case INT16 -> SHORT.set(a, index * INT16, (short) value);
            case INT32 -> INT.set(a, index * INT32, (int) value);
            default -> LONG.set(a, index * INT64, value);
        }
    }
}
