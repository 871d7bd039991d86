package dev.redisfromscratch.encoding;

import java.util.Arrays;
import java.util.function.Consumer;

/**
 * A listpack: a sequence of byte strings packed into one {@code byte[]}, Redis's compact encoding
 * for small lists (and, in Redis 7.2, small sets and hashes). One array instead of one object per
 * element: no pointers, no object headers, and the whole value sits in a few cache lines.
 *
 * <h2>Layout</h2>
 * <pre>
 *   +-------------+---------+---------+-----+---------+------+
 *   | count (u32) | entry 0 | entry 1 | ... | entry n | 0xFF |
 *   +-------------+---------+---------+-----+---------+------+
 *     4 bytes, little-endian                            end marker
 *
 *   entry:  +-----------------+----------+----------+
 *           | encoding/length | payload  | backlen  |
 *           +-----------------+----------+----------+
 *             1, 2 or 5 bytes   0..n       1..5 bytes: the size of encoding + payload,
 *                                          written so that it can be read from its last byte
 * </pre>
 *
 * <p>The first byte of an entry says what follows (the same codes as Redis's listpack):
 * <pre>
 *   0xxxxxxx                         7-bit unsigned integer 0..127, no payload
 *   10xxxxxx                         string of 0..63 bytes (length in the 6 bits)
 *   110xxxxx yyyyyyyy                13-bit signed integer -4096..4095
 *   1110xxxx yyyyyyyy                string of 0..4095 bytes (12-bit length)
 *   11110000 [4-byte LE length]      string of any length
 *   11110001 [2 bytes LE]            16-bit signed integer
 *   11110010 [3 bytes LE]            24-bit signed integer
 *   11110011 [4 bytes LE]            32-bit signed integer
 *   11110100 [8 bytes LE]            64-bit signed integer
 *   11111111                         the end of the listpack (not an entry)
 * </pre>
 *
 * <p>A value that reads as a canonical decimal integer ({@code "12"}, {@code "-5"}; not
 * {@code "012"}, {@code "+1"} or {@code "-0"}) is stored as an integer and read back as the same
 * decimal bytes, so callers only ever see byte strings: the listpack is type-neutral.
 *
 * <p><b>backlen</b> holds the entry's encoding + payload size, L, in 7-bit groups, most significant
 * group first; every byte but the first has its high bit set. Read backwards from the entry's last
 * byte: take 7 bits, and while the byte read had its high bit set, step back and take 7 more. This
 * is what lets a listpack be walked from the tail ({@link #prev}).
 * <pre>
 *   L = 5      -> 0x05                  (1 byte, L &lt;= 127)
 *   L = 200    -> 0x01 0xC8             (0x01 = 200 &gt;&gt; 7, 0xC8 = (200 &amp; 127) | 0x80)
 * </pre>
 *
 * <p><b>Positions</b> are byte offsets of entries in the array ({@link #first}, {@link #next},
 * ...); -1 means "no entry". A position is valid until the listpack is changed. Every change
 * returns a new array (Redis reallocates in place: {@code lp = lpAppend(lp, ...)}), so callers
 * write {@code lp = Listpack.append(lp, value)}.
 *
 * <p>Redis: {@code listpack.c} ({@code lpInsert}, {@code lpEncodeBacklen}, {@code lpDecodeBacklen},
 * {@code lpSeek}, {@code lpFind}); the format is described in {@code listpack.md} of the
 * listpack repository.
 */
public final class Listpack {
    /** Bytes of the header: the entry count, a little-endian u32. */
    public static final int HEADER_SIZE = 4;
    /** The end marker's byte. */
    public static final int END = 0xFF;

    private static final byte[] EMPTY = {0, 0, 0, 0, (byte) END};

    private Listpack() {
    }

    // ------------------------------------------------------------------------------------ sizes

    /** @return a listpack with no entries: 5 bytes (header and end marker) */
    public static byte[] empty() {
        return EMPTY.clone();
    }

    /** @return the number of entries */
    public static int count(byte[] lp) {
        return (lp[0] & 0xFF) | (lp[1] & 0xFF) << 8 | (lp[2] & 0xFF) << 16 | (lp[3] & 0xFF) << 24;
    }

