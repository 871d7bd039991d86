package dev.redisfromscratch.sets;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.function.LongConsumer;
import java.util.random.RandomGenerator;

/**
 * Redis's intset: a set of 64-bit integers kept as one sorted array of fixed-width little-endian
 * slots, all of one width, the narrowest that holds every member. An intset is one
 * {@code byte[]}, and this class is the static functions over it, as {@code encoding.Listpack} is
 * for a listpack: there is no intset object.
 *
 * <h2>Layout</h2>
 * <pre>
 *   +----------+----------+-----+------------+-------+
 *   | member 0 | member 1 | ... | member n-1 | width |
 *   +----------+----------+-----+------------+-------+
 *     width bytes each, little-endian, ascending      1 byte: 2, 4 or 8
 *
 *   array length = n × width + 1        n = size(is) = (length - 1) / width
 *   member i at offset i × width
 *
 *   width 2 (int16):  [ -3 ][ 7 ][ 120 ][2]                  7 bytes
 *   is = add(is, 70000): every slot rewritten at width 4, then 70000 goes in last:
 *   width 4 (int32):  [ -3 ][ 7 ][ 120 ][ 70000 ][4]         17 bytes
 * </pre>
 *
 * <p><b>Why this layout.</b> Redis's intset is one allocation: an 8-byte header (the width and the
 * number of members, two {@code uint32_t}) and then the slots. Here the array's own header (16
 * bytes with compressed oops) already holds the length, from which the number of members follows,
 * so only the width needs a byte of its own. It is the <i>last</i> byte, not the first, for
 * {@link SetValue}: a listpack always ends with its end marker 0xFF, an intset with 2, 4 or 8, so a
 * set holding one {@code byte[]} can tell which encoding it holds from that byte, and needs no
 * second field (see {@link SetValue}'s class comment). With the width at the end, member {@code i}
 * is at offset {@code i × width}, with nothing to skip. A {@code short[]}/{@code int[]}/
 * {@code long[]} chosen by width would need a branch (or a subclass) per width at every access;
 * a {@code byte[]} read through one {@link VarHandle} per width is one code path, and is the
 * layout of the slots in Redis's RDB files. A {@code long[]} for every width would cost up to 4
 * times Redis's bytes.
 *
 * <p><b>Changes return a new array.</b> Every change allocates an array of exactly the new size
 * (Redis reallocates: {@code is = intsetAdd(is, value, &success)}), so callers write
 * {@code is = IntSet.add(is, value)}. {@link #add} and {@link #remove} return the very array they
 * were given when nothing changes, so {@code IntSet.add(is, v) != is} says whether {@code v} was
 * added. An array is never changed in place once built, so arrays may be shared; {@link #copy}
 * exists for callers that want an array of their own.
 *
 * <p><b>Costs.</b> {@link #contains} is a binary search, O(log n). {@link #add} and
 * {@link #remove} find the slot by binary search and then copy the array (O(n), as Redis's
 * {@code zrealloc} and {@code memmove} do): fine for the few hundred members an intset holds
 * ({@code set-max-intset-entries}, 512 by default). Adding a member wider than the current width
 * upgrades every slot; it is necessarily the smallest or the largest member, so it goes at one end.
 * The width never shrinks, as in Redis.
 *
 * <p>Redis: {@code intset.c} ({@code intsetNew}, {@code intsetAdd}, {@code intsetUpgradeAndAdd},
 * {@code intsetSearch}, {@code intsetRemove}, {@code intsetFind}, {@code intsetRandom},
 * {@code _intsetValueEncoding}); {@code intset.h}, {@code struct intset}.
 */
public final class IntSet {
    /** Slot width for members in the int16 range, bytes. */
    public static final int INT16 = 2;
    /** Slot width for members in the int32 range, bytes. */
    public static final int INT32 = 4;
    /** Slot width for any other member, bytes. */
    public static final int INT64 = 8;
    /** Bytes after the slots: the width. */
    public static final int TRAILER_SIZE = 1;

    private static final VarHandle SHORT = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private IntSet() {
    }

