package dev.redisfromscratch.testkit.blackbox;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A deliberately broken server, for testing that the grader fails it with the right message. It
 * is a proxy in front of a correct server, with one classic student mistake added:
 *
 * <ul>
 *   <li>{@link Mistake#FORGETS_CRLF}: replies go out without their {@code \r\n};
 *   <li>{@link Mistake#ANSWERS_FIRST_PIPELINED_ONLY}: of several commands in one read, only the
 *       first is passed on (the rest of the buffer is dropped);
 *   <li>{@link Mistake#CLOSES_AFTER_EVERY_REPLY}: the connection is closed after the first reply.
 * </ul>
 *
 * One thread per client connection; each client gets its own upstream connection.
 */
public final class BrokenServer implements Closeable {
    /** The mistake the proxy adds. */
    public enum Mistake { FORGETS_CRLF, ANSWERS_FIRST_PIPELINED_ONLY, CLOSES_AFTER_EVERY_REPLY }

    private final ServerSocket listener;
    private final int upstreamPort;
    private final Mistake mistake;

    private BrokenServer(ServerSocket listener, int upstreamPort, Mistake mistake) {
        this.listener = listener;
        this.upstreamPort = upstreamPort;
        this.mistake = mistake;
    }

    /**
     * Starts the proxy on a free loopback port.
     *
     * @param upstreamPort the correct server on 127.0.0.1 it forwards to
     * @param mistake the mistake to add
     */
    public static BrokenServer start(int upstreamPort, Mistake mistake) throws IOException {
        ServerSocket listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        BrokenServer proxy = new BrokenServer(listener, upstreamPort, mistake);
        Thread acceptor = new Thread(proxy::acceptLoop, "broken-server-" + mistake);
        acceptor.setDaemon(true);
        acceptor.start();
        return proxy;
    }

    /** @return the proxy's port */
    public int port() {
        return listener.getLocalPort();
    }

    @Override
    public void close() throws IOException {
        listener.close();
    }

    private void acceptLoop() {
        while (!listener.isClosed()) {
            try {
                Socket client = listener.accept();
                Socket upstream = new Socket();
                upstream.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), upstreamPort));
                daemon(() -> pump(client, upstream, true));
                daemon(() -> pump(upstream, client, false));
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    private static void daemon(Runnable r) {
        Thread t = new Thread(r, "broken-server-pump");
        t.setDaemon(true);
        t.start();
    }

    /** Copies one direction, adding the mistake; closes both sockets when either side ends. */
    private void pump(Socket from, Socket to, boolean towardsServer) {
        try (from; to) {
            InputStream in = from.getInputStream();
            OutputStream out = to.getOutputStream();
            byte[] buf = new byte[64 * 1024];
            int n;
            while ((n = in.read(buf)) >= 0) {
                byte[] chunk = Arrays.copyOf(buf, n);
                if (towardsServer && mistake == Mistake.ANSWERS_FIRST_PIPELINED_ONLY) {
                    chunk = Arrays.copyOf(chunk, firstCommandLength(chunk));
                }
                if (!towardsServer && mistake == Mistake.FORGETS_CRLF) {
                    chunk = new String(chunk, StandardCharsets.ISO_8859_1).replace("\r\n", "")
                            .getBytes(StandardCharsets.ISO_8859_1);
                }
                out.write(chunk);
                out.flush();
                if (!towardsServer && mistake == Mistake.CLOSES_AFTER_EVERY_REPLY) {
                    return;
                }
            }
        } catch (IOException e) {
            // one side left; closing both ends the other pump too
        }
    }

    /**
     * The length of the first complete command in {@code chunk} (inline line or RESP multibulk),
     * or the whole chunk when it holds no complete command.
     */
    static int firstCommandLength(byte[] chunk) {
        try {
            return parseFirstCommand(chunk);
        } catch (RuntimeException malformed) {
            return chunk.length; // not a command this proxy understands: pass it on whole
        }
    }

    private static int parseFirstCommand(byte[] chunk) {
        String s = new String(chunk, StandardCharsets.ISO_8859_1);
        if (!s.startsWith("*")) {
            int nl = s.indexOf('\n');
            return nl < 0 ? chunk.length : nl + 1;
        }
        int pos = s.indexOf("\r\n");
        if (pos < 0) {
            return chunk.length;
        }
        int count = Integer.parseInt(s.substring(1, pos));
        pos += 2;
        for (int i = 0; i < count; i++) {
            int eol = s.indexOf("\r\n", pos);
            if (eol < 0 || s.charAt(pos) != '$') {
                return chunk.length;
            }
            pos = eol + 2 + Integer.parseInt(s.substring(pos + 1, eol)) + 2;
            if (pos > chunk.length) {
                return chunk.length;
            }
        }
        return pos;
    }
}