    /** @return the listpack's size in bytes, header and end marker included */
    public static int bytes(byte[] lp) {
        return lp.length;
    }

    /**
     * @return how many bytes {@code value} takes as an entry (encoding, payload and backlen): what
     *     appending it adds to {@link #bytes}
     */
    public static int entrySize(byte[] value) {
        int l = encodedLength(value);
        return l + backlenSize(l);
    }

    // --------------------------------------------------------------------------- positions

    /** @return the position of the first entry, or -1 if there is none */
    public static int first(byte[] lp) {
        return lp[HEADER_SIZE] == (byte) END ? -1 : HEADER_SIZE;
    }

    /** @return the position of the last entry, or -1 if there is none */
    public static int last(byte[] lp) {
        int end = lp.length - 1;
        return end == HEADER_SIZE ? -1 : prevOf(lp, end);
    }

    /** @return the position of the entry after the one at {@code pos}, or -1 at the end */
    public static int next(byte[] lp, int pos) {
        int n = pos + entryTotal(lp, pos);
        return lp[n] == (byte) END ? -1 : n;
    }

    /** @return the position of the entry before the one at {@code pos}, or -1 at the start */
    public static int prev(byte[] lp, int pos) {
        return pos == HEADER_SIZE ? -1 : prevOf(lp, pos);
    }

    /**
     * Finds the entry at {@code index}, walking from the nearer end.
     *
     * <p>Redis: {@code listpack.c}, {@code lpSeek}.
     *
     * @param index 0 is the first entry, -1 the last
     * @return its position, or -1 if the index is out of range
     */
    public static int seek(byte[] lp, long index) {
        int count = count(lp);
        if (index < 0) {
            index += count;
        }
        if (index < 0 || index >= count) {
            return -1;
        }
        if (index <= count / 2) {
            int pos = HEADER_SIZE;
            for (long i = 0; i < index; i++) {
                pos += entryTotal(lp, pos);
            }
            return pos;
        }
        int pos = lp.length - 1;
        for (long i = count; i > index; i--) {
            pos = prevOf(lp, pos);
        }
        return pos;
    }

    // ------------------------------------------------------------------------------- reads

    /** @return a copy of the value of the entry at {@code pos} (integers as their decimal bytes) */
    public static byte[] get(byte[] lp, int pos) {
        int b = lp[pos] & 0xFF;
        if ((b & 0x80) == 0) {
            return decimal(b);
        }
        if ((b & 0xC0) == 0x80) {
            return Arrays.copyOfRange(lp, pos + 1, pos + 1 + (b & 0x3F));
        }
        if ((b & 0xE0) == 0xC0) {
            int v = (b & 0x1F) << 8 | lp[pos + 1] & 0xFF;
            return decimal(v << 19 >> 19); // sign-extend 13 bits
        }
        if ((b & 0xF0) == 0xE0) {
            int len = (b & 0x0F) << 8 | lp[pos + 1] & 0xFF;
            return Arrays.copyOfRange(lp, pos + 2, pos + 2 + len);
        }
        switch (b) {
            case 0xF0: {
                int len = (int) readLe(lp, pos + 1, 4);
                return Arrays.copyOfRange(lp, pos + 5, pos + 5 + len);
            }
            case 0xF1: return decimal(readLe(lp, pos + 1, 2) << 48 >> 48);
            case 0xF2: return decimal(readLe(lp, pos + 1, 3) << 40 >> 40);
            case 0xF3: return decimal(readLe(lp, pos + 1, 4) << 32 >> 32);
            case 0xF4: return decimal(readLe(lp, pos + 1, 8));
            default: throw new IllegalStateException("no entry at " + pos + " (byte 0x" + Integer.toHexString(b) + ")");
        }
    }

    /**
     * @param index 0 is the first entry, -1 the last
     * @return a copy of that entry's value, or {@code null} if the index is out of range
     */
    public static byte[] getIndex(byte[] lp, long index) {
        int pos = seek(lp, index);
        return pos < 0 ? null : get(lp, pos);
    }

