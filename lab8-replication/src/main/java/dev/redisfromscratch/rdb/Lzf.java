package dev.redisfromscratch.rdb;

/**
 * LZF, the compression of an RDB file's strings ({@code rdbcompression yes}, the default: Redis
 * compresses every string longer than 20 bytes when that saves more than 4 bytes).
 *
 * <p>The compressed data is a sequence of runs, each starting with a control byte {@code c}:
 * <pre>
 *   c &lt; 32         literal: copy the next c + 1 bytes
 *   c = LLLooooo    back reference: length L + 2 (L = 7: add the next byte), from
 *                   (ooooo &lt;&lt; 8 | next byte) + 1 bytes back in the output; may overlap
 * </pre>
 *
 * <p>The compressor finds repeats with a hash table of the three bytes at each position (a table
 * of positions, {@link #TABLE_SIZE} entries, reused from call to call: a stale entry only costs a
 * comparison, since every candidate is checked byte by byte), as liblzf's does with Redis's
 * settings ({@code HLOG 16}, {@code VERY_FAST}).
 *
 * <p>Redis: {@code lzf_c.c}, {@code lzf_compress}; {@code lzf_d.c}, {@code lzf_decompress};
 * {@code rdb.c}, {@code rdbSaveLzfStringObject}, {@code rdbLoadLzfStringObject}.
 */
public final class Lzf {
    /** Entries of a compressor's hash table: 2^16, as Redis's {@code HLOG}. */
    public static final int TABLE_SIZE = 1 << 16;

    private static final int MAX_LITERAL = 1 << 5;             // 32 bytes per literal run
    private static final int MAX_OFFSET = 1 << 13;             // 8 KB back
    private static final int MAX_REFERENCE = (1 << 8) + (1 << 3); // 264 bytes per back reference

    private Lzf() {
    }

    /** @return a hash table for {@link #compress}, to reuse from call to call on one thread */
    public static int[] newTable() {
        return new int[TABLE_SIZE];
    }

    /**
     * Compresses {@code in[0 .. length)} into {@code out}, if it fits in {@code maxOut} bytes.
     *
     * @param table a table from {@link #newTable()}, not used by another thread meanwhile
     * @param out at least {@code maxOut + 8} bytes (slack for the last run's bookkeeping)
     * @return the compressed length, or 0 if it would take more than {@code maxOut} bytes
     */
    public static int compress(byte[] in, int length, byte[] out, int maxOut, int[] table) {
        if (length < 3) {
            return 0;
        }
        int ip = 0;
        int op = 1; // out[0] is the first literal run's control byte
        int lit = 0;
        int end = length;
        int hval = (in[0] & 0xFF) << 8 | (in[1] & 0xFF);
        while (ip < end - 2) {
            hval = hval << 8 | (in[ip + 2] & 0xFF);
            int slot = index(hval);
            int ref = table[slot];
            table[slot] = ip;
            int off;
            if (ref > 0 && ref < ip && (off = ip - ref - 1) < MAX_OFFSET
                    && in[ref + 2] == in[ip + 2] && in[ref + 1] == in[ip + 1] && in[ref] == in[ip]) {
                int len = 2;
                int maxLen = Math.min(end - ip - len, MAX_REFERENCE);
                if (op + 3 + 1 >= maxOut && op - (lit == 0 ? 1 : 0) + 3 + 1 >= maxOut) {
                    return 0;
                }
                out[op - lit - 1] = (byte) (lit - 1); // close the literal run
                if (lit == 0) {
                    op--; // no literal run after all
                }
                do {
                    len++;
                } while (len < maxLen && in[ref + len] == in[ip + len]);
                len -= 2; // the decoder copies len + 2 bytes
                ip++;
                if (len < 7) {
                    out[op++] = (byte) ((off >> 8) + (len << 5));
                } else {
                    out[op++] = (byte) ((off >> 8) + (7 << 5));
                    out[op++] = (byte) (len - 7);
                }
                out[op++] = (byte) off;
                lit = 0;
                op++; // a new literal run starts
                ip += len + 1;
                if (ip >= end - 2) {
                    break;
                }
                // hash the two positions inside the match the loop skipped
                ip -= 2;
                hval = (in[ip] & 0xFF) << 8 | (in[ip + 1] & 0xFF);
                hval = hval << 8 | (in[ip + 2] & 0xFF);
                table[index(hval)] = ip;
                ip++;
                hval = hval << 8 | (in[ip + 2] & 0xFF);
                table[index(hval)] = ip;
                ip++;
            } else {
                if (op >= maxOut) {
                    return 0;
                }
                lit++;
                out[op++] = in[ip++];
                if (lit == MAX_LITERAL) {
                    out[op - lit - 1] = (byte) (lit - 1);
                    lit = 0;
                    op++;
                }
            }
        }
        if (op + 3 > maxOut) {
            return 0;
        }
        while (ip < end) {
            lit++;
            out[op++] = in[ip++];
            if (lit == MAX_LITERAL) {
                out[op - lit - 1] = (byte) (lit - 1);
                lit = 0;
                op++;
            }
        }
        out[op - lit - 1] = (byte) (lit - 1); // close the last run
        if (lit == 0) {
            op--;
        }
        return op <= maxOut ? op : 0;
    }

    /** liblzf's {@code IDX} for {@code HLOG} 16: a slot for the bytes hashed into {@code h}, the last three foremost. */
    private static int index(int h) {
        return ((h >>> 8) - h * 5) & (TABLE_SIZE - 1);
    }

    /**
     * @param in the compressed bytes
     * @param outLength the length of the original bytes, as the RDB stores it
     * @return the original bytes
     * @throws IllegalArgumentException if {@code in} is not LZF data that decompresses to exactly
     *     {@code outLength} bytes (a reference before the start, a run past either end)
     */
    public static byte[] decompress(byte[] in, int outLength) {
        byte[] out = new byte[outLength];
        int ip = 0;
        int op = 0;
        while (ip < in.length) {
            int ctrl = in[ip++] & 0xFF;
            if (ctrl < 32) { // literal run of ctrl + 1 bytes
                int len = ctrl + 1;
                if (op + len > outLength) {
                    throw new IllegalArgumentException("LZF literal run past the end of the output");
                }
                if (ip + len > in.length) {
                    throw new IllegalArgumentException("LZF literal run past the end of the input");
                }
                System.arraycopy(in, ip, out, op, len);
                ip += len;
                op += len;
            } else { // back reference
                int len = ctrl >> 5;
                int ref = op - ((ctrl & 0x1F) << 8) - 1;
                if (len == 7) {
                    if (ip >= in.length) {
                        throw new IllegalArgumentException("LZF reference past the end of the input");
                    }
                    len += in[ip++] & 0xFF;
                }
                if (ip >= in.length) {
                    throw new IllegalArgumentException("LZF reference past the end of the input");
                }
                ref -= in[ip++] & 0xFF;
                len += 2;
                if (op + len > outLength) {
                    throw new IllegalArgumentException("LZF reference past the end of the output");
                }
                if (ref < 0) {
                    throw new IllegalArgumentException("LZF reference before the start of the output");
                }
                for (int i = 0; i < len; i++) { // byte by byte: source and target may overlap
                    out[op++] = out[ref++];
                }
            }
        }
        if (op != outLength) {
            throw new IllegalArgumentException("LZF data gives " + op + " bytes, not " + outLength);
        }
        return out;
    }
}
