package dev.redisfromscratch.protocol;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Collects a client's replies as RESP2 bytes until the server flushes them in one write.
 *
 * <p>Redis answers in RESP even when the request was an inline command, so lab 1 already needs
 * this. Lab 3 teaches RESP in full and adds reply values as types on top of this writer.
 *
 * <p>Every method appends one reply (or, for {@link #arrayHeader}, the header of one). The
 * wire format of each is in its comment. Error texts are written without the leading {@code -}:
 * pass {@code "ERR syntax error"}, not {@code "-ERR syntax error"}.
 *
 * <p>Redis: {@code networking.c}, {@code addReply*} functions; shared replies are built once
 * in {@code server.c}, {@code createSharedObjects}, as {@link #OK} and friends are here.
 */
public final class ReplyWriter {
    private static final byte[] CRLF = {'\r', '\n'};

    /** {@code +OK\r\n}, shared. */
    public static final byte[] OK = ascii("+OK\r\n");
    /** {@code +PONG\r\n}, shared. */
    public static final byte[] PONG = ascii("+PONG\r\n");
    /** The null bulk string {@code $-1\r\n}: a missing value (GET on a missing key). */
    public static final byte[] NULL_BULK = ascii("$-1\r\n");
    /** The null array {@code *-1\r\n}. */
    public static final byte[] NULL_ARRAY = ascii("*-1\r\n");
    /** The empty array {@code *0\r\n}. */
    public static final byte[] EMPTY_ARRAY = ascii("*0\r\n");

    private byte[] buf = new byte[1024];
    private int size;

    /** Appends bytes that are already a whole RESP reply, such as {@link #OK}. */
    public ReplyWriter raw(byte[] reply) {
        ensure(reply.length);
        System.arraycopy(reply, 0, buf, size, reply.length);
        size += reply.length;
        return this;
    }

    /**
     * Simple string: {@code +<text>\r\n}. The text must not contain CR or LF. Texts are written one
     * byte per char (ISO-8859-1), so a text decoded from client bytes that way is sent back unchanged.
     */
    public ReplyWriter simpleString(String text) {
        return line('+', text);
    }

    /**
     * Error: {@code -<text>\r\n}. Any CR or LF in the text becomes a space, as Redis does, so that
     * user input echoed in an error cannot break the framing.
     *
     * @param text the error with its code, e.g. {@code "ERR syntax error"}
     */
    public ReplyWriter error(String text) {
        return line('-', text.replace('\r', ' ').replace('\n', ' '));
    }

    /** Integer: {@code :<n>\r\n}. */
    public ReplyWriter integer(long n) {
        return line(':', Long.toString(n));
    }

    /** Bulk string: {@code $<len>\r\n<bytes>\r\n}. Binary-safe: any bytes, including CR, LF, NUL. */
    public ReplyWriter bulk(byte[] bytes) {
        header('$', bytes.length);      // $<len>\r\n
        ensure(bytes.length + 2);       // <payload>\r\n
        System.arraycopy(bytes, 0, buf, size, bytes.length);
        size += bytes.length;
        buf[size++] = '\r';
        buf[size++] = '\n';
        return this;
    }

    /** Bulk string of text, UTF-8 encoded. */
    public ReplyWriter bulk(String text) {
        return bulk(text.getBytes(StandardCharsets.UTF_8));
    }

    /** The null bulk string: {@code $-1\r\n}. */
    public ReplyWriter nullBulk() {
        return raw(NULL_BULK);
    }

    /** The null array: {@code *-1\r\n}. */
    public ReplyWriter nullArray() {
        return raw(NULL_ARRAY);
    }

    /** Array header {@code *<count>\r\n}; the caller then appends {@code count} replies. */
    public ReplyWriter arrayHeader(int count) {
        return header('*', count);
    }

    /** @return how many bytes are waiting to be flushed */
    public int size() {
        return size;
    }

    /** @return a copy of the bytes waiting to be flushed */
    public byte[] toByteArray() {
        return Arrays.copyOf(buf, size);
    }

    /** Writes everything collected to {@code out} in one call, flushes it, and empties this writer. */
    public void flushTo(OutputStream out) throws IOException {
        if (size > 0) {
            out.write(buf, 0, size);
            out.flush();
            size = 0;
        }
    }

    /** Forgets everything collected. */
    public void reset() {
        size = 0;
    }

    private ReplyWriter line(char type, String text) {
        // One char per byte: texts built from client bytes (see ErrorReplies) come back byte for byte.
        byte[] bytes = text.getBytes(StandardCharsets.ISO_8859_1);
        ensure(bytes.length + 3);
        buf[size++] = (byte) type;
        System.arraycopy(bytes, 0, buf, size, bytes.length);
        size += bytes.length;
        buf[size++] = '\r';
        buf[size++] = '\n';
        return this;
    }

    private ReplyWriter header(char type, long n) {
        ensure(24);
        buf[size++] = (byte) type;
        size = writeDecimal(n, buf, size);
        buf[size++] = CRLF[0];
        buf[size++] = CRLF[1];
        return this;
    }

    /** Writes {@code n} in decimal ASCII without allocating; returns the new end. */
    private static int writeDecimal(long n, byte[] dst, int at) {
        if (n == 0) {
            dst[at] = '0';
            return at + 1;
        }
        if (n < 0) {
            if (n == Long.MIN_VALUE) {
                byte[] min = ascii(Long.toString(n));
                System.arraycopy(min, 0, dst, at, min.length);
                return at + min.length;
            }
            dst[at++] = '-';
            n = -n;
        }
        int digits = 0;
        for (long t = n; t > 0; t /= 10) {
            digits++;
        }
        for (int i = at + digits - 1; i >= at; i--) {
            dst[i] = (byte) ('0' + n % 10);
            n /= 10;
        }
        return at + digits;
    }

    private void ensure(int n) {
        if (buf.length - size < n) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, size + n));
        }
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