    /** @return whether the entry at {@code pos} holds exactly the bytes of {@code value} */
    public static boolean equalsAt(byte[] lp, int pos, byte[] value) {
        int b = lp[pos] & 0xFF;
        boolean entryIsString = (b & 0xC0) == 0x80 || (b & 0xF0) == 0xE0 || b == 0xF0;
        if (entryIsString) {
            int start = pos + headerSize(b);
            int len = encodedLength(lp, pos) - headerSize(b);
            return len == value.length && Arrays.equals(lp, start, start + len, value, 0, len);
        }
        // an integer entry holds a canonical decimal, so only a canonical decimal can equal it
        return isCanonicalInteger(value) && Arrays.equals(get(lp, pos), value);
    }

    /**
     * Finds the first entry equal to {@code value}, from the start.
     *
     * <p>Redis: {@code listpack.c}, {@code lpFind} (without its skip count).
     *
     * @return its position, or -1 if none
     */
    public static int find(byte[] lp, byte[] value) {
        for (int pos = first(lp); pos >= 0; pos = next(lp, pos)) {
            if (equalsAt(lp, pos, value)) {
                return pos;
            }
        }
        return -1;
    }

    /** Gives each value, a fresh copy, to {@code action}, first to last. */
    public static void forEach(byte[] lp, Consumer<byte[]> action) {
        for (int pos = first(lp); pos >= 0; pos = next(lp, pos)) {
            action.accept(get(lp, pos));
        }
    }

    // ------------------------------------------------------------------------------ writes

    /** @return {@code lp} with {@code value} added after its last entry */
    public static byte[] append(byte[] lp, byte[] value) {
        return insertAt(lp, lp.length - 1, value);
    }

    /** @return {@code lp} with {@code value} added before its first entry */
    public static byte[] prepend(byte[] lp, byte[] value) {
        return insertAt(lp, HEADER_SIZE, value);
    }

    /** @return {@code lp} with {@code value} inserted before the entry at {@code pos} */
    public static byte[] insertBefore(byte[] lp, int pos, byte[] value) {
        return insertAt(lp, pos, value);
    }

    /** @return {@code lp} with {@code value} inserted after the entry at {@code pos} */
    public static byte[] insertAfter(byte[] lp, int pos, byte[] value) {
        return insertAt(lp, pos + entryTotal(lp, pos), value);
    }

    /** @return {@code lp} without the entry at {@code pos} */
    public static byte[] delete(byte[] lp, int pos) {
        int size = entryTotal(lp, pos);
        byte[] out = new byte[lp.length - size];
        System.arraycopy(lp, 0, out, 0, pos);
        System.arraycopy(lp, pos + size, out, pos, lp.length - pos - size);
        writeCount(out, count(lp) - 1);
        return out;
    }

    /**
     * Deletes up to {@code count} entries from {@code index} on.
     *
     * <p>Redis: {@code listpack.c}, {@code lpDeleteRange}.
     *
     * @param index the first entry to delete; negative counts from the tail
     * @param count how many, &ge; 0; fewer are deleted if the listpack ends first
     * @return the listpack without them ({@code lp} itself if nothing is deleted)
     */
    public static byte[] deleteRange(byte[] lp, long index, long count) {
        int from = seek(lp, index);
        if (from < 0 || count <= 0) {
            return lp;
        }
        int to = from;
        int deleted = 0;
        while (deleted < count && lp[to] != (byte) END) {
            to += entryTotal(lp, to);
            deleted++;
        }
        byte[] out = new byte[lp.length - (to - from)];
        System.arraycopy(lp, 0, out, 0, from);
        System.arraycopy(lp, to, out, from, lp.length - to);
        writeCount(out, count(lp) - deleted);
        return out;
    }

    /** @return {@code lp} with the entry at {@code pos} holding {@code value} instead */
    public static byte[] replace(byte[] lp, int pos, byte[] value) {
        int oldSize = entryTotal(lp, pos);
        byte[] entry = encode(value);
        byte[] out = new byte[lp.length - oldSize + entry.length];
        System.arraycopy(lp, 0, out, 0, pos);
        System.arraycopy(entry, 0, out, pos, entry.length);
        System.arraycopy(lp, pos + oldSize, out, pos + entry.length, lp.length - pos - oldSize);
        return out;
    }

