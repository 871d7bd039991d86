package dev.redisfromscratch.protocol;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.WritableByteChannel;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A client's reply buffer: collects its replies as RESP2 bytes until the server sends them, in one
 * write when it can (Redis: {@code client->buf} with {@code bufpos} and {@code sentlen}).
 *
 * <p>Two ways out. A blocking server calls {@link #flushTo(OutputStream)}, which returns once the
 * kernel took everything. A non-blocking server (lab 7) calls {@link #writeTo(WritableByteChannel)},
 * which sends what the socket accepts now, remembers how much was sent ({@link #sentBytes()},
 * Redis's {@code sentlen}) and keeps the rest for the next time the socket is writable; replies
 * appended meanwhile go after it.
 *
 * <pre>
 *   buf:  [ sent ........ | pending ................ | free ]
 *         0          sentBytes()                  size()
 * </pre>
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
    private int sent;
    private long errorReplies;
    private Runnable beforeSend;

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
        errorReplies++;
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

    /**
     * @return the end of the collected bytes, sent or not: a mark for {@link #truncate(int)}. The
     *     bytes still to send are {@code size() - sentBytes()}.
     */
    public int size() {
        return size;
    }

    /**
     * @return how many error replies were ever appended to this buffer: the command pipeline counts
     *     a command that answered with one as a failed call (Redis: {@code stat_total_error_replies})
     */
    public long errorReplies() {
        return errorReplies;
    }

    /**
     * @return the size of the buffer, in bytes: it starts at 1 KiB and grows to the largest batch of
     *     replies it had to hold, never shrinking, so it is also its peak (lab 5's {@code CLIENT LIST}
     *     reports it as {@code rbs} and {@code rbp})
     */
    public int capacity() {
        return buf.length;
    }

    /** @return how many of the collected bytes have been sent by {@link #writeTo} (Redis's {@code sentlen}) */
    public int sentBytes() {
        return sent;
    }

    /** @return whether some collected bytes have not been sent yet */
    public boolean hasPending() {
        return size > sent;
    }

    /** @return a copy of the bytes not sent yet */
    public byte[] toByteArray() {
        return Arrays.copyOfRange(buf, sent, size);
    }

    /**
     * Drops what was appended after {@code mark} (a {@link #size()} taken earlier): the command
     * pipeline does it when a command fails half-way through its reply, so that only the error goes out.
     *
     * @throws IllegalArgumentException if {@code mark} is beyond the end or before the bytes already sent
     */
    public void truncate(int mark) {
        if (mark < sent || mark > size) {
            throw new IllegalArgumentException("mark " + mark + " outside " + sent + ".." + size);
        }
        size = mark;
    }

    /**
     * Blocking send: writes every pending byte to {@code out} in one call, flushes it, and empties
     * this buffer.
     *
     * @throws IOException if the connection breaks
     */
    public void flushTo(OutputStream out) throws IOException {
        if (size > sent) {
            runBeforeSend();
            out.write(buf, sent, size - sent);
            out.flush();
        }
        reset();
    }

    /**
     * Non-blocking send: writes what {@code channel} accepts now. A partial write keeps the rest,
     * and {@link #sentBytes()} says how far it got; when everything has gone, the buffer empties.
     *
     * <p>Redis: {@code networking.c}, {@code _writeToClient} ({@code c->sentlen}).
     *
     * @return the number of bytes written by this call (0 if the socket's send buffer is full)
     * @throws IOException if the connection breaks
     */
    public int writeTo(WritableByteChannel channel) throws IOException {
        if (size == sent) {
            return 0;
        }
        runBeforeSend();
        int n = channel.write(ByteBuffer.wrap(buf, sent, size - sent));
        sent += n;
        if (sent == size) {
            reset();
        }
        return n;
    }

    /**
     * Sets the work that must be done before any of these replies leaves: the server's
     * {@code beforeSleep} (lab 4 writes and, under {@code appendfsync always}, fsyncs the
     * append-only file there, so that no reply acknowledges a write the disk does not hold yet).
     * {@link #flushTo} and {@link #writeTo} run it when they have bytes to send; it must be cheap
     * when it has nothing to do, as it then runs once per write.
     *
     * <p>Redis: {@code server.c}, {@code beforeSleep} calls {@code flushAppendOnlyFile} before
     * {@code handleClientsWithPendingWritesUsingThreads}.
     *
     * @param hook the work, or {@code null} for none
     */
    public void beforeSend(Runnable hook) {
        this.beforeSend = hook;
    }

    private void runBeforeSend() {
        Runnable hook = beforeSend;
        if (hook != null) {
            hook.run();
        }
    }

    /** Forgets everything collected, sent or not. */
    public void reset() {
        size = 0;
        sent = 0;
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
        if (buf.length - size < n && sent > 0) { // compact: drop the bytes already sent
            System.arraycopy(buf, sent, buf, 0, size - sent);
            size -= sent;
            sent = 0;
        }
        if (buf.length - size < n) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, size + n));
        }
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
