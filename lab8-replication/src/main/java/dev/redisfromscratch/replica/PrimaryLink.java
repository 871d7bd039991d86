package dev.redisfromscratch.replica;

import dev.redisfromscratch.client.Client;
import dev.redisfromscratch.client.ClientFlag;
import dev.redisfromscratch.clients.ClientRegistry;
import dev.redisfromscratch.command.CommandPipeline;
import dev.redisfromscratch.config.ServerConfig;
import dev.redisfromscratch.eventloop.EventLoop;
import dev.redisfromscratch.protocol.ProtocolException;
import dev.redisfromscratch.protocol.QueryBuffer;
import dev.redisfromscratch.replication.ReplicationState;
import dev.redisfromscratch.resp.Protocol;
import dev.redisfromscratch.store.Databases;
import dev.redisfromscratch.store.ExpiryMode;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.List;
import java.util.function.Consumer;

/**
 * The replica's link to its primary: one non-blocking socket on the event loop, from the connect
 * through the handshake ({@link Handshake}) and the snapshot ({@link SyncPayload}, loaded into the
 * emptied databases) to the command stream, which runs through the command pipeline as a client
 * flagged {@link ClientFlag#PRIMARY} whose replies are dropped.
 *
 * <pre>
 *   state        what it waits for                      ROLE's word     INFO master_link_status
 *   NONE         nothing: this server is a primary       -               -
 *   CONNECT      the next second (replicationCron)       connect         down
 *   CONNECTING   the TCP connect (OP_CONNECT)            connecting      down
 *   HANDSHAKE    the primary's reply lines               handshake       down
 *   TRANSFER     the snapshot's bytes                    sync            down
 *   CONNECTED    the command stream                      connected       up
 * </pre>
 *
 * <p><b>Offsets.</b> The replica's offset ({@link ReplicationState#offset()}) counts the bytes of
 * the stream's commands it has applied, each command's bytes counted once it has run; so the
 * acknowledgement a {@code REPLCONF GETACK} asks for does not include the GETACK itself.
 * {@code slave_read_repl_offset} counts every byte read, a command's half included.
 *
 * <p>Every method runs on the event loop's thread.
 *
 * <p>Redis: {@code replication.c}, {@code connectWithMaster}, {@code syncWithMaster},
 * {@code readSyncBulkPayload}, {@code replicationCreateMasterClient}, {@code replicationCacheMaster},
 * {@code replicationResurrectCachedMaster}, {@code replicationSendAck}; {@code networking.c},
 * {@code processInputBuffer} ({@code c->reploff} for the master client).
 */
public final class PrimaryLink {
    /** Where the link stands (Redis: {@code server.repl_state}). */
    public enum LinkState {
        /** No primary: this server is one. */
        NONE("none"),
        /** A primary is configured; the link is made at the next second. */
        CONNECT("connect"),
        /** The TCP connection is being made. */
        CONNECTING("connecting"),
        /** PING, REPLCONF, PSYNC. */
        HANDSHAKE("handshake"),
        /** Receiving the snapshot of a full resynchronization. */
        TRANSFER("sync"),
        /** Applying the command stream. */
        CONNECTED("connected");

        private final String roleWord;

        LinkState(String roleWord) {
            this.roleWord = roleWord;
        }

        /** @return the word {@code ROLE} shows for it */
        public String roleWord() {
            return roleWord;
        }
    }

    private static final int READ_CHUNK = QueryBuffer.READ_CHUNK;
    private static final long NEVER = Long.MIN_VALUE;
    /** Reads of the snapshot per readiness event: 64 × 64 KiB = 4 MiB, then the loop serves the others. */
    private static final int TRANSFER_READS_PER_EVENT = 64;

    private final ServerConfig config;
    private final Databases dbs;
    private final CommandPipeline pipeline;
    private final ClientRegistry clients;
    private final ReplicationState state;
    private final SnapshotLoader loader;
    private final Acknowledgements acks;
    private final Clock clock;
    private final Consumer<String> log;
    private final Downstream downstream;
    private EventLoop loop;
    private Runnable snapshotLoaded = () -> { };
    private java.util.function.BooleanSupplier shuttingDown = () -> false;