    /**
     * Joins two listpacks: {@code a}'s entries, then {@code b}'s.
     *
     * <p>Redis: {@code listpack.c}, {@code lpMerge}.
     *
     * @return a new listpack of {@code count(a) + count(b)} entries and
     *     {@code bytes(a) + bytes(b) - 5} bytes (one header and one end marker fewer)
     */
    public static byte[] merge(byte[] a, byte[] b) {
        byte[] out = new byte[a.length + b.length - HEADER_SIZE - 1];
        System.arraycopy(a, 0, out, 0, a.length - 1);
        System.arraycopy(b, HEADER_SIZE, out, a.length - 1, b.length - HEADER_SIZE);
        writeCount(out, count(a) + count(b));
        return out;
    }

    // ---------------------------------------------------------------------------- encoding

    private static byte[] insertAt(byte[] lp, int offset, byte[] value) {
        byte[] entry = encode(value);
        byte[] out = new byte[lp.length + entry.length];
        System.arraycopy(lp, 0, out, 0, offset);
        System.arraycopy(entry, 0, out, offset, entry.length);
        System.arraycopy(lp, offset, out, offset + entry.length, lp.length - offset);
        writeCount(out, count(lp) + 1);
        return out;
    }

    /** The whole entry for {@code value}: encoding byte(s), payload, backlen. */
    static byte[] encode(byte[] value) {
        int l = encodedLength(value);
        byte[] e = new byte[l + backlenSize(l)];
        if (isCanonicalInteger(value)) {
            long v = parseInteger(value);
            if (v >= 0 && v <= 127) {
                e[0] = (byte) v;                                   // 0xxxxxxx
            } else if (v >= -4096 && v <= 4095) {
                e[0] = (byte) (0xC0 | (int) (v >> 8) & 0x1F);      // 110xxxxx yyyyyyyy
                e[1] = (byte) v;
            } else if (v >= Short.MIN_VALUE && v <= Short.MAX_VALUE) {
                e[0] = (byte) 0xF1;                                // 16-bit, little-endian
                writeLe(e, 1, v, 2);
            } else if (v >= -(1 << 23) && v < (1 << 23)) {
                e[0] = (byte) 0xF2;                                // 24-bit
                writeLe(e, 1, v, 3);
            } else if (v >= Integer.MIN_VALUE && v <= Integer.MAX_VALUE) {
                e[0] = (byte) 0xF3;                                // 32-bit
                writeLe(e, 1, v, 4);
            } else {
                e[0] = (byte) 0xF4;                                // 64-bit
                writeLe(e, 1, v, 8);
            }
        } else {
            int n = value.length;
            int header;
            if (n <= 63) {
                e[0] = (byte) (0x80 | n);                          // 10xxxxxx
                header = 1;
            } else if (n <= 4095) {
                e[0] = (byte) (0xE0 | n >> 8);                     // 1110xxxx yyyyyyyy
                e[1] = (byte) n;
                header = 2;
            } else {
                e[0] = (byte) 0xF0;                                // 11110000 + u32 length
                writeLe(e, 1, n, 4);
                header = 5;
            }
            System.arraycopy(value, 0, e, header, n);
        }
        writeBacklen(e, l, l);
        return e;
    }

    /** Size of encoding + payload for a new entry holding {@code value}. */
    private static int encodedLength(byte[] value) {
        if (isCanonicalInteger(value)) {
            long v = parseInteger(value);
            if (v >= 0 && v <= 127) {
                return 1;
            } else if (v >= -4096 && v <= 4095) {
                return 2;
            } else if (v >= Short.MIN_VALUE && v <= Short.MAX_VALUE) {
                return 3;
            } else if (v >= -(1 << 23) && v < (1 << 23)) {
                return 4;
            } else if (v >= Integer.MIN_VALUE && v <= Integer.MAX_VALUE) {
                return 5;
            }
            return 9;
        }
        int n = value.length;
        return n <= 63 ? 1 + n : n <= 4095 ? 2 + n : 5 + n;
    }

