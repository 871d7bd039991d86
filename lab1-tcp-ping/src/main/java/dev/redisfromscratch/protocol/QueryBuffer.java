package dev.redisfromscratch.protocol;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;
import java.nio.charset.StandardCharsets;

/**
 * The bytes a client has sent that the server has not yet turned into commands: Redis's
 * {@code client->querybuf} with its read position {@code qb_pos}.
 *
 * <p>Each client has its own ({@code client.Client}). TCP is a byte stream, so one {@code read}
 * may return half a command, or three commands. The server appends whatever arrives
 * ({@link #readFrom}), framers take complete requests off the front ({@link #skip}), and whatever
 * is left waits for the next read.
 *
 * <p>The readable bytes are {@code array()[start() .. end())}. The buffer grows as needed and
 * compacts (moves unread bytes to the front) before it grows.
 *
 * <p>Redis: {@code networking.c}, {@code readQueryFromClient} (reads up to 16 KiB,
 * {@code PROTO_IOBUF_LEN}, at a time).
 */
public final class QueryBuffer {
    /** How many bytes one read asks the kernel for (Redis: {@code PROTO_IOBUF_LEN}, 16 KiB). */
    public static final int READ_CHUNK = 16 * 1024;

    private byte[] buf;
    private int start;
    private int end;

    /** An empty buffer with room for one read. */
    public QueryBuffer() {
        this.buf = new byte[READ_CHUNK];
    }

    /**
     * Reads once from {@code in}, at most {@link #READ_CHUNK} bytes, and appends them.
     *
     * @return the number of bytes read, or -1 at end of stream (the client closed its side)
     * @throws IOException as {@link InputStream#read(byte[], int, int)} does, for example
     *     {@link java.net.SocketTimeoutException} when the socket has a read timeout
     */
    public int readFrom(InputStream in) throws IOException {
        ensureWritable(READ_CHUNK);
        int n = in.read(buf, end, READ_CHUNK);
        if (n > 0) {
            end += n;
        }
        return n;
    }

    /**
     * Reads once from a channel (lab 7's non-blocking sockets), at most {@link #READ_CHUNK} bytes,
     * and appends them. On a non-blocking channel with nothing to read it returns 0.
     *
     * @return the number of bytes read (0 if none were ready), or -1 at end of stream
     * @throws IOException as {@link ReadableByteChannel#read} does
     */
    public int readFrom(ReadableByteChannel channel) throws IOException {
        ensureWritable(READ_CHUNK);
        int n = channel.read(ByteBuffer.wrap(buf, end, READ_CHUNK));
        if (n > 0) {
            end += n;
        }
        return n;
    }

    /** Appends bytes directly (tests and benchmarks use this instead of a socket). */
    public void append(byte[] bytes) {
        append(bytes, 0, bytes.length);
    }

    /** Appends {@code len} bytes of {@code bytes} from {@code off}. */
    public void append(byte[] bytes, int off, int len) {
        ensureWritable(len);
        System.arraycopy(bytes, off, buf, end, len);
        end += len;
    }

    /** @return the backing array; readable bytes are at {@code [start(), end())} */
    public byte[] array() {
        return buf;
    }

    /** @return the index in {@link #array()} of the first unread byte */
    public int start() {
        return start;
    }

    /** @return the index in {@link #array()} one past the last unread byte */
    public int end() {
        return end;
    }

    /** @return the number of unread bytes */
    public int readable() {
        return end - start;
    }

    /** @return the unread byte at {@code start() + offset} */
    public byte get(int offset) {
        return buf[start + offset];
    }

    /**
     * Finds a byte among the unread bytes.
     *
     * @param b the byte to find
     * @param fromOffset where to start looking, relative to {@link #start()}
     * @return its offset relative to {@link #start()}, or -1 if it has not arrived yet
     */
    public int indexOf(byte b, int fromOffset) {
        for (int i = start + fromOffset; i < end; i++) {
            if (buf[i] == b) {
                return i - start;
            }
        }
        return -1;
    }

    /** Marks {@code n} bytes as consumed: a complete request has been taken off the front. */
    public void skip(int n) {
        if (n < 0 || n > readable()) {
            throw new IllegalArgumentException("cannot skip " + n + " of " + readable() + " bytes");
        }
        start += n;
        if (start == end) {
            start = 0;
            end = 0;
        }
    }

    /** Drops everything unread. */
    public void clear() {
        start = 0;
        end = 0;
    }

    /** @return the unread bytes as Latin-1 text with CR and LF escaped, for debugging */
    @Override
    public String toString() {
        return new String(buf, start, readable(), StandardCharsets.ISO_8859_1)
                .replace("\r", "\\r").replace("\n", "\\n");
    }

    private void ensureWritable(int n) {
        if (buf.length - end >= n) {
            return;
        }
        if (start > 0) { // compact: move the unread bytes to the front
            System.arraycopy(buf, start, buf, 0, end - start);
            end -= start;
            start = 0;
            if (buf.length - end >= n) {
                return;
            }
        }
        long wanted = Math.max((long) end + n, (long) buf.length * 2);
        if (wanted > Integer.MAX_VALUE - 8) {
            throw new IllegalStateException("query buffer over 2 GiB");
        }
        byte[] bigger = new byte[(int) wanted];
        System.arraycopy(buf, 0, bigger, 0, end);
        buf = bigger;
    }
}