    private String host;
    private int port;
    private LinkState linkState = LinkState.NONE;
    private SocketChannel channel;
    private SelectionKey key;
    private final ArrayDeque<ByteBuffer> output = new ArrayDeque<>();
    private final byte[] readArray = new byte[4 * READ_CHUNK];
    private final StringBuilder line = new StringBuilder();
    private Handshake handshake;
    private SyncPayload payload;
    private String fullResyncReplid;
    private long fullResyncOffset;
    private PrimaryClient primary;
    private long appended; // bytes of the stream put into the primary client's query buffer
    private byte[] unrelayed = new byte[READ_CHUNK]; // bytes read, not yet applied and relayed
    private int unrelayedLength;
    private long consumed; // of those, the bytes of the commands applied (whole commands only)
    private long streamBase; // the replication offset the stream began at
    private long lastIoMillis;
    private long transferLastIoMillis;
    private long downSinceMillis = NEVER;

    /**
     * @param config this server's configuration: its {@code port} (told to the primary),
     *     {@code repl-timeout} (seconds, 60 by default)
     * @param dbs the databases a full resynchronization replaces
     * @param pipeline runs the stream's commands
     * @param clients the client list, where the primary's client appears ({@code flags=M})
     * @param state the replication ID and offset, taken over from the primary
     * @param loader reads a snapshot (an RDB file) into the databases
     * @param acks answers {@code REPLCONF GETACK} and remembers the primary when the link drops
     * @param clock the server's clock
     * @param log receives Redis's log lines
     * @param downstream this server's own backlog and replicas: the applied stream is relayed to
     *     them, and they learn of a new history
     */
    public PrimaryLink(ServerConfig config, Databases dbs, CommandPipeline pipeline, ClientRegistry clients,
                       ReplicationState state, SnapshotLoader loader, Acknowledgements acks, Clock clock,
                       Consumer<String> log, Downstream downstream) {
        this.config = config;
        this.dbs = dbs;
        this.pipeline = pipeline;
        this.clients = clients;
        this.state = state;
        this.loader = loader;
        this.acks = acks;
        this.clock = clock;
        this.log = log;
        this.downstream = downstream;
    }

    /**
     * Gives the link its event loop, once the server has started.
     *
     * @param eventLoop the loop the link's socket and timer live on
     * @param shuttingDown whether the server is closing (then the primary's client closing is no
     *     lost link)
     */
    public void attach(EventLoop eventLoop, java.util.function.BooleanSupplier shuttingDown) {
        this.loop = eventLoop;
        this.shuttingDown = shuttingDown;
    }

    /**
     * Adds what to do once a full resynchronization's snapshot is loaded, before the stream
     * flows (the server restarts its append-only file, so that it holds the new data).
     */
    public void onSnapshotLoaded(Runnable work) {
        Runnable before = snapshotLoaded;
        snapshotLoaded = () -> {
            before.run();
            work.run();
        };
    }

    // ------------------------------------------------------------------------------ configuration

    /**
     * Replicates from {@code host:port} from now on: a link to another primary is dropped (its
     * state is cached, so the new primary may continue it), and the connection is made at the next
     * second, or at once if the loop runs.
     */
    public void follow(String newHost, int newPort) {
        if (linkState != LinkState.NONE) {
            disconnect(true);
        }
        host = newHost;
        port = newPort;
        linkState = LinkState.CONNECT;
        downSinceMillis = NEVER;
        dbs.expiryMode(ExpiryMode.REPLICA);
        log.accept("Connecting to MASTER " + host + ":" + port);
        if (loop != null) {
            connect();
        }
    }

    /**
     * Stops replicating ({@code REPLICAOF NO ONE}): the link is dropped without caching the primary,
     * keys expire here again.
     */
    public void unfollow() {
        disconnect(false);
        if (acks.cachedReplid() != null) {
            log.accept("Discarding previously cached master state.");
            acks.forgetPrimary();
        }
        host = null;
        port = 0;
        linkState = LinkState.NONE;
        dbs.expiryMode(ExpiryMode.PRIMARY);
        downstream.forceSelect();
    }

    /** @return whether a primary is configured ({@code server.masterhost}) */
    public boolean isReplica() {
        return linkState != LinkState.NONE;
    }

    /** @return the primary's host, or {@code null} */
    public String host() {
        return host;
    }

    /** @return the primary's port, or 0 */
    public int port() {
        return port;
    }

    /** @return where the link stands */
    public LinkState linkState() {
        return linkState;
    }

    // ------------------------------------------------------------------------------ what INFO shows

    /** @return {@code master_last_io_seconds_ago}: seconds since the primary last sent bytes, or -1 */
    public long lastIoSecondsAgo() {
        return primary == null ? -1 : (now() - lastIoMillis) / 1000;
    }