    /** Size of encoding + payload of the entry at {@code pos}, read from its first byte. */
    private static int encodedLength(byte[] lp, int pos) {
        int b = lp[pos] & 0xFF;
        if ((b & 0x80) == 0) {
            return 1;
        }
        if ((b & 0xC0) == 0x80) {
            return 1 + (b & 0x3F);
        }
        if ((b & 0xE0) == 0xC0) {
            return 2;
        }
        if ((b & 0xF0) == 0xE0) {
            return 2 + ((b & 0x0F) << 8 | lp[pos + 1] & 0xFF);
        }
        switch (b) {
            case 0xF0: return 5 + (int) readLe(lp, pos + 1, 4);
            case 0xF1: return 3;
            case 0xF2: return 4;
            case 0xF3: return 5;
            case 0xF4: return 9;
            default: throw new IllegalStateException("no entry at " + pos);
        }
    }

    private static int headerSize(int firstByte) {
        if ((firstByte & 0xC0) == 0x80) {
            return 1;
        }
        if ((firstByte & 0xF0) == 0xE0) {
            return 2;
        }
        return 5; // 0xF0, the only other string encoding
    }

    /** Whole size of the entry at {@code pos}: encoding, payload and backlen. */
    private static int entryTotal(byte[] lp, int pos) {
        int l = encodedLength(lp, pos);
        return l + backlenSize(l);
    }

    private static int backlenSize(int l) {
        return l <= 127 ? 1 : l < 16383 ? 2 : l < 2097151 ? 3 : l < 268435455 ? 4 : 5;
    }

    /** Writes L's 7-bit groups, most significant first, high bit set on all but the first. */
    private static void writeBacklen(byte[] e, int at, int l) {
        int n = backlenSize(l);
        for (int i = n - 1; i >= 0; i--) {
            int group = l >>> (7 * (n - 1 - i)) & 0x7F;
            e[at + i] = (byte) (i == 0 ? group : group | 0x80);
        }
    }

    /** The position of the entry that ends just before {@code pos}, reading its backlen backwards. */
    private static int prevOf(byte[] lp, int pos) {
        int p = pos - 1;
        int l = 0;
        int shift = 0;
        while (true) {
            int b = lp[p] & 0xFF;
            l |= (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                break;
            }
            shift += 7;
            p--;
        }
        return pos - backlenSize(l) - l;
    }

    private static void writeCount(byte[] lp, int count) {
        lp[0] = (byte) count;
        lp[1] = (byte) (count >>> 8);
        lp[2] = (byte) (count >>> 16);
        lp[3] = (byte) (count >>> 24);
    }

    private static long readLe(byte[] b, int at, int n) {
        long v = 0;
        for (int i = n - 1; i >= 0; i--) {
            v = v << 8 | b[at + i] & 0xFF;
        }
        return v;
    }

    private static void writeLe(byte[] b, int at, long v, int n) {
        for (int i = 0; i < n; i++) {
            b[at + i] = (byte) (v >>> (8 * i));
        }
    }

    private static byte[] decimal(long v) {
        return Long.toString(v).getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    }

    /**
     * Whether {@code value} is a decimal integer as Redis's {@code string2ll} accepts it and prints
     * it back: optional {@code -}, digits without a leading zero (or just {@code 0}), within a
     * {@code long}, at most 20 bytes.
     */
    static boolean isCanonicalInteger(byte[] value) {
        int n = value.length;
        if (n == 0 || n > 20) {
            return false;
        }
        int i = 0;
        boolean negative = value[0] == '-';
        if (negative) {
            if (n == 1) {
                return false;
            }
            i = 1;
        }
        if (value[i] == '0') {
            return n == 1; // "0" only; "-0" and "012" stay strings
        }
        long v = 0;
        for (; i < n; i++) {
            int d = value[i] - '0';
            if (d < 0 || d > 9) {
                return false;
            }
            // accumulate as a negative number: its range holds Long.MIN_VALUE
            if (v < (Long.MIN_VALUE + d) / 10) {
                return false;
            }
            v = v * 10 - d;
        }
        return negative || v != Long.MIN_VALUE;
    }

    /** The value of a canonical integer (see {@link #isCanonicalInteger}). */
    private static long parseInteger(byte[] value) {
        boolean negative = value[0] == '-';
        long v = 0;
        for (int i = negative ? 1 : 0; i < value.length; i++) {
            v = v * 10 - (value[i] - '0');
        }
        return negative ? v : -v;
    }
}
