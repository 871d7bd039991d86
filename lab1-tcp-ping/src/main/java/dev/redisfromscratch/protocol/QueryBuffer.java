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
 * <p><b>No memory for an idle client.</b> A new buffer holds no array: the first read allocates
 * one. An event loop serving thousands of clients reads instead into one array it shares
 * ({@link #readFrom(ReadableByteChannel, byte[])}): the buffer borrows it while the requests in it
 * run, and gives it back with {@link #returnShared(byte[])}, keeping a private copy only of an
 * unfinished request. {@link #releaseIfEmpty()} frees the private array of a client that has gone
 * quiet. So a connected client that sends nothing costs no buffer at all.
 *
 * <p>Redis: {@code networking.c}, {@code readQueryFromClient} (reads up to 16 KiB,
 * {@code PROTO_IOBUF_LEN}, at a time); the shared array is Redis 7.4's reusable query buffer
 * ({@code thread_shared_qb}, {@code resetReusableQueryBuf}); the release of a quiet client's array is
 * {@code server.c}'s {@code clientsCronResizeQueryBuffer}.
 */
public final class QueryBuffer {
    /** How many bytes one read asks the kernel for (Redis: {@code PROTO_IOBUF_LEN}, 16 KiB). */
    public static final int READ_CHUNK = 16 * 1024;

    private static final byte[] NONE = new byte[0];

    private byte[] buf = NONE;
    private int start;
    private int end;

    /** An empty buffer; its array is allocated by the first read. */
    public QueryBuffer() {
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

    /**
     * Reads once from a channel, at most {@link #READ_CHUNK} bytes. If this buffer has no array
     * of its own, it reads into {@code shared} and borrows it, so that a client whose requests
     * arrive whole never needs one; otherwise into its own array (after an unfinished request, or
     * a client still busy since one: its array is kept until {@link #releaseIfEmpty()}).
     * The caller runs the requests, then calls {@link #returnShared} before the next client reads
     * into the same array.
     *
     * @param shared an array of at least {@link #READ_CHUNK} bytes, lent by the event loop
     * @return the number of bytes read (0 if none were ready), or -1 at end of stream
     * @throws IOException as {@link ReadableByteChannel#read} does
     */
    public int readFrom(ReadableByteChannel channel, byte[] shared) throws IOException {
        if (buf.length == 0) { // no array of its own: nothing unread, start == end == 0
            buf = shared; // borrowed
            start = 0;
            end = 0;
        }
        return readFrom(channel);
    }

    /**
     * Gives back the array lent by {@link #readFrom(ReadableByteChannel, byte[])}, if this buffer
     * holds it: with nothing left unread it goes back to holding no array; with an unfinished
     * request, that request's bytes are copied into an array of its own.
     *
     * @param shared the array that was lent
     */
    public void returnShared(byte[] shared) {
        if (buf != shared) {
            return;
        }
        int unread = readable();
        if (unread == 0) {
            buf = NONE;
        } else {
            byte[] own = new byte[unread + READ_CHUNK]; // room for the next read too
            System.arraycopy(buf, start, own, 0, unread);
            buf = own;
        }
        start = 0;
        end = unread;
    }

    /**
     * Frees the array if nothing in it is unread: a client that has gone quiet keeps no buffer
     * (the next read allocates one again).
     *
     * @return whether an array was freed
     */
    public boolean releaseIfEmpty() {
        if (readable() > 0 || buf.length == 0) {
            return false;
        }
        buf = NONE;
        start = 0;
        end = 0;
        return true;
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
        long wanted = Math.max(Math.max((long) end + n, (long) buf.length * 2), READ_CHUNK);
        if (wanted > Integer.MAX_VALUE - 8) {
            throw new IllegalStateException("query buffer over 2 GiB");
        }
        byte[] bigger = new byte[(int) wanted];
        System.arraycopy(buf, 0, bigger, 0, end);
        buf = bigger;
    }
}