    /** @return {@code slave_repl_offset}: the offset of the commands applied (1 before any link) */
    public long appliedOffset() {
        if (primary != null || acks.cachedReplid() != null) {
            return state.offset();
        }
        return 1;
    }

    /** @return {@code slave_read_repl_offset}: the offset of every byte read from the stream */
    public long readOffset() {
        if (primary != null) {
            return streamBase + appended;
        }
        return appliedOffset();
    }

    /** @return {@code master_link_down_since_seconds}: seconds the link has been down, -1 if it was never up */
    public long downSinceSeconds() {
        return downSinceMillis == NEVER ? -1 : (now() - downSinceMillis) / 1000;
    }

    /** @return the snapshot being received, while {@link LinkState#TRANSFER}, else {@code null} */
    public SyncPayload transfer() {
        return linkState == LinkState.TRANSFER ? payload : null;
    }

    /** @return seconds since the last bytes of the snapshot arrived ({@code master_sync_last_io_seconds_ago}) */
    public long transferLastIoSecondsAgo() {
        return (now() - transferLastIoMillis) / 1000;
    }

    // ------------------------------------------------------------------------------ the cron

    /**
     * Once a second: connects if a primary is configured and no link is up; drops a link whose
     * primary has been silent longer than {@code repl-timeout}; sends {@code REPLCONF ACK} on a
     * connected link.
     *
     * <p>Redis: {@code replication.c}, {@code replicationCron}.
     */
    public void cron() {
        long now = now();
        long timeoutMillis = replTimeoutSeconds() * 1000;
        switch (linkState) {
            case CONNECT -> connect();
            case CONNECTING, HANDSHAKE -> {
                if (now - lastIoMillis > timeoutMillis) {
                    log.accept("Timeout connecting to the MASTER...");
                    disconnect(true);
                    linkState = LinkState.CONNECT;
                }
            }
            case TRANSFER -> {
                if (now - transferLastIoMillis > timeoutMillis) {
                    log.accept("Timeout receiving bulk data from MASTER... If the problem persists try to set the "
                            + "'repl-timeout' parameter in redis.conf to a larger value.");
                    disconnect(true);
                    linkState = LinkState.CONNECT;
                }
            }
            case CONNECTED -> {
                if (now - lastIoMillis > timeoutMillis) {
                    log.accept("MASTER timeout: no data nor PING received...");
                    linkLost();
                    return;
                }
                sendAck();
            }
            default -> { }
        }
    }

    /**
     * @return a monotonic time in ms for the link's timeouts and ages (as the loop's timers): the
     *     server's clock may be a test's manual clock, or jump
     */
    private static long now() {
        return System.nanoTime() / 1_000_000;
    }

    private long replTimeoutSeconds() {
        String value = config.all().get("repl-timeout");
        return value == null ? 60 : Long.parseLong(value);
    }

    // ------------------------------------------------------------------------------ connect

    private void connect() {
        try {
            channel = SocketChannel.open();
            channel.configureBlocking(false);
            lastIoMillis = now();
            boolean connected = channel.connect(new InetSocketAddress(host, port));
            key = loop.register(channel, connected ? SelectionKey.OP_READ : SelectionKey.OP_CONNECT, this::ready);
            linkState = LinkState.CONNECTING;
            log.accept("MASTER <-> REPLICA sync started");
            if (connected) {
                connected();
            }
        } catch (IOException | RuntimeException e) {
            if (e instanceof RuntimeException && !(e.getCause() instanceof IOException)
                    && !(e instanceof java.nio.channels.UnresolvedAddressException)
                    && !(e instanceof java.nio.channels.UnsupportedAddressTypeException)) {
                throw (RuntimeException) e;
            }
            log.accept("Unable to connect to MASTER: " + e.getMessage());
            closeChannel();
            linkState = LinkState.CONNECT;
        }
    }

    private void ready(int ops) {
        try {
            if ((ops & SelectionKey.OP_CONNECT) != 0) {
                try {
                    channel.finishConnect();
                } catch (IOException refused) {
                    log.accept("Error condition on socket for SYNC: " + refused.getMessage());
                    closeChannel();
                    linkState = LinkState.CONNECT;
                    return;
                }
                log.accept("Non blocking connect for SYNC fired the event.");
                connected();
                return;
            }
            if ((ops & SelectionKey.OP_WRITE) != 0) {
                flush();
            }
            if ((ops & SelectionKey.OP_READ) != 0 && channel != null) {
                read();
            }
        } catch (IOException lost) {
            if (linkState == LinkState.CONNECTED) {
                linkLost();
            } else {
                log.accept("I/O error with MASTER during the sync: " + lost.getMessage());
                disconnect(true);
                linkState = LinkState.CONNECT;
            }
        }
    }

