package dev.redisfromscratch.tools.profiling;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;

/**
 * Reads whole RESP2 replies off a stream and reports only their kind: the load generator needs to
 * stay in step with the server and to count error replies, not to look at values. Every lab
 * replies in RESP, whatever protocol its requests use.
 *
 * <p>Handles the five RESP2 types: {@code +} simple string, {@code -} error, {@code :} integer,
 * {@code $} bulk string (including the {@code $-1} null), {@code *} array (nested, including
 * {@code *-1}).
 */
final class ReplyReader {
    private final InputStream in;

    ReplyReader(InputStream in) {
        this.in = new BufferedInputStream(in, 64 * 1024);
    }

    /**
     * Reads one reply.
     *
     * @return true if it was an error reply ({@code -ERR ...})
     * @throws EOFException if the server closes the connection first
     * @throws IOException if the bytes are not RESP, or on a read error or timeout
     */
    boolean readReplyIsError() throws IOException {
        int type = readByte();
        String line = readLine();
        switch (type) {
            case '+':
            case ':':
                return false;
            case '-':
                return true;
            case '$': {
                long length = Long.parseLong(line);
                if (length >= 0) {
                    skip(length + 2);
                }
                return false;
            }
            case '*': {
                long count = Long.parseLong(line);
                boolean error = false;
                for (long i = 0; i < count; i++) {
                    error |= readReplyIsError();
                }
                return error;
            }
            default:
                throw new IOException("not a RESP reply: starts with byte " + type);
        }
    }

    private int readByte() throws IOException {
        int b = in.read();
        if (b < 0) {
            throw new EOFException("the server closed the connection");
        }
        return b;
    }

    private String readLine() throws IOException {
        StringBuilder line = new StringBuilder();
        while (true) {
            int b = readByte();
            if (b == '\r') {
                if (readByte() != '\n') {
                    throw new IOException("CR without LF in a reply line: " + line);
                }
                return line.toString();
            }
            line.append((char) b);
        }
    }

    private void skip(long n) throws IOException {
        long left = n;
        while (left > 0) {
            long skipped = in.skip(left);
            if (skipped <= 0) {
                readByte(); // skip may return 0 before the end: read one byte to tell EOF from slow
                skipped = 1;
            }
            left -= skipped;
        }
    }
}
