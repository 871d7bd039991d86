package dev.redisfromscratch.replica;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/** A scripted primary on a loopback port: the test reads what the replica sends and writes the replies. */
final class FakePrimary implements AutoCloseable {
    private final ServerSocket listener;
    private Socket socket;

    FakePrimary() throws IOException {
        listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        listener.setSoTimeout(10_000);
    }

    int port() {
        return listener.getLocalPort();
    }

    /** Waits for the replica's connection (10 s at most). */
    void accept() throws IOException {
        listener.setSoTimeout(10_000);
        socket = listener.accept();
        socket.setSoTimeout(10_000);
    }

    /**
     * Waits for the replica's connection, {@code millis} at most, giving up at once if the replica's
     * server no longer accepts connections (it stopped: a stub threw on its loop).
     */
    void accept(int millis, int replicaPort) throws IOException {
        long end = System.nanoTime() + millis * 1_000_000L;
        listener.setSoTimeout(100);
        while (true) {
            try {
                socket = listener.accept();
                socket.setSoTimeout(10_000);
                return;
            } catch (java.net.SocketTimeoutException notYet) {
                if (System.nanoTime() > end) {
                    throw notYet;
                }
                try (Socket probe = new Socket(InetAddress.getLoopbackAddress(), replicaPort)) {
                    probe.getOutputStream(); // still serving
                } catch (IOException stopped) {
                    throw new IOException("the replica's server stopped", stopped);
                }
            }
        }
    }

    /** @return exactly {@code n} bytes the replica sent, as ISO-8859-1 */
    String read(int n) throws IOException {
        byte[] bytes = socket.getInputStream().readNBytes(n);
        return new String(bytes, StandardCharsets.ISO_8859_1);
    }

    /** @return the bytes up to and including the next LF */
    String readLine() throws IOException {
        InputStream in = socket.getInputStream();
        StringBuilder line = new StringBuilder();
        int b;
        while ((b = in.read()) >= 0) {
            line.append((char) b);
            if (b == '\n') {
                break;
            }
        }
        return line.toString();
    }

    void write(String text) throws IOException {
        write(text.getBytes(StandardCharsets.ISO_8859_1));
    }

    void write(byte[] bytes) throws IOException {
        socket.getOutputStream().write(bytes);
        socket.getOutputStream().flush();
    }

    /** Closes the replica's connection (a lost link), keeping the listener for its reconnection. */
    void drop() throws IOException {
        socket.close();
    }

    @Override
    public void close() throws IOException {
        if (socket != null) {
            socket.close();
        }
        listener.close();
    }
}
