package dev.redisfromscratch.tcp;

import dev.redisfromscratch.protocol.QueryBuffer;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;

/**
 * One accepted client socket, as its handler sees it: read what arrived, write replies.
 *
 * <p>The read blocks, but wakes every cron interval (a socket read timeout) to run the server's
 * periodic work, such as lab 2's active expiry, on the same single thread. Redis does the same
 * with a time event in its event loop: {@code server.c}, {@code serverCron}.
 */
public final class ClientConnection {
    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private final ServerCron cron;

    ClientConnection(Socket socket, ServerCron cron) throws IOException {
        this.socket = socket;
        this.in = socket.getInputStream();
        this.out = new BufferedOutputStream(socket.getOutputStream(), 64 * 1024);
        this.cron = cron;
        socket.setTcpNoDelay(true);
        socket.setSoTimeout(cron.intervalMillis());
    }

    /**
     * Blocks until the client sends something, then appends it (one read, up to 16 KiB) to
     * {@code query}. Runs the server cron whenever it is due, while waiting and between reads.
     *
     * @return bytes read, or -1 once the client has closed its side
     * @throws IOException if the connection breaks (for example a reset)
     */
    public int readInto(QueryBuffer query) throws IOException {
        while (true) {
            cron.runIfDue();
            try {
                return query.readFrom(in);
            } catch (SocketTimeoutException idle) {
                // Nothing arrived within one cron interval: loop, run the cron, and wait again.
            }
        }
    }

    /** @return where replies are written; the caller flushes once per batch of replies */
    public OutputStream output() {
        return out;
    }

    /** @return the client's address as {@code ip:port}, for the log */
    public String remote() {
        return socket.getInetAddress().getHostAddress() + ":" + socket.getPort();
    }
}