    private void connected() throws IOException {
        key.interestOps(SelectionKey.OP_READ);
        linkState = LinkState.HANDSHAKE;
        handshake = new Handshake(config.port(), acks.cachedReplid(), acks.cachedOffset(), log);
        line.setLength(0);
        send(handshake.start()); // *1\r\n$4\r\nPING\r\n
    }

    // ------------------------------------------------------------------------------ read

    private void read() throws IOException {
        if (linkState == LinkState.CONNECTED) {
            readStream();
            return;
        }
        // a snapshot arrives fastest in big reads: up to TRANSFER_READS_PER_EVENT of them per event
        for (int reads = 0; reads < TRANSFER_READS_PER_EVENT; reads++) {
            int n = readOnce();
            if (n < readArray.length || linkState != LinkState.TRANSFER) {
                return;
            }
        }
    }

    /** @return how many bytes one read took (0: none waiting) */
    private int readOnce() throws IOException {
        int n = channel.read(ByteBuffer.wrap(readArray));
        if (n < 0) {
            throw new IOException("Connection closed by the primary");
        }
        lastIoMillis = now();
        int i = 0;
        while (i < n && linkState == LinkState.HANDSHAKE) {
            byte b = readArray[i++];
            if (b == '\n') {
                String reply = line.toString();
                line.setLength(0);
                handshakeReply(reply.endsWith("\r") ? reply.substring(0, reply.length() - 1) : reply);
            } else {
                line.append((char) (b & 0xff));
            }
        }
        if (i < n && linkState == LinkState.TRANSFER) {
            i += receivePayload(readArray, i, n - i);
        }
        if (i < n && linkState == LinkState.CONNECTED) {
            primary.client().query().append(readArray, i, n - i); // the stream's first bytes
            received(readArray, i, n - i);
            applyStream();
        }
        return n;
    }

    private void handshakeReply(String reply) throws IOException {
        Handshake.Step step = handshake.onReply(reply);
        if (step.send() != null) {
            send(step.send());
        }
        if (step.failure() != null) {
            log.accept(step.failure());
            disconnect(true);
            linkState = LinkState.CONNECT; // retried at the next second
        } else if (step.fullResync() != null) {
            fullResyncReplid = step.fullResync();
            fullResyncOffset = step.fullResyncOffset();
            payload = new SyncPayload();
            transferLastIoMillis = now();
            linkState = LinkState.TRANSFER;
        } else if (step.partialResync() != null) {
            log.accept("MASTER <-> REPLICA sync: Master accepted a Partial Resynchronization.");
            String cached = acks.cachedReplid();
            if (!step.partialResync().equals(cached)) {
                state.shiftReplid(); // the old history stays valid up to here (replid2)
                state.adopt(step.partialResync(), state.offset());
                log.accept("Master replication ID changed to " + step.partialResync());
                downstream.disconnectReplicas(); // so that they learn the new ID
            } else {
                state.adopt(cached, acks.cachedOffset());
            }
            int db = acks.cachedDb();
            acks.forgetPrimary(); // resurrected: the link is the primary's client again
            startStream(db);
        }
    }

    private int receivePayload(byte[] bytes, int off, int len) throws IOException {
        boolean started = payload.started();
        int taken = payload.feed(bytes, off, len);
        transferLastIoMillis = now();
        if (!started && payload.started()) {
            log.accept(payload.eofMarked()
                    ? "MASTER <-> REPLICA sync: receiving streamed RDB from master with EOF to disk"
                    : "MASTER <-> REPLICA sync: receiving " + payload.announcedLength() + " bytes from master to disk");
        }
        if (payload.done()) {
            loadSnapshot();
        }
        return taken;
    }

