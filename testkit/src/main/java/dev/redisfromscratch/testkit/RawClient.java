package dev.redisfromscratch.testkit;

import java.io.ByteArrayOutputStream;
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
 * A plain TCP client for tests: writes exact bytes, reads exact bytes. No protocol knowledge, so a
 * test states on the wire what it sends and what it expects back.
 *
 * <p>Every read has a deadline ({@link #DEFAULT_TIMEOUT}); a server that never answers fails the
 * test instead of hanging it. Reads wait for bytes, never for time to pass.
 */
public final class RawClient implements Closeable {
    /** How long a read waits before the test fails. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;

    private RawClient(Socket socket) throws IOException {
        this.socket = socket;
        this.in = socket.getInputStream();
        this.out = socket.getOutputStream();
        socket.setTcpNoDelay(true);
        socket.setSoTimeout((int) DEFAULT_TIMEOUT.toMillis());
    }

    /** Connects to {@code 127.0.0.1:port}. */
    public static RawClient connect(int port) throws IOException {
        Socket s = new Socket();
        s.connect(new InetSocketAddress("127.0.0.1", port), (int) DEFAULT_TIMEOUT.toMillis());
        return new RawClient(s);
    }

    /**
     * Connects, sends {@code request} in one write, and reads until the server closes the
     * connection. Parity tests end each request with QUIT so that both servers close.
     *
     * @return everything the server sent, as Latin-1 text
     */
    public static String exchangeUntilClosed(int port, String request) throws IOException {
        try (RawClient c = connect(port)) {
            return c.send(request).readUntilClosed();
        }
    }

    /** Writes {@code text} (Latin-1, so {@code "\r\n"} and {@code "\0"} go out as those bytes) in one write. */
    public RawClient send(String text) throws IOException {
        return send(text.getBytes(StandardCharsets.ISO_8859_1));
    }

    /** Writes {@code bytes} in one write call. */
    public RawClient send(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
        return this;
    }

    /** Writes {@code text} one byte per write call: the hardest framing case for a server. */
    public RawClient sendByteByByte(String text) throws IOException {
        for (byte b : text.getBytes(StandardCharsets.ISO_8859_1)) {
            out.write(b);
            out.flush();
        }
        return this;
    }

    /** Reads exactly {@code n} bytes, failing if the server closes first or goes quiet. */
    public byte[] readExactly(int n) throws IOException {
        byte[] buf = in.readNBytes(n);
        if (buf.length < n) {
            throw new IOException("connection closed after " + buf.length + " of " + n + " bytes: "
                    + show(buf));
        }
        return buf;
    }

    /** Reads exactly as many bytes as {@code expected} has and returns them as Latin-1 text. */
    public String read(String expected) throws IOException {
        return new String(readExactly(expected.length()), StandardCharsets.ISO_8859_1);
    }

    /** Reads one line up to and including its {@code \r\n}, as Latin-1 text. */
    public String readLine() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int prev = -1;
        while (true) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("connection closed mid-line: " + show(line.toByteArray()));
            }
            line.write(b);
            if (prev == '\r' && b == '\n') {
                return line.toString(StandardCharsets.ISO_8859_1);
            }
            prev = b;
        }
    }

    /** Reads until the server closes the connection; returns everything read, as Latin-1 text. */
    public String readUntilClosed() throws IOException {
        return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
    }

    /**
     * @return whether the server has closed the connection: a read returns end of stream within
     *     the timeout (a reset counts as closed)
     */
    public boolean isClosedByServer() throws IOException {
        try {
            return in.read() < 0;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException reset) {
            return true;
        }
    }

    /**
     * @return whether no byte has arrived so far (checked without waiting): for asserting, right
     *     after an event that proves the server was busy elsewhere, that it has not answered us
     */
    public boolean hasNothingToRead() throws IOException {
        return in.available() == 0;
    }

    /** Closes the connection; the server reads end of stream. */
    @Override
    public void close() throws IOException {
        socket.close();
    }

    /** Shows bytes with CR, LF and NUL escaped, for assertion messages. */
    public static String show(byte[] bytes) {
        return new String(bytes, StandardCharsets.ISO_8859_1)
                .replace("\r", "\\r").replace("\n", "\\n").replace("\0", "\\0");
    }
}
