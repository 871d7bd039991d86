package dev.redisfromscratch.eventloop;

import dev.redisfromscratch.client.Client;
import dev.redisfromscratch.clients.ClientConnection;
import dev.redisfromscratch.clients.ClientRegistry;
import dev.redisfromscratch.protocol.ReplyWriter;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.CancelledKeyException;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.nio.channels.WritableByteChannel;
import java.time.Clock;

/**
 * One client's non-blocking socket, served by the event loop: it reads into the client's query
 * buffer, and writes straight from the client's reply buffer ({@link ReplyWriter#writeTo}, which
 * remembers how far a partial write got), never more than a cap per pass.
 *
 * <p><b>Write interest.</b> The socket is registered for {@code OP_READ} only. When a write leaves
 * bytes behind (the peer's receive window or our send buffer is full), {@link #updateWriteInterest}
 * adds {@code OP_WRITE}, so the loop hears when the socket can take more; once everything has
 * gone, it removes it again: a socket that is always writable would otherwise wake the loop on
 * every pass (a busy loop). That is backpressure: a client that does not read holds up nobody; its
 * replies wait in its own buffer, up to lab 5's output buffer limits.
 *
 * <p>Used by the loop's thread only, except {@link #close()} and the read-only getters.
 *
 * <p>Redis: {@code networking.c}, {@code readQueryFromClient}, {@code writeToClient},
 * {@code _writeToClient} ({@code c->sentlen}), {@code sendReplyToClient} (the write handler),
 * {@code connSetWriteHandler}.
 */
public final class LoopConnection implements ClientConnection {
    private final SocketChannel channel;
    private final byte[] sharedQueryBuffer;
    private final Client client;
    private final Clock clock;
    private final ClientRegistry stats;
    private final String localAddress;
    private final long createdMillis;
    private final CappedChannel capped;
    private SelectionKey key;
    private volatile long lastInteractionMillis;
    private volatile boolean closed;
    private volatile int interestOps = SelectionKey.OP_READ;
    private boolean closing;           // QUIT or a protocol error: send what is pending, then close
    boolean pendingWrite;              // on the loop's pending-writes list (EventLoopServer)
    boolean woken;                     // another client's command wrote to it (PUBLISH, a served BLPOP)

    /**
     * @param channel an accepted, non-blocking socket
     * @param client the client made for it ({@code RequestLoop.newClient})
     * @param clock the server's clock, for {@code age} and {@code idle}
     * @param stats where bytes read and written are counted ({@code total_net_input_bytes}, ...)
     * @param sharedQueryBuffer the loop's read array (16 KiB), lent to the query buffer of a client
     *     that holds no unfinished request ({@code QueryBuffer.readFrom(channel, shared)})
     * @throws IOException if the socket's addresses cannot be read
     */
    public LoopConnection(SocketChannel channel, Client client, Clock clock, ClientRegistry stats,
                          byte[] sharedQueryBuffer) throws IOException {
        this.channel = channel;
        this.sharedQueryBuffer = sharedQueryBuffer;
        this.client = client;
        this.clock = clock;
        this.stats = stats;
        this.capped = new CappedChannel(channel);
        InetSocketAddress local = (InetSocketAddress) channel.getLocalAddress();
        this.localAddress = local.getAddress().getHostAddress() + ":" + local.getPort();
        this.createdMillis = clock.millis();
        this.lastInteractionMillis = createdMillis;
    }

    /** Sets the key the loop registered the socket with (once, right after registering). */
    void key(SelectionKey key) {
        this.key = key;
    }

    /** @return the socket */
    public SocketChannel channel() {
        return channel;
    }

    /**
     * Reads once what has arrived, at most 16 KiB ({@code QueryBuffer.READ_CHUNK}), into the
     * client's query buffer. Never blocks.
     *
     * @return bytes read, 0 if none were waiting, -1 if the client closed its side
     * @throws IOException if the connection was reset
     */
    public int read() throws IOException {
        int n = client.query().readFrom(channel, sharedQueryBuffer); // borrowed unless a request is unfinished
        if (n > 0) {
            lastInteractionMillis = clock.millis();
            if (!stats.afterRead(this, n)) { // counts it; false: a read check (client-query-buffer-limit) closed it
                return -1;
            }
        }
        return n;
    }

