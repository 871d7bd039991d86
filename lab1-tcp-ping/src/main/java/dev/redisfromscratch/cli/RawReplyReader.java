package dev.redisfromscratch.cli;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * Reads exactly one reply from the server and returns its raw bytes, so the lab 1 client can show
 * what really came back on the wire. It knows only where a reply ends:
 *
 * <pre>
 *   +OK\r\n  -ERR ...\r\n  :1\r\n        one line
 *   $&lt;len&gt;\r\n&lt;len bytes&gt;\r\n             a line, then len + 2 bytes ($-1\r\n: one line)
 *   *&lt;count&gt;\r\n then count replies        (*-1\r\n, *0\r\n: one line)
 * </pre>
 *
 * <p>It reads with blocking calls, one reply at a time, as Jedis does. Lab 3 replaces it with an
 * incremental parser that turns replies into typed values.
 */
public final class RawReplyReader {
    private final InputStream in;

    /** @param in the connection's input, ideally buffered */
    public RawReplyReader(InputStream in) {
        this.in = in;
    }

    /**
     * @return the bytes of one whole reply, including its CRLFs
     * @throws EOFException if the server closed the connection before a whole reply arrived
     * @throws IOException if the reply is not RESP, or the connection breaks
     */
    public byte[] readReply() throws IOException {
        ByteArrayOutputStream reply = new ByteArrayOutputStream();
        readInto(reply);
        return reply.toByteArray();
    }

    private void readInto(ByteArrayOutputStream reply) throws IOException {
        String line = readLine(reply);
        char type = line.charAt(0);
        switch (type) {
            case '+', '-', ':' -> { } // the line is the whole reply
            case '$' -> {             // $<len>\r\n<payload>\r\n
                int len = Integer.parseInt(line.substring(1));
                if (len >= 0) {
                    reply.write(readExactly(len + 2));
                }
            }
            case '*' -> {             // *<count>\r\n, then <count> replies
                int count = Integer.parseInt(line.substring(1));
                for (int i = 0; i < count; i++) {
                    readInto(reply);
                }
            }
            default -> throw new IOException("not a RESP reply: " + line);
        }
    }

    /** Reads up to and including CRLF, appends it to {@code reply}, returns the line without CRLF. */
    private String readLine(ByteArrayOutputStream reply) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int prev = -1;
        while (true) {
            int b = in.read();
            if (b < 0) {
                throw new EOFException("Server closed the connection");
            }
            reply.write(b);
            if (prev == '\r' && b == '\n') {
                byte[] bytes = line.toByteArray();
                return new String(bytes, 0, bytes.length - 1, StandardCharsets.ISO_8859_1);
            }
            line.write(b);
            prev = b;
        }
    }

    private byte[] readExactly(int n) throws IOException {
        byte[] bytes = in.readNBytes(n);
        if (bytes.length < n) {
            throw new EOFException("Server closed the connection");
        }
        return bytes;
    }
}
