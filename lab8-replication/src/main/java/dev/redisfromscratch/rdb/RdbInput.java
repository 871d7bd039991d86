package dev.redisfromscratch.rdb;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The low level of {@link RdbReader}: bytes from a buffered stream, the offset of each, the CRC64
 * kept over everything consumed; lengths and strings in the RDB's encodings ({@link RdbFormat}).
 * Every failure is an {@link RdbFormatException} that says where.
 *
 * <p>It reads ahead, up to 64 KB past what it has consumed: the stream should hold the RDB alone
 * (a file, or a full resync's {@code <len>} bytes).
 *
 * <p>Redis: {@code rdb.c}, {@code rdbLoadLenByRef}, {@code rdbGenericLoadStringObject},
 * {@code rdbLoadIntegerObject}, {@code rdbLoadLzfStringObject}; {@code rio.c} (the checksum).
 */
final class RdbInput {
    private static final int BUFFER = 64 * 1024;

    private final InputStream in;
    private final byte[] buf = new byte[BUFFER];
    private int pos;
    private int limit;
    private long bufferStart; // the offset of buf[0]
    private long crc;
    private int crcFrom; // buf[crcFrom .. pos) is consumed but not yet in crc

    RdbInput(InputStream in) {
        this.in = in;
    }

    /** @return the offset of the next byte, from the start of the RDB */
    long offset() {
        return bufferStart + pos;
    }

    /** @return the CRC64 of every byte consumed so far */
    long crc() {
        crc = Crc64.update(crc, buf, crcFrom, pos - crcFrom);
        crcFrom = pos;
        return crc;
    }

    /** @return the next byte, 0..255 */
    int readByte() throws IOException {
        if (pos == limit && !fill()) {
            throw truncated();
        }
        return buf[pos++] & 0xFF;
    }

    /** @return the next {@code n} bytes */
    byte[] readBytes(long n) throws IOException {
        if (n > Integer.MAX_VALUE - 8) {
            throw new RdbFormatException("a string of " + n + " bytes at offset " + offset() + " is too big to load");
        }
        int length = (int) n;
        byte[] out = new byte[Math.min(length, 1 << 20)]; // grown as the bytes arrive: a corrupt length allocates little
        int done = 0;
        while (done < length) {
            if (pos == limit && !fill()) {
                throw truncated();
            }
            int chunk = Math.min(limit - pos, length - done);
            if (done + chunk > out.length) {
                out = Arrays.copyOf(out, (int) Math.min(length, Math.max(2L * out.length, done + chunk)));
            }
            System.arraycopy(buf, pos, out, done, chunk);
            pos += chunk;
            done += chunk;
        }
        return out;
    }

    /** @return an unsigned little-endian number of {@code n} bytes (n &lt;= 8) */
    long readLittleEndian(int n) throws IOException {
        long v = 0;
        for (int i = 0; i < n; i++) {
            v |= (long) readByte() << (8 * i);
        }
        return v;
    }

    /**
     * Reads a length ({@link RdbFormat}: 6, 14, 32 or 64 bits).
     *
     * @throws RdbFormatException if a special string encoding ({@code 11xxxxxx}) is found instead,
     *     or the length's marker byte is not one
     */
    long readLength() throws IOException {
        long start = offset();
        int first = readByte();
        int kind = first >> 6;
        if (kind == RdbFormat.ENCVAL) {
            throw new RdbFormatException("expected a length at offset " + start + ", found a string encoding (0x"
                    + Integer.toHexString(first) + ")");
        }
        return readLengthAfter(first, start);
    }

    private long readLengthAfter(int first, long start) throws IOException {
        switch (first >> 6) {
            case RdbFormat.LEN_6BIT:
                return first & 0x3F;
            case RdbFormat.LEN_14BIT:
                return (first & 0x3F) << 8 | readByte();
            default:
                if (first == RdbFormat.LEN_32BIT) {
                    return readBigEndian(4);
                }
                if (first == RdbFormat.LEN_64BIT) {
                    long v = readBigEndian(8);
                    if (v < 0) {
                        throw new RdbFormatException("a length above 2^63 at offset " + start);
                    }
                    return v;
                }
                throw new RdbFormatException("unknown length encoding 0x" + Integer.toHexString(first) + " at offset " + start);
        }
    }

    private long readBigEndian(int n) throws IOException {
        long v = 0;
        for (int i = 0; i < n; i++) {
            v = v << 8 | readByte();
        }
        return v;
    }

    /**
     * Reads a string in any of its encodings: raw, an 8, 16 or 32-bit integer (given back as its
     * decimal text, as Redis loads it), or LZF-compressed.
     *
     * <p>Redis: {@code rdb.c}, {@code rdbGenericLoadStringObject}.
     */
    byte[] readString() throws IOException {
        long start = offset();
        int first = readByte();
        if (first >> 6 != RdbFormat.ENCVAL) {
            return readBytes(readLengthAfter(first, start));
        }
        switch (first & 0x3F) {
            case RdbFormat.ENC_INT8:
                return decimal((byte) readByte());
            case RdbFormat.ENC_INT16:
                return decimal((short) readLittleEndian(2));
            case RdbFormat.ENC_INT32:
                return decimal((int) readLittleEndian(4));
            case RdbFormat.ENC_LZF: {
                long compressed = readLength();
                long original = readLength();
                if (original > Integer.MAX_VALUE - 8) {
                    throw new RdbFormatException("an LZF string of " + original + " bytes at offset " + start + " is too big to load");
                }
                byte[] data = readBytes(compressed);
                try {
                    return Lzf.decompress(data, (int) original);
                } catch (IllegalArgumentException e) {
                    throw new RdbFormatException("corrupt LZF string at offset " + start + ": " + e.getMessage(), e);
                }
            }
            default:
                throw new RdbFormatException("unknown string encoding 0x" + Integer.toHexString(first) + " at offset " + start);
        }
    }

    private static byte[] decimal(long v) {
        return Long.toString(v).getBytes(StandardCharsets.US_ASCII);
    }

    private RdbFormatException truncated() {
        return new RdbFormatException("the RDB ends early: no more bytes at offset " + offset()
                + " (a truncated file or payload)");
    }

    private boolean fill() throws IOException {
        crc(); // the buffer is about to be reused
        bufferStart += limit;
        pos = 0;
        limit = 0;
        crcFrom = 0;
        int n = in.read(buf, 0, buf.length);
        if (n <= 0) {
            return false;
        }
        limit = n;
        return true;
    }
}
