package dev.redisfromscratch.tools.load;

import java.net.ProtocolException;
import java.nio.ByteBuffer;

/**
 * Finds where one whole RESP2 reply ends in bytes received so far, without copying or decoding it:
 * the load generator keeps many connections in step with their servers and compares each reply's
 * bytes with what its request accepts. Every lab replies in RESP, whatever protocol its requests use.
 *
 * <p>The five RESP2 types: {@code +} simple string, {@code -} error, {@code :} integer (each one
 * line, ending in CRLF), {@code $<n>\r\n<n bytes>\r\n} bulk string ({@code $-1\r\n} the null),
 * {@code *<n>\r\n} then n replies (nested; {@code *-1\r\n} the null array).
 */
final class RespFraming {
    private RespFraming() {
    }

    /**
     * @param buffer received bytes, from index {@code start} to its limit
     * @param start where the reply begins
     * @return the index just after the reply, or -1 if it has not all arrived yet
     * @throws ProtocolException if the bytes are not RESP
     */
    static int end(ByteBuffer buffer, int start) throws ProtocolException {
        int limit = buffer.limit();
        if (start >= limit) {
            return -1;
        }
        byte type = buffer.get(start);
        int cr = -1;
        for (int i = start + 1; i + 1 < limit; i++) {
            if (buffer.get(i) == '\r' && buffer.get(i + 1) == '\n') {
                cr = i;
                break;
            }
        }
        if (cr < 0) {
            return -1;
        }
        int afterLine = cr + 2;
        switch (type) {
            case '+':
            case '-':
            case ':':
                return afterLine;
            case '$': {
                long n = number(buffer, start + 1, cr);
                if (n < 0) {
                    return afterLine;
                }
                long end = afterLine + n + 2;
                return end <= limit ? (int) end : -1;
            }
            case '*': {
                long n = number(buffer, start + 1, cr);
                int at = afterLine;
                for (long i = 0; i < n; i++) {
                    at = end(buffer, at);
                    if (at < 0) {
                        return -1;
                    }
                }
                return at;
            }
            default:
                throw new ProtocolException("not a RESP reply: starts with byte " + (type & 0xff));
        }
    }

    private static long number(ByteBuffer buffer, int from, int to) throws ProtocolException {
        if (from == to) {
            throw new ProtocolException("a RESP length with no digits");
        }
        boolean negative = buffer.get(from) == '-';
        long n = 0;
        for (int i = negative ? from + 1 : from; i < to; i++) {
            byte b = buffer.get(i);
            if (b < '0' || b > '9' || n > Integer.MAX_VALUE) {
                throw new ProtocolException("a RESP length that is not a number: byte " + (b & 0xff));
            }
            n = n * 10 + (b - '0');
        }
        return negative ? -n : n;
    }
}
