package dev.redisfromscratch.rdb;

/**
 * LZF decompression, for the compressed strings of an RDB file ({@code rdbcompression yes}, the
 * default: Redis compresses every string longer than 20 bytes when that saves space).
 *
 * <p>The compressed data is a sequence of runs, each starting with a control byte {@code c}:
 * <pre>
 *   c &lt; 32         literal: copy the next c + 1 bytes
 *   c = LLLooooo    back reference: length L + 2 (L = 7: add the next byte), from
 *                   (ooooo &lt;&lt; 8 | next byte) + 1 bytes back in the output; may overlap
 * </pre>
 *
 * <p>Redis: {@code lzf_d.c}, {@code lzf_decompress}; {@code rdb.c}, {@code rdbLoadLzfStringObject}.
 */
public final class Lzf {
    private Lzf() {
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
