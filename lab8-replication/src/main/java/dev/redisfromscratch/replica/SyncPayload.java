package dev.redisfromscratch.replica;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The snapshot a primary sends after {@code +FULLRESYNC}, received piece by piece as the socket
 * delivers it, in either of Redis's two forms:
 *
 * <pre>
 *   \n \n ...                      keep-alives while the primary prepares it (skipped)
 *   $&lt;len&gt;\r\n &lt;len bytes&gt;         a snapshot written to disk first (no CRLF after it)
 *   $EOF:&lt;40 bytes&gt;\r\n &lt;bytes&gt; &lt;the same 40 bytes&gt;
 *                                  a snapshot streamed as it is made (repl-diskless-sync yes,
 *                                  sent to a replica that said REPLCONF capa eof)
 * </pre>
 *
 * <p>Bytes after the snapshot are the beginning of the command stream: {@link #feed} says how many
 * of the bytes it was given it took.
 *
 * <p>Redis: {@code replication.c}, {@code readSyncBulkPayload} ({@code CONFIG_RUN_ID_SIZE}-byte
 * EOF mark, {@code usemark}).
 */
public final class SyncPayload {
    /** Length of the end mark of a streamed snapshot ({@code RDB_EOF_MARK_SIZE}). */
    public static final int EOF_MARK_LENGTH = 40;
    private static final int MAX_HEADER = 1024;

    private final Bytes header = new Bytes();
    private Bytes body;
    private long length = -1; // -1: header not read yet; -2: EOF-mark form
    private byte[] mark;
    private boolean done;

    /**
     * Takes bytes from the socket.
     *
     * @param bytes what was read
     * @param off where they start
     * @param len how many
     * @return how many of them belong to the snapshot (the rest are the stream's)
     * @throws IOException if the primary answered an error or a malformed header
     *     ("Bad protocol from MASTER, the first byte is not '$' (we received '...'), are you sure
     *     the host and port are right?")
     */
    public int feed(byte[] bytes, int off, int len) throws IOException {
        int i = off;
        int endAt = off + len;
        while (length == -1 && i < endAt) {
            byte b = bytes[i++];
            if (header.size() == 0 && b == '\n') {
                continue; // a keep-alive newline
            }
            header.write(b);
            if (b == '\n') {
                parseHeader();
            } else if (header.size() > MAX_HEADER) {
                throw new IOException("Bad protocol from MASTER: header too long");
            }
        }
        if (length == -1) {
            return len;
        }
        if (length >= 0) {
            int take = (int) Math.min(endAt - i, length - body.size());
            body.write(bytes, i, take);
            i += take;
            done = body.size() == length;
            return i - off;
        }
        // EOF-mark form: the primary sends nothing after the mark until this replica's first
        // REPLCONF ACK, so the mark ends a read; like Redis, check the tail after each read
        body.write(bytes, i, endAt - i);
        done = endsWithMark();
        return len;
    }

    private void parseHeader() throws IOException {
        String line = header.toString(StandardCharsets.ISO_8859_1).trim();
        if (line.startsWith("-")) {
            throw new IOException("MASTER aborted replication with an error: " + line.substring(1));
        }
        if (!line.startsWith("$")) {
            throw new IOException("Bad protocol from MASTER, the first byte is not '$' (we received '"
                    + line + "'), are you sure the host and port are right?");
        }
        if (line.startsWith("$EOF:") && line.length() == 5 + EOF_MARK_LENGTH) {
            mark = line.substring(5).getBytes(StandardCharsets.ISO_8859_1);
            length = -2;
            body = new Bytes(64 * 1024);
            return;
        }
        try {
            length = Long.parseLong(line.substring(1));
        } catch (NumberFormatException e) {
            throw new IOException("Bad protocol from MASTER: bulk length '" + line + "'");
        }
        if (length < 0 || length > Integer.MAX_VALUE - 8) {
            throw new IOException("Bad protocol from MASTER: bulk length " + length);
        }
        body = new Bytes((int) Math.min(length, 16 * 1024 * 1024));
    }

    private boolean endsWithMark() {
        int n = body.size();
        if (n < EOF_MARK_LENGTH) {
            return false;
        }
        return body.tailEquals(n - EOF_MARK_LENGTH, mark);
    }

    /** @return whether the header has been read */
    public boolean started() {
        return length != -1;
    }

    /** @return whether the primary streams the snapshot with an end mark ({@code $EOF:}) */
    public boolean eofMarked() {
        return length == -2;
    }

    /** @return the length announced by {@code $<len>}, -1 before the header or in the EOF-mark form */
    public long announcedLength() {
        return length >= 0 ? length : -1;
    }

    /** @return bytes of the snapshot received so far (with the end mark, in that form) */
    public long received() {
        return body == null ? 0 : body.size();
    }

    /** @return whether the whole snapshot has arrived */
    public boolean done() {
        return done;
    }

    /** @return the snapshot's bytes (an RDB file), without the end mark; once {@link #done()} */
    public byte[] snapshot() {
        byte[] all = body.toByteArray();
        return eofMarked() ? Arrays.copyOf(all, all.length - EOF_MARK_LENGTH) : all;
    }

    /** @return the snapshot to read (an RDB file, without the end mark), without copying it; once {@link #done()} */
    public java.io.InputStream snapshotStream() {
        return body.readable(eofMarked() ? EOF_MARK_LENGTH : 0);
    }

    /** A byte array output stream that can compare its tail without copying. */
    private static final class Bytes extends java.io.ByteArrayOutputStream {
        Bytes() {
            super();
        }

        Bytes(int size) {
            super(size);
        }

        java.io.InputStream readable(int dropAtEnd) {
            return new java.io.ByteArrayInputStream(buf, 0, count - dropAtEnd);
        }

        boolean tailEquals(int from, byte[] expected) {
            return Arrays.equals(buf, from, from + expected.length, expected, 0, expected.length);
        }
    }
}