    private void loadSnapshot() throws IOException {
        if (acks.cachedReplid() != null) {
            log.accept("Discarding previously cached master state.");
            acks.forgetPrimary();
        }
        boolean streamed = payload.eofMarked();
        java.io.InputStream rdb = payload.snapshotStream();
        payload = null;
        downstream.disconnectReplicas(); // they must resync with the new history too
        log.accept("MASTER <-> REPLICA sync: Flushing old data");
        for (int db = 0; db < dbs.count(); db++) {
            dbs.db(db).clear();
        }
        log.accept("MASTER <-> REPLICA sync: Loading DB in memory");
        dbs.expiryMode(ExpiryMode.LOADING);
        try {
            long keys = loader.load(rdb, dbs);
            log.accept("Done loading RDB, keys loaded: " + keys + ", keys expired: 0.");
        } catch (IOException | RuntimeException e) {
            log.accept("Failed trying to load the MASTER synchronization DB from socket: " + e.getMessage());
            for (int db = 0; db < dbs.count(); db++) {
                dbs.db(db).clear();
            }
            dbs.expiryMode(ExpiryMode.REPLICA);
            throw new IOException("bad snapshot", e);
        }
        dbs.expiryMode(ExpiryMode.REPLICA);
        snapshotLoaded.run();
        state.adopt(fullResyncReplid, fullResyncOffset);
        state.clearReplid2();
        downstream.newBacklog(); // kept whether or not replicas come: a promoted replica needs it
        startStream(0);
        log.accept("MASTER <-> REPLICA sync: Finished with success");
        if (streamed) {
            sendAck(); // a streamed snapshot: the primary puts this replica online on its first ACK
        }
    }

    // ------------------------------------------------------------------------------ the stream

    private void startStream(int db) {
        Client client = new Client(host + ":" + port, Protocol.requestDecoder(config));
        client.set(ClientFlag.PRIMARY);
        client.db(db);
        primary = new PrimaryClient(client, this, localAddress(), clock.millis());
        clients.add(primary);
        client.set(ClientFlag.AUTHENTICATED); // after onAdd: the primary is trusted, as Redis's master client
        appended = 0;
        consumed = 0;
        unrelayedLength = 0;
        streamBase = state.offset();
        lastIoMillis = now();
        downSinceMillis = NEVER;
        linkState = LinkState.CONNECTED;
    }

    private void readStream() throws IOException {
        QueryBuffer query = primary.client().query();
        int n = query.readFrom(channel);
        if (n < 0) {
            throw new IOException("Connection closed by the primary");
        }
        if (n == 0) {
            return;
        }
        // not in total_net_input_bytes: Redis 7.0 counts its primary's bytes apart (total_net_repl_input_bytes)
        received(query.array(), query.end() - n, n);
        lastIoMillis = now();
        primary.touched(clock.millis());
        applyStream();
    }

    /**
     * Runs every whole command in the primary client's query buffer, dropping its replies (keys
     * past their expire time still exist for these commands), and advances the replication offset by each command's bytes once it has run. A
     * {@code REPLCONF GETACK} is answered here ({@link Acknowledgements#answerGetAck}), with the
     * offset before it.
     */
    private void applyStream() throws IOException {
        // for its primary's commands nothing has expired: the primary decides (its DEL comes in
        // the stream), as Redis's expireIfNeeded answers "not expired" for the master client
        dbs.expiryMode(ExpiryMode.LOADING);
        long relayedUpTo = consumed;
        try {
            applyCommands();
        } finally {
            if (linkState != LinkState.NONE) {
                dbs.expiryMode(ExpiryMode.REPLICA);
            }
            relay(consumed - relayedUpTo); // once per read: the commands applied from it
        }
    }

    private void applyCommands() throws IOException {
        Client client = primary.client();
        QueryBuffer query = client.query();
        while (linkState == LinkState.CONNECTED) {
            List<byte[]> argv;
            try {
                argv = client.framer().next(query);
            } catch (ProtocolException e) {
                log.accept("Protocol error from MASTER: " + e.getMessage());
                linkLost();
                return;
            }
            if (argv == null) {
                return; // the rest of a command comes with a later read
            }
            // the bytes consumed so far end exactly where this command ends
            long through = appended - query.readable();
            if (!argv.isEmpty()) {
                // REPLCONF GETACK too: it answers (Acknowledgements.answerGetAck) before the
                // offset below counts the GETACK itself
                pipeline.processCommand(client, argv);
                client.reply().reset(); // a primary's commands get no replies
            }
            state.advance(through - consumed);
            consumed = through;
        }
    }

