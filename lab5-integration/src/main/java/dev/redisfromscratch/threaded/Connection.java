package dev.redisfromscratch.threaded;

import dev.redisfromscratch.client.Client;
import dev.redisfromscratch.clients.ClientConnection;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.channels.CancelledKeyException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.time.Clock;

/**
 * One client's socket, served by its own thread.
 *
 * <p>The socket is non-blocking, and the thread waits for it in a {@link Selector} of its own
 * instead of in a blocking {@code read()}. That is what lets another thread reach it: when a
 * {@code PUBLISH} on another connection appends a message to this client's reply buffer, it calls
 * {@link Client#requestWrite()}, which {@linkplain #wakeup() wakes} this thread to send it. A thread
 * stuck in a blocking {@code read()} could not be woken, and a publisher writing to a subscriber's
 * socket itself would block on a subscriber that does not read.
 *
 * <p>Nothing here blocks except {@link #awaitEvents}: {@link #read()} takes what has arrived, and
 * {@link #write()} sends what the socket accepts now and leaves the rest in the reply buffer, to
 * be sent when the socket is writable again ({@code OP_WRITE} interest only while bytes wait). So
 * a thread never blocks on a socket while it holds the global lock.
 *
 * <p>Redis: {@code connection.c} and {@code networking.c} ({@code readQueryFromClient},
 * {@code writeToClient}, {@code connSetWriteHandler}).
 */
public final class Connection implements ClientConnection {
    private final SocketChannel channel;
    private final Client client;
    private final Clock clock;
    private final Selector selector;
    private final SelectionKey key;
    private final String localAddress;
    private final long createdMillis;
    private volatile long lastInteractionMillis;
    private volatile boolean closed;
    private int interestOps = SelectionKey.OP_READ;

    /**
     * @param channel an accepted socket; made non-blocking here
     * @param client the client made for it ({@code RequestLoop.newClient})
     * @param clock the server's clock, for {@code age} and {@code idle}
     * @throws IOException if the socket cannot be set up (the caller closes it)
     */
    public Connection(SocketChannel channel, Client client, Clock clock) throws IOException {
        this.channel = channel;
        this.client = client;
        this.clock = clock;
        channel.configureBlocking(false);
        channel.socket().setTcpNoDelay(true);
        this.selector = Selector.open();
        this.key = channel.register(selector, SelectionKey.OP_READ);
        InetSocketAddress local = (InetSocketAddress) channel.getLocalAddress();
        this.localAddress = local.getAddress().getHostAddress() + ":" + local.getPort();
        this.createdMillis = clock.millis();
        this.lastInteractionMillis = createdMillis;
        client.onWriteRequested(this::wakeup);
    }

    /**
     * Waits, without any lock, until the socket has bytes to read, has room for pending output,
     * another thread {@linkplain #wakeup() wakes} it, or {@code timeoutMillis} pass.
     *
     * @param timeoutMillis the longest wait, ms (&gt; 0)
     * @throws IOException if the selector fails
     */
    public void awaitEvents(long timeoutMillis) throws IOException {
        selector.select(timeoutMillis);
        selector.selectedKeys().clear();
    }

    /**
     * Reads what has arrived (at most 16 KiB) into the client's query buffer. Never blocks.
     *
     * @return bytes read, 0 if none were waiting, -1 if the client closed its side
     * @throws IOException if the connection was reset
     */
    public int read() throws IOException {
        int n = client.query().readFrom(channel);
        if (n > 0) {
            lastInteractionMillis = clock.millis();
        }
        return n;
    }

    /**
     * Sends as much of the reply buffer as the socket takes now, and asks to be woken when it can
     * take more if anything is left. Call it under the global lock: the reply buffer is shared with
     * the threads that push messages into it.
     *
     * @return bytes sent by this call
     * @throws IOException if the connection was reset
     */
    public int write() throws IOException {
        int n = client.reply().writeTo(channel);
        int ops = client.reply().hasPending() ? SelectionKey.OP_READ | SelectionKey.OP_WRITE : SelectionKey.OP_READ;
        try {
            if (ops != interestOps) { // only a change costs the selector an update (epoll_ctl)
                key.interestOps(ops);
                interestOps = ops;
            }
        } catch (CancelledKeyException closedMeanwhile) {
            throw new ClosedChannelException(); // CLIENT KILL, timeout or shutdown closed it
        }
        return n;
    }

    /** @return whether output is still waiting for the socket */
    public boolean hasPendingOutput() {
        return client.reply().hasPending();
    }

    /** Wakes the thread waiting in {@link #awaitEvents}, from any thread. */
    public void wakeup() {
        selector.wakeup();
    }

    /** @return whether the connection is still open */
    public boolean isOpen() {
        return !closed;
    }

    @Override
    public Client client() {
        return client;
    }

    @Override
    public String localAddress() {
        return localAddress;
    }

    @Override
    public int fd() {
        return -1; // the JDK does not expose a socket's descriptor
    }

    @Override
    public long createdMillis() {
        return createdMillis;
    }

    @Override
    public long lastInteractionMillis() {
        return lastInteractionMillis;
    }

    @Override
    public long pendingOutputBytes() {
        return client.reply().size() - client.reply().sentBytes();
    }

    @Override
    public void close() {
        closed = true;
        try {
            channel.close();
        } catch (IOException ignored) {
            // closing anyway
        }
        selector.wakeup();
    }

    /** Releases the selector; called by the client's thread when it is done. */
    void release() {
        try {
            selector.close();
        } catch (IOException ignored) {
            // nothing to do
        }
    }
}
