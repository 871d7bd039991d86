package dev.redisfromscratch.resp.client;

import dev.redisfromscratch.protocol.ProtocolException;
import dev.redisfromscratch.protocol.QueryBuffer;
import dev.redisfromscratch.resp.Protocol;
import dev.redisfromscratch.resp.RespValue;
import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * A blocking RESP client: it sends each command as a multibulk of bulk strings and reads replies
 * with lab 3's incremental parser, the same one the tests use.
 *
 * <p>Wire: {@code call("GET", "k")} writes {@code *2\r\n$3\r\nGET\r\n$1\r\nk\r\n} and returns the
 * parsed reply, e.g. {@code BulkString["v"]} for {@code $1\r\nv\r\n}.
 */
public final class RespClient implements Closeable {
    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private final QueryBuffer received = new QueryBuffer();

    /**
     * Connects to {@code host:port}.
     *
     * @throws java.net.ConnectException if nobody listens there
     */
    public RespClient(String host, int port) throws IOException {
        socket = new Socket();
        socket.connect(new InetSocketAddress(host, port), 5_000);
        socket.setTcpNoDelay(true);
        in = socket.getInputStream();
        out = socket.getOutputStream();
    }

    /**
     * Sends one command and waits for its reply.
     *
     * @param args the command name, then its arguments (binary-safe)
     * @return the reply; a Redis error comes back as a value, not an exception
     * @throws EOFException if the server closed the connection before replying
     * @throws IOException if the connection breaks or the reply is not valid RESP
     */
    public RespValue call(List<byte[]> args) throws IOException {
        out.write(Protocol.encodeCommand(args));
        out.flush();
        return readReply();
    }

    /** {@link #call(List)} with text arguments, UTF-8 encoded. */
    public RespValue call(String... args) throws IOException {
        return call(Arrays.stream(args).map(a -> a.getBytes(StandardCharsets.UTF_8)).toList());
    }

    /** Reads one reply, waiting for more bytes as long as the parser needs them. */
    private RespValue readReply() throws IOException {
        try {
            RespValue reply = Protocol.readReply(received, in);
            if (reply == null) {
                throw new EOFException("Server closed the connection");
            }
            return reply;
        } catch (ProtocolException e) {
            throw new IOException("invalid reply from server: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
