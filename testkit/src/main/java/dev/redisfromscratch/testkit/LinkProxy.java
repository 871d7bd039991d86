package dev.redisfromscratch.testkit;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * A TCP proxy on loopback between a client and a server, for fault tests: it forwards bytes both
 * ways and, when the test says so, cuts the link, stalls it or refuses new links. A replica
 * connects to the proxy's {@link #port()} instead of its primary's, and the test breaks the link
 * between them at a chosen moment.
 *
 * <pre>
 *   client ──► proxy.port() ══ link ══► target port
 *              cut():    both sockets of every open link closed (the peers read end of stream)
 *              stall():  nothing more read or forwarded, either way, until resume()
 *              stallAt(n): forwards exactly n bytes in all towards the client, then stalls
 *              refuse(): cut(), and every new link closed as soon as it is accepted, until admit()
 *              retarget(port): new links go to another server (a restarted primary)
 * </pre>
 *
 * <p>Deterministic: bytes sent after {@link #stall()} returns are not forwarded before
 * {@link #resume()} (a stalled link reads at most one buffer, which it holds); after {@link #cut()}
 * returns, every link open before it is closed. The counts ({@link #bytesToClient()},
 * {@link #links()}) and the {@code await} methods let a test wait for a state without sleeping.
 * Each link is served by two daemon threads, one per direction. While stalled, the peers' kernel
 * buffers fill and TCP's flow control stops the sender, as with a peer that stopped reading.
 */
public final class LinkProxy implements Closeable {
    private static final int BUFFER_BYTES = 16 * 1024;
    /**
     * The receive buffer of the proxy's socket to the target: small and fixed (no autotuning up to
     * megabytes), so that a stalled link pushes back on the target soon, as a replica that stops
     * reading does, and the target's own buffers (not the kernel's) fill.
     */
    private static final int TARGET_RECEIVE_BUFFER_BYTES = 64 * 1024;

    private final ServerSocket listener;
    private final Object lock = new Object();
    private final List<Link> open = new ArrayList<>();
    private final Thread acceptor;
    private volatile int targetPort;
    private boolean stalled;
    private boolean refusing;
    private boolean closed;
    private long stallAtToClient = Long.MAX_VALUE;
    private long bytesToClient;
    private long bytesToTarget;
    private int links;
    private int refused;

    private LinkProxy(ServerSocket listener, int targetPort) {
        this.listener = listener;
        this.targetPort = targetPort;
        this.acceptor = new Thread(this::acceptLoop, "link-proxy-accept-" + listener.getLocalPort());
        acceptor.setDaemon(true);
    }

    /**
     * Starts a proxy on a free loopback port that forwards to {@code 127.0.0.1:targetPort}.
     *
     * @param targetPort the server's port
     * @return the running proxy; connect to its {@link #port()}
     * @throws UncheckedIOException if no port can be bound
     */
    public static LinkProxy start(int targetPort) {
        try {
            ServerSocket listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
            LinkProxy proxy = new LinkProxy(listener, targetPort);
            proxy.acceptor.start();
            return proxy;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** @return the port clients connect to (127.0.0.1) */
    public int port() {
        return listener.getLocalPort();
    }

    /**
     * New links go to another port from now on (a primary restarted elsewhere); open links stay as
     * they are. A link whose target refuses the connection is closed at once.
     */
    public void retarget(int port) {
        targetPort = port;
    }

    /** Closes both sockets of every open link; the proxy keeps accepting new links. */
    public void cut() {
        List<Link> toClose;
        synchronized (lock) {
            toClose = new ArrayList<>(open);
            open.clear();
            lock.notifyAll();
        }
        toClose.forEach(Link::close);
    }

    /** Stops reading and forwarding, both ways, on the open links and on new ones, until {@link #resume()}. */
    public void stall() {
        synchronized (lock) {
            stalled = true;
        }
    }

    /**
     * Stalls the link once exactly {@code total} bytes in all (counted since the proxy started, over
     * every link) have been forwarded towards the client: a cut in the middle of a reply or of a
     * command of the replication stream, at a byte the test chooses.
     *
     * @param total a count of bytes towards the client, at least {@link #bytesToClient()}
     */
    public void stallAt(long total) {
        synchronized (lock) {
            if (total < bytesToClient) {
                throw new IllegalArgumentException(total + " bytes are already forwarded: " + bytesToClient);
            }
            stallAtToClient = total;
            if (total == bytesToClient) {
                stalled = true;
            }
        }
    }

    /** Forwards again what a stalled link holds, and whatever comes next; clears {@link #stallAt}. */
    public void resume() {
        synchronized (lock) {
            stalled = false;
            stallAtToClient = Long.MAX_VALUE;
            lock.notifyAll();
        }
    }

    /** Cuts the open links and closes every new one as soon as it is accepted, until {@link #admit()}. */
    public void refuse() {
        synchronized (lock) {
            refusing = true;
        }
        cut();
    }

    /** Accepts and forwards new links again. */
    public void admit() {
        synchronized (lock) {
            refusing = false;
        }
    }

    /** @return whether the links are stalled now (by {@link #stall()} or a reached {@link #stallAt}) */
    public boolean isStalled() {
        synchronized (lock) {
            return stalled;
        }
    }

    /** @return bytes forwarded from the target to the client so far, over every link */
    public long bytesToClient() {
        synchronized (lock) {
            return bytesToClient;
        }
    }

    /** @return bytes forwarded from the client to the target so far, over every link */
    public long bytesToTarget() {
        synchronized (lock) {
            return bytesToTarget;
        }
    }

    /** @return links made so far (accepted while admitting, and connected to the target), open or not */
    public int links() {
        synchronized (lock) {
            return links;
        }
    }

    /** @return connections closed at once because the proxy was refusing or the target refused */
    public int refused() {
        synchronized (lock) {
            return refused;
        }
    }

    /** @return links open now */
    public int openLinks() {
        synchronized (lock) {
            return open.size();
        }
    }

    /**
     * Waits until {@link #links()} reaches {@code n}.
     *
     * @throws AssertionError if it does not within {@code timeout}
     */
    public void awaitLinks(int n, Duration timeout) {
        await(() -> links >= n, timeout, () -> "expected " + n + " links through the proxy, saw " + links);
    }

    /**
     * Waits until {@link #bytesToClient()} reaches {@code n}.
     *
     * @throws AssertionError if it does not within {@code timeout}
     */
    public void awaitBytesToClient(long n, Duration timeout) {
        await(() -> bytesToClient >= n, timeout,
                () -> "expected " + n + " bytes towards the client, forwarded " + bytesToClient);
    }

    /**
     * Waits until the links are stalled (a {@link #stallAt} reached).
     *
     * @throws AssertionError if they are not within {@code timeout}
     */
    public void awaitStalled(Duration timeout) {
        await(() -> stalled, timeout, () -> "the link did not stall; " + bytesToClient
                + " bytes forwarded towards the client, stall at " + stallAtToClient);
    }

    private void await(BooleanSupplier condition, Duration timeout, java.util.function.Supplier<String> why) {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (lock) {
            while (!condition.getAsBoolean()) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new AssertionError(why.get() + " within " + timeout);
                }
                try {
                    lock.wait(Math.max(1, left / 1_000_000));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new AssertionError("interrupted", e);
                }
            }
        }
    }

    private void acceptLoop() {
        while (true) {
            Socket client;
            try {
                client = listener.accept();
            } catch (IOException e) {
                return; // closed
            }
            Link link = new Link(client);
            synchronized (lock) {
                if (refusing || closed) {
                    refused++;
                    lock.notifyAll();
                    closeQuietly(client);
                    continue;
                }
                open.add(link); // from here on, cut() closes it, even before its target is connected
                links++;
                lock.notifyAll();
            }
            Socket target = new Socket();
            try {
                target.setReceiveBufferSize(TARGET_RECEIVE_BUFFER_BYTES); // before connect: a fixed TCP window
                target.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), targetPort), 5000);
                client.setTcpNoDelay(true);
                target.setTcpNoDelay(true);
            } catch (IOException e) {
                closeQuietly(target);
                synchronized (lock) {
                    if (open.remove(link)) { // the target refused (not a cut() while connecting)
                        links--;
                        refused++;
                    }
                    lock.notifyAll();
                }
                link.close();
                continue;
            }
            if (!link.connected(target)) {
                closeQuietly(target); // cut while connecting
                continue;
            }
            link.start();
        }
    }

    /** One client's connection and the proxy's connection to the target, with a pump each way. */
    private final class Link {
        private final Socket client;
        private Socket target;

        Link(Socket client) {
            this.client = client;
        }

        /** @return false if the link was cut while its target was being connected */
        boolean connected(Socket socket) {
            synchronized (lock) {
                target = socket;
                return open.contains(this) && !closed;
            }
        }

        void start() {
            String name = "link-proxy-" + client.getPort();
            Thread up = new Thread(() -> pump(client, target, false), name + "-to-target");
            Thread down = new Thread(() -> pump(target, client, true), name + "-to-client");
            up.setDaemon(true);
            down.setDaemon(true);
            up.start();
            down.start();
        }

        private void pump(Socket from, Socket to, boolean towardsClient) {
            byte[] buffer = new byte[BUFFER_BYTES];
            try {
                InputStream in = from.getInputStream();
                OutputStream out = to.getOutputStream();
                while (true) {
                    if (!awaitFlowing()) {
                        return;
                    }
                    int n = in.read(buffer);
                    if (n < 0) {
                        break;
                    }
                    int sent = 0;
                    while (sent < n) {
                        int allowed = allowance(towardsClient, n - sent);
                        if (allowed < 0) {
                            return; // this link was cut
                        }
                        out.write(buffer, sent, allowed);
                        out.flush();
                        sent += allowed;
                    }
                }
            } catch (IOException e) {
                // the link was cut, or a peer reset it: close both sides below
            }
            synchronized (lock) {
                open.remove(this);
                lock.notifyAll();
            }
            close();
        }

        /** Waits while stalled; false once this link is closed. */
        private boolean awaitFlowing() {
            synchronized (lock) {
                while (stalled && open.contains(this) && !closed) {
                    waitOnLock();
                }
                return open.contains(this) && !closed;
            }
        }

        /**
         * Waits until some of {@code wanted} bytes may be forwarded now, and counts them as
         * forwarded (before they are written, so that a peer that has read them sees them counted).
         *
         * @return how many (1 to wanted), or -1 once this link is closed
         */
        private int allowance(boolean towardsClient, int wanted) {
            synchronized (lock) {
                while (true) {
                    if (!open.contains(this) || closed) {
                        return -1;
                    }
                    if (!stalled) {
                        if (!towardsClient) {
                            bytesToTarget += wanted;
                            lock.notifyAll();
                            return wanted;
                        }
                        long left = stallAtToClient - bytesToClient;
                        if (left > 0) {
                            int granted = (int) Math.min(wanted, left);
                            bytesToClient += granted;
                            if (bytesToClient >= stallAtToClient) {
                                stalled = true;
                            }
                            lock.notifyAll();
                            return granted;
                        }
                        stalled = true;
                        lock.notifyAll();
                    }
                    waitOnLock();
                }
            }
        }

        private void waitOnLock() {
            try {
                lock.wait();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new UncheckedIOException(new IOException("interrupted", e));
            }
        }

        void close() {
            closeQuietly(client);
            Socket t;
            synchronized (lock) {
                t = target;
            }
            if (t != null) {
                closeQuietly(t);
            }
        }
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing: nothing to do
        }
    }

    /** Stops accepting and cuts every link. */
    @Override
    public void close() {
        synchronized (lock) {
            closed = true;
            lock.notifyAll();
        }
        try {
            listener.close();
        } catch (IOException ignored) {
            // closing: nothing to do
        }
        cut();
    }
}
