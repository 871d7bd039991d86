package dev.redisfromscratch.tools.replication;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ProtocolException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * One blocking RESP2 connection for the replication measurements: send a command as a multibulk
 * array, read its one reply. The measurements need only a few commands a millisecond per connection,
 * so a socket with a read timeout is enough (the load itself comes from {@code redis-benchmark}).
 *
 * <p>Replies: {@code +OK} and bulk strings as {@link String} ({@code $-1} as {@code null}),
 * integers as {@link Long}, arrays as {@link List}, errors as a {@link ServerError} value (not
 * thrown: a replica that is still loading answers {@code -LOADING ...}, which the caller polls past).
 */
final class RespConnection implements Closeable {
    /** An error reply: its line without the leading {@code -}, e.g. {@code LOADING Redis is loading ...}. */
    record ServerError(String message) {
    }

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;

    private RespConnection(Socket socket) throws IOException {
        this.socket = socket;
        this.in = new BufferedInputStream(socket.getInputStream(), 1 << 16);
        this.out = new BufferedOutputStream(socket.getOutputStream(), 1 << 12);
    }

    /**
     * @param address the server
     * @param timeoutMillis connect timeout and read timeout, ms
     */
    static RespConnection open(InetSocketAddress address, int timeoutMillis) throws IOException {
        Socket s = new Socket();
        try {
            s.setTcpNoDelay(true);
            s.connect(address, timeoutMillis);
            s.setSoTimeout(timeoutMillis);
            return new RespConnection(s);
        } catch (IOException e) {
            s.close();
            throw e;
        }
    }

    /** Sends {@code args} as {@code *<n>\r\n$<len>\r\n<arg>\r\n...} and returns the reply. */
    Object call(String... args) throws IOException {
        StringBuilder b = new StringBuilder();
        b.append('*').append(args.length).append("\r\n");
        for (String a : args) {
            byte[] bytes = a.getBytes(StandardCharsets.UTF_8);
            b.append('$').append(bytes.length).append("\r\n").append(a).append("\r\n");
        }
        out.write(b.toString().getBytes(StandardCharsets.UTF_8));
        out.flush();
        return read();
    }

    /** {@link #call} that expects a bulk or simple string (or nil). @throws IOException on anything else */
    String callString(String... args) throws IOException {
        Object reply = call(args);
        if (reply == null || reply instanceof String) {
            return (String) reply;
        }
        throw new IOException(String.join(" ", args) + " answered " + reply);
    }

    private Object read() throws IOException {
        int type = in.read();
        if (type < 0) {
            throw new EOFException("the server closed the connection");
        }
        String line = line();
        switch (type) {
            case '+':
                return line;
            case '-':
                return new ServerError(line);
            case ':':
                return Long.parseLong(line);
            case '$': {
                int n = Integer.parseInt(line);
                if (n < 0) {
                    return null;
                }
                byte[] data = in.readNBytes(n + 2);
                if (data.length < n + 2) {
                    throw new EOFException("the server closed the connection in a bulk string");
                }
                return new String(data, 0, n, StandardCharsets.UTF_8);
            }
            case '*': {
                int n = Integer.parseInt(line);
                if (n < 0) {
                    return null;
                }
                List<Object> items = new ArrayList<>(n);
                for (int i = 0; i < n; i++) {
                    items.add(read());
                }
                return items;
            }
            default:
                throw new ProtocolException("not a RESP reply: starts with byte " + type);
        }
    }

    private String line() throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream(32);
        int c;
        while ((c = in.read()) >= 0) {
            if (c == '\r') {
                int lf = in.read();
                if (lf != '\n') {
                    throw new ProtocolException("CR not followed by LF in a reply line");
                }
                return b.toString(StandardCharsets.UTF_8);
            }
            b.write(c);
        }
        throw new EOFException("the server closed the connection in a reply line");
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
