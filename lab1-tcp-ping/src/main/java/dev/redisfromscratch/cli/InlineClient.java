package dev.redisfromscratch.cli;

import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * A client that speaks inline commands, as {@code telnet} or {@code nc} would: it writes the line
 * and a CRLF, then reads one reply.
 *
 * <p>Wire: {@code ECHO hello\r\n} goes out; {@code $5\r\nhello\r\n} comes back.
 */
public final class InlineClient implements Closeable {
    private final Socket socket;
    private final OutputStream out;
    private final RawReplyReader replies;

    /**
     * Connects to {@code host:port}.
     *
     * @throws IOException if nobody listens there (connection refused)
     */
    public InlineClient(String host, int port) throws IOException {
        this.socket = new Socket();
        socket.connect(new InetSocketAddress(host, port), 5_000);
        socket.setTcpNoDelay(true);
        this.out = socket.getOutputStream();
        this.replies = new RawReplyReader(new BufferedInputStream(socket.getInputStream(), 64 * 1024));
    }

    /**
     * Sends one inline command and waits for its reply.
     *
     * @param line the command without line ending, e.g. {@code SET k "a b"}
     * @return the raw reply bytes
     * @throws java.io.EOFException if the server closed the connection (after QUIT, or an error)
     */
    public byte[] call(String line) throws IOException {
        out.write((line + "\r\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
        return replies.readReply();
    }

    /**
     * @return reply bytes as text with CR, LF and NUL escaped, one reply per line:
     *     {@code $5\r\nhello\r\n}
     */
    public static String escape(byte[] reply) {
        StringBuilder sb = new StringBuilder();
        for (byte b : reply) {
            int c = b & 0xFF;
            switch (c) {
                case '\r' -> sb.append("\\r");
                case '\n' -> sb.append("\\n");
                case '\\' -> sb.append("\\\\");
                default -> {
                    if (c < 0x20 || c >= 0x7f) {
                        sb.append(String.format("\\x%02x", c));
                    } else {
                        sb.append((char) c);
                    }
                }
            }
        }
        return sb.toString();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
