package dev.redisfromscratch.rdb;

/**
 * The CRC-64 an RDB file ends with: Redis's "Jones" polynomial {@code 0xad93d23594c935a9}, reflected
 * input and output, initial value 0, no final XOR. The check value (the CRC of the nine bytes
 * {@code "123456789"}) is {@code 0xe9c6d914c4b8d9ca}.
 *
 * <p>The file stores it as 8 bytes, little-endian, after the {@code EOF} opcode; it covers every
 * byte before it, the {@code REDIS0010} magic and the {@code EOF} byte included. A stored 0 means
 * "not computed" ({@code rdbchecksum no}) and is not checked.
 *
 * <p>Computed eight bytes at a time ("slicing-by-8": eight 256-entry tables, one per byte
 * position of a 64-bit word), as Redis 7's {@code crcspeed.c} does; the rest one byte at a time.
 *
 * <p>Redis: {@code crc64.c} ({@code crc64}, {@code _crc64}), {@code crcspeed.c}; {@code rdb.c},
 * {@code rdbSaveRio} (writes it) and {@code rdbLoadRio} (checks it: "Wrong RDB checksum").
 */
public final class Crc64 {
    /** The Jones polynomial, as written (most significant bit first). */
    public static final long POLY = 0xad93d23594c935a9L;

    private static final long REFLECTED_POLY = Long.reverse(POLY);
    private static final long[][] TABLES = new long[8][256];

    static {
        for (int i = 0; i < 256; i++) {
            long crc = i;
            for (int bit = 0; bit < 8; bit++) {
                crc = (crc & 1) != 0 ? (crc >>> 1) ^ REFLECTED_POLY : crc >>> 1;
            }
            TABLES[0][i] = crc;
        }
        for (int t = 1; t < 8; t++) {
            for (int i = 0; i < 256; i++) {
                long prev = TABLES[t - 1][i];
                TABLES[t][i] = (prev >>> 8) ^ TABLES[0][(int) prev & 0xFF];
            }
        }
    }

    private Crc64() {
    }

    /**
     * @param crc the CRC of the bytes so far (0 before the first)
     * @param b the next byte (its low 8 bits)
     * @return the CRC with {@code b} added
     */
    public static long update(long crc, int b) {
        return (crc >>> 8) ^ TABLES[0][((int) crc ^ b) & 0xFF];
    }

    /**
     * @param crc the CRC of the bytes so far (0 before the first)
     * @return the CRC with {@code bytes[offset .. offset + length)} added
     */
    public static long update(long crc, byte[] bytes, int offset, int length) {
        long[] t0 = TABLES[0], t1 = TABLES[1], t2 = TABLES[2], t3 = TABLES[3];
        long[] t4 = TABLES[4], t5 = TABLES[5], t6 = TABLES[6], t7 = TABLES[7];
        int i = offset;
        int end = offset + length;
        for (; end - i >= 8; i += 8) {
            crc ^= (bytes[i] & 0xFFL) | (bytes[i + 1] & 0xFFL) << 8 | (bytes[i + 2] & 0xFFL) << 16
                    | (bytes[i + 3] & 0xFFL) << 24 | (bytes[i + 4] & 0xFFL) << 32 | (bytes[i + 5] & 0xFFL) << 40
                    | (bytes[i + 6] & 0xFFL) << 48 | (bytes[i + 7] & 0xFFL) << 56;
            crc = t7[(int) crc & 0xFF] ^ t6[(int) (crc >>> 8) & 0xFF] ^ t5[(int) (crc >>> 16) & 0xFF]
                    ^ t4[(int) (crc >>> 24) & 0xFF] ^ t3[(int) (crc >>> 32) & 0xFF] ^ t2[(int) (crc >>> 40) & 0xFF]
                    ^ t1[(int) (crc >>> 48) & 0xFF] ^ t0[(int) (crc >>> 56) & 0xFF];
        }
        for (; i < end; i++) {
            crc = (crc >>> 8) ^ t0[((int) crc ^ bytes[i]) & 0xFF];
        }
        return crc;
    }

    /** @return the CRC of all of {@code bytes} */
    public static long of(byte[] bytes) {
        return update(0, bytes, 0, bytes.length);
    }
}
