package dev.redisfromscratch.rdb;

import dev.redisfromscratch.protocol.Numbers;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * The low level of {@link RdbWriter}: bytes into a buffer, the buffer into the stream, the CRC64
 * kept over everything written; lengths and strings in the RDB's encodings ({@link RdbFormat}).
 *
 * <p>Redis: {@code rdb.c}, {@code rdbSaveLen}, {@code rdbSaveRawString}, {@code rdbSaveLzfStringObject},
 * {@code rdbTryIntegerEncoding}, {@code rdbEncodeInteger}; {@code rio.c} (the checksum is updated
 * by the rio layer on every write).
 */
final class RdbOutput {
    private static final int BUFFER = 64 * 1024;

    private final OutputStream out;
    private final byte[] buf = new byte[BUFFER];
    private int pos;
    private long crc;
    private long flushed;
    private int[] lzfTable; // made at the first string worth compressing
    private byte[] lzfOut = new byte[64];

    /** Strings longer than this are tried with LZF (Redis: {@code rdbSaveRawString}, {@code len > 20}). */
    static final int COMPRESS_ABOVE = 20;

    RdbOutput(OutputStream out) {
        this.out = out;
    }

    /** @return the bytes written so far, buffered ones included */
    long written() {
        return flushed + pos;
    }

    void writeByte(int b) throws IOException {
        if (pos == buf.length) {
            drain();
        }
        buf[pos++] = (byte) b;
    }

    void write(byte[] bytes, int offset, int length) throws IOException {
        if (length > buf.length - pos) {
            drain();
            if (length > buf.length) { // big: straight through, after its CRC
                crc = Crc64.update(crc, bytes, offset, length);
                out.write(bytes, offset, length);
                flushed += length;
                return;
            }
        }
        System.arraycopy(bytes, offset, buf, pos, length);
        pos += length;
    }

    void write(byte[] bytes) throws IOException {
        write(bytes, 0, bytes.length);
    }

    /** Writes {@code n} bytes of {@code value}, least significant first. */
    void writeLittleEndian(long value, int n) throws IOException {
        for (int i = 0; i < n; i++) {
            writeByte((int) (value >>> (8 * i)));
        }
    }

    /**
     * Writes a length in the fewest bytes: 6 bits, 14 bits (big-endian), or a marker byte and 32 or
     * 64 bits (big-endian).
     *
     * <p>Redis: {@code rdb.c}, {@code rdbSaveLen}.
     */
    void writeLength(long length) throws IOException {
        if (length < 0) {
            throw new IllegalArgumentException("negative length " + length);
        }
        if (length < 1 << 6) {
            writeByte((int) length); // 00xxxxxx
        } else if (length < 1 << 14) {
            writeByte(RdbFormat.LEN_14BIT << 6 | (int) (length >> 8)); // 01xxxxxx xxxxxxxx
            writeByte((int) length);
        } else if (length <= 0xFFFFFFFFL) {
            writeByte(RdbFormat.LEN_32BIT);
            for (int shift = 24; shift >= 0; shift -= 8) {
                writeByte((int) (length >>> shift));
            }
        } else {
            writeByte(RdbFormat.LEN_64BIT);
            for (int shift = 56; shift >= 0; shift -= 8) {
                writeByte((int) (length >>> shift));
            }
        }
    }

    /**
     * Writes a string as Redis does with {@code rdbcompression yes}: as an 8, 16 or 32-bit integer
     * ({@code C0}, {@code C1}, {@code C2} and the value little-endian) when its bytes are the
     * canonical decimal text of one; else, if it is longer than 20 bytes, LZF-compressed when that
     * saves more than 4 bytes; else as its length and its bytes.
     *
     * <p>Redis: {@code rdb.c}, {@code rdbSaveRawString}, {@code rdbTryIntegerEncoding}.
     */
    void writeString(byte[] s) throws IOException {
        if (s.length > 0 && s.length <= 11 && (s[0] == '-' || (s[0] >= '0' && s[0] <= '9'))) {
            try {
                long v = Numbers.string2ll(s);
                if (writeInteger(v)) {
                    return;
                }
            } catch (Numbers.NotANumber notAnInteger) {
                // fall through: written as text
            }
        }
        if (s.length > COMPRESS_ABOVE && writeCompressed(s)) {
            return;
        }
        writeLength(s.length);
        write(s);
    }

    /**
     * Writes {@code s} LZF-compressed ({@code C3}, the compressed length, the original length, the
     * compressed bytes) if that saves more than 4 bytes, as Redis does.
     *
     * <p>Redis: {@code rdb.c}, {@code rdbSaveLzfStringObject}.
     *
     * @return whether it was written
     */
    private boolean writeCompressed(byte[] s) throws IOException {
        int maxOut = s.length - 4;
        if (lzfOut.length < maxOut + 8) {
            lzfOut = new byte[Math.max(maxOut + 8, 2 * lzfOut.length)];
        }
        if (lzfTable == null) {
            lzfTable = Lzf.newTable();
        }
        int n = Lzf.compress(s, s.length, lzfOut, maxOut, lzfTable);
        if (n == 0) {
            return false;
        }
        writeByte(RdbFormat.ENCVAL << 6 | RdbFormat.ENC_LZF);
        writeLength(n);
        writeLength(s.length);
        write(lzfOut, 0, n);
        return true;
    }

    /**
     * Writes {@code v} in the special integer encoding, if it fits 32 bits.
     *
     * <p>Redis: {@code rdb.c}, {@code rdbEncodeInteger}.
     *
     * @return whether it was written
     */
    boolean writeInteger(long v) throws IOException {
        if (v >= Byte.MIN_VALUE && v <= Byte.MAX_VALUE) {
            writeByte(RdbFormat.ENCVAL << 6 | RdbFormat.ENC_INT8);
            writeLittleEndian(v, 1);
        } else if (v >= Short.MIN_VALUE && v <= Short.MAX_VALUE) {
            writeByte(RdbFormat.ENCVAL << 6 | RdbFormat.ENC_INT16);
            writeLittleEndian(v, 2);
        } else if (v >= Integer.MIN_VALUE && v <= Integer.MAX_VALUE) {
            writeByte(RdbFormat.ENCVAL << 6 | RdbFormat.ENC_INT32);
            writeLittleEndian(v, 4);
        } else {
            return false;
        }
        return true;
    }

    /** Writes a string whose bytes are {@code v}'s decimal text (an integer aux field's value). */
    void writeString(long v) throws IOException {
        if (!writeInteger(v)) {
            writeString(Long.toString(v).getBytes(StandardCharsets.US_ASCII));
        }
    }

    /**
     * Writes the CRC64 of everything written so far, little-endian, and flushes the stream (without
     * closing it).
     */
    void finishWithChecksum() throws IOException {
        drain();
        long sum = crc;
        writeLittleEndian(sum, 8);
        drain();
        out.flush();
    }

    private void drain() throws IOException {
        if (pos > 0) {
            crc = Crc64.update(crc, buf, 0, pos);
            out.write(buf, 0, pos);
            flushed += pos;
            pos = 0;
        }
    }
}