    /** Keeps a copy of bytes just read from the stream, to relay once their command has run. */
    private void received(byte[] bytes, int off, int len) {
        appended += len;
        if (unrelayedLength + len > unrelayed.length) {
            unrelayed = java.util.Arrays.copyOf(unrelayed, Math.max(unrelayed.length * 2, unrelayedLength + len));
        }
        System.arraycopy(bytes, off, unrelayed, unrelayedLength, len);
        unrelayedLength += len;
    }

    /**
     * Passes the first {@code bytes} not yet relayed (whole commands, applied) on to this server's
     * backlog and replicas, as they came: a chained replica sees the same stream and offsets.
     *
     * <p>Redis: {@code replication.c}, {@code replicationFeedStreamFromMasterStream}.
     */
    private void relay(long bytes) {
        int n = (int) bytes;
        if (n == 0) {
            return;
        }
        downstream.relay(unrelayed, 0, n);
        System.arraycopy(unrelayed, n, unrelayed, 0, unrelayedLength - n);
        unrelayedLength -= n;
    }

    /**
     * Sends {@code REPLCONF ACK <offset>} with the offset of the commands applied so far; nothing
     * if the link is not connected.
     *
     * <p>Redis: {@code replication.c}, {@code replicationSendAck}.
     */
    public void sendAck() {
        if (linkState != LinkState.CONNECTED) {
            return;
        }
        try {
            // *3\r\n$8\r\nREPLCONF\r\n$3\r\nACK\r\n$<n>\r\n<offset>\r\n
            send(Handshake.command("REPLCONF", "ACK", Long.toString(state.offset())));
        } catch (IOException lost) {
            linkLost();
        }
    }

    /** @return the offset of the commands applied so far (what an ACK now would say) */
    public long offset() {
        return state.offset();
    }

    /** @return the primary's current replication ID */
    public String replid() {
        return state.replid();
    }

    /** @return the database the primary's stream has selected */
    public int streamDb() {
        return primary == null ? 0 : primary.client().db();
    }

    // ------------------------------------------------------------------------------ write

    private void send(byte[] bytes) throws IOException {
        output.add(ByteBuffer.wrap(bytes));
        flush();
    }

    private void flush() throws IOException {
        while (!output.isEmpty()) {
            ByteBuffer head = output.peek();
            channel.write(head);
            if (head.hasRemaining()) {
                break;
            }
            output.poll();
        }
        if (key != null && key.isValid()) {
            int ops = SelectionKey.OP_READ | (output.isEmpty() ? 0 : SelectionKey.OP_WRITE);
            if (key.interestOps() != ops) {
                key.interestOps(ops);
            }
        }
    }

    // ------------------------------------------------------------------------------ losing the link

    /**
     * The connected link failed (the primary closed it, a read failed, {@code CLIENT KILL TYPE
     * master}, a timeout): "Connection with master lost.", the primary's ID and offset are cached
     * for the next {@code PSYNC}, and the link is made again at the next second.
     */
    public void linkLost() {
        if (linkState != LinkState.CONNECTED) {
            return;
        }
        log.accept("Connection with master lost.");
        disconnect(true);
        linkState = LinkState.CONNECT;
    }

    /**
     * The primary's client was closed by someone else: {@code CLIENT KILL} (a command on the loop)
     * loses the link as a failure would; the server's shutdown (from another thread, or once the
     * loop has stopped) only closes the socket.
     */
    void closedFromOutside() {
        if (loop != null && loop.inLoop() && !loop.isStopped() && !shuttingDown.getAsBoolean()) {
            linkLost();
        } else {
            closeChannel();
        }
    }

    /**
     * Closes the socket and forgets the primary's client.
     *
     * @param cache whether to remember the primary's replication ID, offset and database for a
     *     partial resynchronization (only a link that got as far as the stream has something to cache)
     */
    private void disconnect(boolean cache) {
        if (primary != null) {
            if (cache) {
                log.accept("Caching the disconnected master state.");
                acks.cachePrimary(state.replid(), state.offset(), primary.client().db());
            }
            PrimaryClient was = primary;
            primary = null;
            clients.remove(was);
            downSinceMillis = now();
        }
        payload = null;
        handshake = null;
        output.clear();
        closeChannel();
    }

    private void closeChannel() {
        if (key != null) {
            key.cancel();
            key = null;
        }
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // closing anyway
            }
            channel = null;
        }
    }

    private String localAddress() {
        try {
            InetSocketAddress local = (InetSocketAddress) channel.getLocalAddress();
            return local.getAddress().getHostAddress() + ":" + local.getPort();
        } catch (IOException | NullPointerException e) {
            return "";
        }
    }
}