    /**
     * Writes the client's pending replies, as much as the socket takes now but at most
     * {@code maxBytes} in this call, so that one client with a big reply cannot keep the loop
     * from the others (Redis's {@code NET_MAX_WRITES_PER_EVENT}, 64 KiB). Never blocks.
     *
     * @param maxBytes the most to write now (&gt; 0)
     * @return bytes written (0 if nothing was pending or the socket's send buffer is full)
     * @throws IOException if the connection was reset or closed
     */
    public int writeToClient(int maxBytes) throws IOException {
        // BEGIN SOLUTION
        ReplyWriter reply = client.reply();
        long now = clock.millis(); // read before the bytes leave: the peer may act on them at once
        int total = 0;
        while (reply.hasPending() && total < maxBytes) {
            capped.cap = maxBytes - total;
            int n = reply.writeTo(capped); // a partial write keeps the rest (sentBytes)
            if (n == 0) {
                break; // the socket's send buffer is full: wait for OP_WRITE
            }
            total += n;
        }
        if (total > 0) {
            stats.countOutput(total);
            lastInteractionMillis = now;
        }
        return total;
        // END SOLUTION
        // STUB: throw new UnsupportedOperationException("TODO(lab7): stage 1: write the pending replies with ReplyWriter.writeTo, at most maxBytes, stopping when the socket takes nothing");
    }

    /**
     * Registers {@code OP_WRITE} interest if replies are still pending, removes it once they have
     * all gone; reads stay on (off once the client is {@linkplain #closing() closing}). Only a
     * change costs a system call ({@code epoll_ctl}).
     */
    public void updateWriteInterest() {
        // BEGIN SOLUTION
        int ops = closing ? 0 : SelectionKey.OP_READ;
        if (client.reply().hasPending()) {
            ops |= SelectionKey.OP_WRITE;
        }
        if (ops != interestOps) {
            try {
                key.interestOps(ops);
                interestOps = ops;
            } catch (CancelledKeyException closedMeanwhile) {
                // CLIENT KILL, a timeout or the shutdown closed it: nothing to wait for
            }
        }
        // END SOLUTION
        // STUB: throw new UnsupportedOperationException("TODO(lab7): stage 2: OP_WRITE interest while replies are pending, removed when drained (no OP_READ once closing); change the key only if the ops changed");
    }

    /** @return whether replies wait to be written */
    public boolean hasPendingOutput() {
        return client.reply().hasPending();
    }

    /** Marks the client to close once its pending replies have gone (QUIT, a protocol error). */
    public void closeAfterReply() {
        closing = true;
    }

    /** @return whether the client closes once its pending replies have gone */
    public boolean closing() {
        return closing;
    }

    /** @return whether the connection is still open */
    public boolean isOpen() {
        return !closed;
    }

    @Override
    public boolean waitingToWrite() {
        return (interestOps & SelectionKey.OP_WRITE) != 0;
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

    /** Closes the socket (its key is cancelled); the loop forgets the client. Safe to call twice, from any thread. */
    @Override
    public void close() {
        closed = true;
        try {
            channel.close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }

    /** A view of the socket that takes at most {@code cap} bytes per write: the per-pass fairness cap. */
    private static final class CappedChannel implements WritableByteChannel {
        private final SocketChannel channel;
        int cap = Integer.MAX_VALUE;

        CappedChannel(SocketChannel channel) {
            this.channel = channel;
        }

        @Override
        public int write(ByteBuffer src) throws IOException {
            int limit = src.limit();
            if (src.remaining() > cap) {
                src.limit(src.position() + cap);
            }
            try {
                return channel.write(src);
            } finally {
                src.limit(limit);
            }
        }

        @Override
        public boolean isOpen() {
            return channel.isOpen();
        }

        @Override
        public void close() throws IOException {
            channel.close();
        }
    }
}
