package dev.redisfromscratch.threaded;

import dev.redisfromscratch.client.Client;
import dev.redisfromscratch.clients.ClientConnection;
import dev.redisfromscratch.clients.ClientRegistry;
import java.io.IOException;
import java.net.InetSocketAddress;
import dev.redisfromscratch.protocol.ReplyWriter;
import java.nio.ByteBuffer;
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
 * {@link #takeReplies()} moves the reply buffer's bytes, under the lock, to an outgoing buffer of
 * this thread's own, and {@link #flush()} sends, without the lock, what the socket accepts now;
 * the rest waits until the socket is writable again ({@code OP_WRITE} interest only while bytes
 * wait). So a thread never holds the global lock during a system call on its socket.
 *
 * <p>Redis: {@code connection.c} and {@code networking.c} ({@code readQueryFromClient},
 * {@code writeToClient}, {@code connSetWriteHandler}).
 */
public final class Connection implements ClientConnection {
    private static final int INITIAL_OUTGOING = 16 * 1024;
    private static final int SHRINK_ABOVE = 1024 * 1024;
    private final SocketChannel channel;
    private final Client client;
    private final Clock clock;
    private final Selector selector;
    private final SelectionKey key;
    private final String localAddress;
    private final ClientRegistry stats;
    private final long createdMillis;
    private volatile long lastInteractionMillis;
    private volatile boolean closed;
    private int interestOps = SelectionKey.OP_READ;
    private ByteBuffer outgoing = ByteBuffer.allocate(INITIAL_OUTGOING); // this client's thread only
    private volatile int outgoingBytes;       // its size, for other threads (CLIENT LIST, limits)
    private volatile boolean writeRequested;  // another thread pushed bytes into the reply buffer

    /**
     * @param channel an accepted socket; made non-blocking here
     * @param client the client made for it ({@code RequestLoop.newClient})
     * @param clock the server's clock, for {@code age} and {@code idle}
     * @throws IOException if the socket cannot be set up (the caller closes it)
     */
    public Connection(SocketChannel channel, Client client, Clock clock) throws IOException {
        this(channel, client, clock, null);
    }

    /**
     * The same, counting the bytes read and written in the client list's statistics
     * ({@code total_net_input_bytes}, {@code total_net_output_bytes}).
     *
     * @param stats where the bytes are counted, or {@code null}
     */
    public Connection(SocketChannel channel, Client client, Clock clock, ClientRegistry stats) throws IOException {
        this.stats = stats;
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
     * Reads what has arrived (at most 16 KiB) into the client's query buffer, then runs the client
     * list's read checks ({@link ClientRegistry#afterRead}). Never blocks.
     *
     * @return bytes read, 0 if none were waiting, -1 if the client closed its side or a read check
     *     closed the connection
     * @throws IOException if the connection was reset
     */
    public int read() throws IOException {
        int n = client.query().readFrom(channel);
        if (n > 0) {
            lastInteractionMillis = clock.millis();
            if (stats != null && !stats.afterRead(this, n)) {
                return -1; // a read check closed it (lab 7's client-query-buffer-limit)
            }
        }
        return n;
    }

    /**
     * Moves the bytes waiting in the client's reply buffer (its own replies, and messages other
     * threads pushed) to this connection's outgoing buffer, which only this client's thread
     * touches. Call it under the global lock, after the append-only file was flushed
     * ({@code RequestLoop.beforeReply}): from then on the bytes may leave without the lock.
     *
     * @return the number of bytes moved
     */
    public int takeReplies() {
        writeRequested = false;
        ReplyWriter reply = client.reply();
        if (!reply.hasPending()) {
            return 0;
        }
        byte[] bytes = reply.toByteArray(); // the unsent bytes, in order
        reply.reset();
        if (outgoing.remaining() < bytes.length) {
            ByteBuffer bigger = ByteBuffer.allocate(Math.max(outgoing.capacity() * 2, outgoing.position() + bytes.length));
            outgoing.flip();
            bigger.put(outgoing);
            outgoing = bigger;
        }
        outgoing.put(bytes);
        outgoingBytes = outgoing.position();
        return bytes.length;
    }

    /**
     * Sends as much of the outgoing buffer as the socket takes now, without any lock, and asks to
     * be woken when it can take more if anything is left ({@code OP_WRITE} interest, removed once
     * drained). Never blocks.
     *
     * @return bytes sent by this call
     * @throws IOException if the connection was reset or closed
     */
    public int flush() throws IOException {
        int n = 0;
        if (outgoing.position() > 0) {
            long now = clock.millis(); // read before the bytes leave: the peer may act on them at once
            outgoing.flip();
            n = channel.write(outgoing); // as much as the socket's send buffer takes
            outgoing.compact();
            outgoingBytes = outgoing.position();
            if (n > 0) {
                lastInteractionMillis = now; // being served counts as interaction (Redis: writeToClient)
                if (stats != null) {
                    stats.countOutput(n);
                }
            }
        }
        int ops = outgoing.position() > 0 ? SelectionKey.OP_READ | SelectionKey.OP_WRITE : SelectionKey.OP_READ;
        try {
            if (ops != interestOps) { // only a change costs the selector an update (epoll_ctl)
                key.interestOps(ops);
                interestOps = ops;
            }
        } catch (CancelledKeyException closedMeanwhile) {
            throw new ClosedChannelException(); // CLIENT KILL, timeout or shutdown closed it
        }
        if (outgoing.capacity() > SHRINK_ABOVE && outgoing.position() == 0) {
            outgoing = ByteBuffer.allocate(INITIAL_OUTGOING); // a big reply's buffer is not kept
        }
        return n;
    }

    /** @return whether bytes taken from the reply buffer still wait for the socket (this client's thread) */
    public boolean hasPendingOutput() {
        return outgoing.position() > 0;
    }

    /**
     * @return whether another thread asked this one to send something since its last
     *     {@link #takeReplies()}: a message pushed into its reply buffer
     */
    public boolean writeRequested() {
        return writeRequested;
    }

    /** Wakes the thread waiting in {@link #awaitEvents}, from any thread, to send what was pushed to it. */
    public void wakeup() {
        writeRequested = true;
        selector.wakeup();
    }

    @Override
    public boolean waitingToWrite() {
        try {
            return (key.interestOps() & SelectionKey.OP_WRITE) != 0;
        } catch (CancelledKeyException closed) {
            return false;
        }
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
        return client.reply().size() - client.reply().sentBytes() + outgoingBytes;
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
