package dev.redisfromscratch.limits;

import dev.redisfromscratch.testkit.blackbox.Request;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * A raw socket that stops reading: the client whose replies pile up in the server. Its receive
 * buffer is made small before it connects (4 KiB), so the kernel holds little of what the server
 * sends and the rest stays in the server's output buffer for that client.
 */
final class StalledClient implements Closeable {
    private static final int RECEIVE_BUFFER = 4096;
    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;

    private StalledClient(Socket socket) throws IOException {
        this.socket = socket;
        this.in = socket.getInputStream();
        this.out = socket.getOutputStream();
    }

    /** Connects to {@code 127.0.0.1:port} with a small receive buffer. */
    static StalledClient connect(int port) throws IOException {
        Socket s = new Socket();
        s.setReceiveBufferSize(RECEIVE_BUFFER); // before connect: it sets the TCP window offered
        s.setTcpNoDelay(true);
        s.setSoTimeout((int) Duration.ofSeconds(10).toMillis());
        s.connect(new InetSocketAddress("127.0.0.1", port), 10_000);
        return new StalledClient(s);
    }

    /** Sends one request as a RESP multibulk. */
    StalledClient send(String... args) throws IOException {
        return sendRaw(Request.resp(args).bytes());
    }

    /** Sends bytes in one write. */
    StalledClient sendRaw(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
        return this;
    }

    /** Reads exactly {@code expected.length()} bytes (while it still reads, e.g. a SUBSCRIBE's confirmation). */
    String read(String expected) throws IOException {
        byte[] got = in.readNBytes(expected.length());
        return new String(got, StandardCharsets.ISO_8859_1);
    }

    /**
     * Reads everything the kernel still holds for it, then whether the server closed the
     * connection (end of stream or a reset) within the read timeout.
     *
     * @return whether the server closed it
     */
    boolean drainAndSeeClosed() throws IOException {
        byte[] buf = new byte[64 * 1024];
        try {
            while (in.read(buf) >= 0) {
                // what the server had sent before it closed the connection
            }
            return true;
        } catch (SocketTimeoutException stillOpen) {
            return false;
        } catch (IOException reset) {
            return true;
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