    // ------------------------------------------------------------------------------------ sizes

    /** @return an intset with no members, of width {@link #INT16}: one byte, the width (Redis: {@code intsetNew}) */
    public static byte[] empty() {
        return new byte[] {INT16};
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

    /** @return the slot width of intset {@code is}, bytes: 2, 4 or 8, its last byte */
    public static int width(byte[] is) {
        return is[is.length - TRAILER_SIZE];
    }

    /** @return the number of members of intset {@code is}: the slots' bytes over the width */
    public static int size(byte[] is) {
        return (is.length - TRAILER_SIZE) / width(is);
    }

    /**
     * @return the bytes the members take, {@code size × width}, without the width byte (Redis adds
     *     its 8-byte header; {@code is.length} is this plus 1)
     */
    public static int contentBytes(byte[] is) {
        return is.length - TRAILER_SIZE;
    }

    // ------------------------------------------------------------------------------------ reads

    /**
     * @param index 0 to {@code size(is) - 1}
     * @return the member at {@code index} in ascending order
     */
    public static long get(byte[] is, int index) {
        return read(is, width(is), index);
    }

    /** @return the smallest member; the set must not be empty */
    public static long min(byte[] is) {
        return get(is, 0);
    }

    /** @return the largest member; the set must not be empty */
    public static long max(byte[] is) {
        return get(is, size(is) - 1);
    }

    /**
     * Whether {@code value} is a member of intset {@code is}: a value wider than the set's
     * {@link #width} cannot be (Redis checks that first), otherwise a binary search over the
     * {@link #size} slots, slot {@code i} being the {@link #width}-byte little-endian integer at
     * offset {@code i × width} ({@link #get}).
     *
     * <p>Redis: {@code intset.c}, {@code intsetFind}.
     *
     * @param is an intset (the layout in the class comment)
     * @param value the integer to look for
     * @return true if it is a member
     */
    public static boolean contains(byte[] is, long value) {
        // BEGIN SOLUTION
        return widthOf(value) <= width(is) && search(is, value) >= 0;
        // END SOLUTION
        // STUB: throw new UnsupportedOperationException("TODO(lab6): stage 2: IntSet.contains(is, value): a value wider than width(is) is absent, else binary search the slots");
    }

    /**
     * Adds {@code value} to intset {@code is} if it is not already a member, keeping the members in
     * ascending order, and returns the intset to use from now on.
     *
     * <ol>
     *   <li>If {@code value} needs a wider slot than {@link #width}{@code (is)} ({@link #widthOf}),
     *       a new array holds every member rewritten at the new width, and {@code value} goes first
     *       if it is negative, last if not: being wider than every member, it is smaller or larger
     *       than all of them.</li>
     *   <li>Otherwise binary search for it: if found, nothing changes and {@code is} itself is
     *       returned; if not, the search ends at the slot where it belongs, and a new array holds the
     *       earlier members, {@code value}, then the later members one slot up.</li>
     * </ol>
     * A new array is exactly {@code (size + 1) × width + 1} bytes, its last byte the width (the
     * layout in the class comment); {@code is} itself is never changed.
     *
     * <p>Redis: {@code intset.c}, {@code intsetAdd}, {@code intsetUpgradeAndAdd}, {@code intsetSearch}.
     *
     * @param is an intset
     * @param value the integer to add
     * @return a new array holding {@code value} too, or {@code is} itself if {@code value} was
     *     already a member (so {@code add(is, v) != is} means "added")
     */
    public static byte[] add(byte[] is, long value) {
        // BEGIN SOLUTION
        int width = width(is);
        int needed = widthOf(value);
        int n = size(is);
        if (needed > width) {
            byte[] wider = new byte[(n + 1) * needed + TRAILER_SIZE];
            int offset = value < 0 ? 1 : 0; // the new member goes first if negative, last if not
            for (int i = 0; i < n; i++) {
                write(wider, needed, i + offset, read(is, width, i));
            }
            write(wider, needed, value < 0 ? 0 : n, value);
            wider[wider.length - TRAILER_SIZE] = (byte) needed; // the trailer: the new width
            return wider;
        }
        int at = search(is, value);
        if (at >= 0) {
            return is;
        }
        int slot = -at - 1;
        byte[] grown = new byte[(n + 1) * width + TRAILER_SIZE];
        System.arraycopy(is, 0, grown, 0, slot * width);                               // members before the slot
        System.arraycopy(is, slot * width, grown, (slot + 1) * width, (n - slot) * width + TRAILER_SIZE); // after it, and the width
        write(grown, width, slot, value);
        return grown;
        // END SOLUTION
        // STUB: throw new UnsupportedOperationException("TODO(lab6): stage 2: IntSet.add(is, value): upgrade every slot to a wider width (value at one end), else binary search and insert in order; return is if already there");
    }

    /**
     * Removes {@code value} from intset {@code is} if it is a member; the width stays as it is.
     *
     * <p>Redis: {@code intset.c}, {@code intsetRemove}.
     *
     * @param is an intset
     * @param value the integer to remove
     * @return a new array without {@code value} ({@code size - 1} slots and the width byte), or
     *     {@code is} itself if it was not a member (so {@code remove(is, v) != is} means "removed")
     */
    public static byte[] remove(byte[] is, long value) {
        int width = width(is);
        if (widthOf(value) > width) {
            return is;
        }
        int at = search(is, value);
        if (at < 0) {
            return is;
        }
        byte[] shrunk = new byte[is.length - width];
        System.arraycopy(is, 0, shrunk, 0, at * width);
        System.arraycopy(is, (at + 1) * width, shrunk, at * width, shrunk.length - at * width); // later members, the width
        return shrunk;
    }

    /**
     * @param random the source of randomness
     * @return a member chosen uniformly; the set must not be empty (Redis: {@code intsetRandom})
     */
    public static long random(byte[] is, RandomGenerator random) {
        return get(is, random.nextInt(size(is)));
    }

    /** Calls {@code action} with every member of intset {@code is}, in ascending order. */
    public static void forEach(byte[] is, LongConsumer action) {
        int width = width(is);
        int n = size(is);
        for (int i = 0; i < n; i++) {
            action.accept(read(is, width, i));
        }
    }

    /** @return the members in ascending order, a new array */
    public static long[] toArray(byte[] is) {
        long[] all = new long[size(is)];
        for (int i = 0; i < all.length; i++) {
            all[i] = get(is, i);
        }
        return all;
    }

    /** @return an independent copy, of the same width: the array's clone */
    public static byte[] copy(byte[] is) {
        return is.clone();
    }

    /** @return e.g. {@code IntSet(width 2)[-3, 7, 120]} */
    public static String toString(byte[] is) {
        return "IntSet(width " + width(is) + ")" + Arrays.toString(toArray(is));
    }

    // ------------------------------------------------------------------------------------ slots

    /**
     * Binary search over the slots (Redis: {@code intsetSearch}).
     *
     * @return the index of {@code value}, or {@code -(insertion point) - 1} if absent, as
     *     {@link Arrays#binarySearch(long[], long)} answers
     */
    private static int search(byte[] is, long value) {
        int width = width(is);
        int low = 0;
        int high = size(is) - 1;
        while (low <= high) {
            int mid = (low + high) >>> 1;
            long v = read(is, width, mid);
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

    /** Slot {@code index}: {@code width} bytes, little-endian, at offset {@code index × width}. */
    private static long read(byte[] is, int width, int index) {
        return switch (width) {
            case INT16 -> (short) SHORT.get(is, index * INT16);
            case INT32 -> (int) INT.get(is, index * INT32);
            default -> (long) LONG.get(is, index * INT64);
        };
    }

    /** Writes slot {@code index}: {@code width} bytes, little-endian, at offset {@code index × width}. */
    private static void write(byte[] is, int width, int index, long value) {
        switch (width) {
            case INT16 -> SHORT.set(is, index * INT16, (short) value);
            case INT32 -> INT.set(is, index * INT32, (int) value);
            default -> LONG.set(is, index * INT64, value);
        }
    }
}
