package dev.redisfromscratch.eventloop;

import dev.redisfromscratch.client.Client;
import dev.redisfromscratch.client.ClientFlag;
import dev.redisfromscratch.clients.ClientRegistry;
import dev.redisfromscratch.config.ServerConfig;
import dev.redisfromscratch.networking.RequestLoop;
import dev.redisfromscratch.protocol.QueryBuffer;
import dev.redisfromscratch.tcp.Server;
import dev.redisfromscratch.tcp.ServerCron;
import dev.redisfromscratch.threaded.GlobalLock;
import dev.redisfromscratch.threaded.ThreadedServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Lab 7's transport: every client served by one event-loop thread, as Redis serves them.
 *
 * <pre>
 *   listener ready      accept(): up to 1000 sockets → maxclients? protected mode? → a LoopConnection, OP_READ
 *   client readable     readFromClient(): one read into the query buffer → processInputBuffer
 *                       → the client (and any client its command wrote to) joins the pending writes
 *   client writable     writable(): up to 64 KiB more; OP_WRITE removed once drained
 *   cron timer          every 1000/hz ms: serverCron (expiry, save points, AOF, blocked clients'
 *                       timeouts, output buffer limits) and the idle clients' timeout
 *   beforeSleep         1. clients unblocked by another's command run the requests that waited
 *                       2. the hooks (lab 7: the fast active-expire cycle)
 *                       3. requests.beforeReply(): the AOF written, fsynced under appendfsync always
 *                       4. handleClientsWithPendingWrites: each pending client's replies written
 *                          directly (≤ 64 KiB each); OP_WRITE only for those with bytes left
 * </pre>
 *
 * <p>There is no lock contention and no hand-off between threads: the commands, the sockets, the
 * client list and the cron are all the loop's. The loop still holds lab 5's {@link GlobalLock}
 * during each pass (see {@link EventLoop}), so code on other threads that takes it
 * ({@code server.lock()} in tests and benchmarks) sees the server between two passes.
 *
 * <p>A {@link RuntimeException} or {@link Error} from a command or a hook is a server bug, as in
 * lab 5: the loop's thread reports it and the whole server stops at once, closing every client.
 *
 * <p>Redis: {@code networking.c} ({@code acceptTcpHandler} with {@code MAX_ACCEPTS_PER_CALL},
 * {@code acceptCommonHandler}, {@code readQueryFromClient}, {@code handleClientsWithPendingWrites},
 * {@code writeToClient}, {@code sendReplyToClient}, {@code freeClient}); {@code server.c}
 * ({@code beforeSleep}, {@code serverCron}, {@code clientsCron}); {@code ae.c}.
 */
public final class EventLoopServer implements Server {
    /** Sockets accepted per readiness event of the listener (Redis's {@code MAX_ACCEPTS_PER_CALL}). */
    public static final int MAX_ACCEPTS_PER_CALL = 1000;
    /** Bytes written to one client per pass, for fairness (Redis's {@code NET_MAX_WRITES_PER_EVENT}, 64 KiB). */
    public static final int NET_MAX_WRITES_PER_EVENT = 64 * 1024;
    /** The name of the loop's thread, followed by the port. */
    public static final String THREAD_NAME = "event-loop-";

    private final ServerConfig config;
    private final RequestLoop requests;
    private final ServerCron cron;
    private final GlobalLock lock;
    private final ClientRegistry clients;
    private final Clock clock;
    private final Consumer<String> log;
    private final List<Runnable> beforeSleepHooks = new ArrayList<>();
    private final ArrayDeque<LoopConnection> pendingWrites = new ArrayDeque<>();
    private final ArrayDeque<LoopConnection> unblocked = new ArrayDeque<>();
    /** The one array every client reads into (16 KiB): an idle client holds no query buffer of its own. */
    private final byte[] sharedQueryBuffer = new byte[QueryBuffer.READ_CHUNK];
    private ServerSocketChannel listener;
    private EventLoop loop;
    private Thread thread;
    private volatile boolean closed;

    /**
     * The same parameters as lab 5's {@link ThreadedServer}, so that {@code EventLoopServer::new} is
     * a {@code server.Transport}.
     *
     * @param config bind address, port, {@code maxclients}, {@code timeout}, {@code hz}; read again on each use
     * @param requests the request loop
     * @param cron the periodic work, run from the loop's timer every {@code cron.intervalMillis()} ms
     * @param lock the global lock, held by the loop during each pass
     * @param clients the client list, shared with {@code CLIENT} and {@code INFO}
     * @param clock the server's clock (connection ages, idle times)
     * @param log one line per event
     */
    public EventLoopServer(ServerConfig config, RequestLoop requests, ServerCron cron, GlobalLock lock,
                           ClientRegistry clients, Clock clock, Consumer<String> log) {
        this.config = config;
        this.requests = requests;
        this.cron = cron;
        this.lock = lock;
        this.clients = clients;
        this.clock = clock;
        this.log = log;
    }

    /**
     * Adds work to {@code beforeSleep}, after the unblocked clients' requests and before the
     * append-only file is written and the replies leave (lab 7: the fast active-expire cycle).
     * Call before {@link #start()}.
     */
    public void addBeforeSleep(Runnable hook) {
        beforeSleepHooks.add(hook);
    }

    @Override
    public int start() throws IOException {
        ServerSocketChannel socket = ServerSocketChannel.open();
        try {
            socket.setOption(StandardSocketOptions.SO_REUSEADDR, true);
            socket.bind(new InetSocketAddress(InetAddress.getByName(config.bind()), config.port()),
                    ThreadedServer.ACCEPT_BACKLOG);
            loop = new EventLoop(lock);
            loop.register(socket, SelectionKey.OP_ACCEPT, ops -> accept());
        } catch (IOException e) {
            socket.close();
            throw e;
        }
        listener = socket;
        int port = ((InetSocketAddress) socket.getLocalAddress()).getPort();
        config.port(port);
        loop.timers().every(cron::intervalMillis, this::runCron);
        loop.addBeforeSleep(this::beforeSleep);
        thread = new Thread(this::runLoop, THREAD_NAME + port);
        thread.setDaemon(true);
        thread.start();
        return port;
    }

    @Override
    public int port() {
        return config.port();
    }

    @Override
    public void awaitStop() throws InterruptedException {
        if (thread != null) {
            thread.join();
        }
    }

    /** @return the loop (its timers; {@link EventLoop#execute} for other threads' work), once started */
    public EventLoop loop() {
        return loop;
    }

    private void runLoop() {
        try {
            loop.run();
        } catch (IOException e) {
            log.accept("Event loop failed: " + e.getMessage());
        } catch (RuntimeException | Error bug) {
            // a server bug (a handler threw): reported before any client's socket closes below,
            // so that whoever sees the close can also see why
            Thread self = Thread.currentThread();
            self.getThreadGroup().uncaughtException(self, bug);
            log.accept("server bug, stopping: " + bug);
        } finally {
            closed = true;
            closeQuietly(listener);
            lock.lock();
            try {
                for (var c : clients.all()) {
                    clients.remove(c);
                    c.close();
                }
            } finally {
                lock.unlock();
            }
            loop.close();
        }
    }

    // ------------------------------------------------------------------------------ accept

    /**
     * The listener is ready: accepts every waiting connection, at most
     * {@value #MAX_ACCEPTS_PER_CALL}, and makes each a client registered for reads. A connection
     * over {@code maxclients} gets {@link ClientRegistry#MAX_CLIENTS_ERROR}, one refused by
     * protected mode gets its {@code -DENIED} text; both are closed and counted in
     * {@code rejected_connections}.
     *
     * @throws IOException if the listener fails
     */
    void accept() throws IOException {
        // BEGIN SOLUTION
        for (int i = 0; i < MAX_ACCEPTS_PER_CALL; i++) {
            SocketChannel socket = listener.accept(); // non-blocking: null once none waits
            if (socket == null) {
                return;
            }
            register(socket);
        }
        // END SOLUTION
        // STUB: throw new UnsupportedOperationException("TODO(lab7): stage 1: accept up to MAX_ACCEPTS_PER_CALL waiting sockets (null: none left) and register each");
    }

    /** @return the new connection, or {@code null} if it was refused or failed */
    LoopConnection register(SocketChannel socket) {
        String address;
        String ip;
        try {
            InetSocketAddress peer = (InetSocketAddress) socket.getRemoteAddress();
            ip = peer.getAddress().getHostAddress();
            address = ip + ":" + peer.getPort();
        } catch (IOException e) {
            closeQuietly(socket);
            return null;
        }
        String refusal = clients.admit(ip, config); // maxclients, protected mode
        if (refusal != null) {
            refuse(socket, refusal);
            return null;
        }
        try {
            socket.setOption(StandardSocketOptions.TCP_NODELAY, true);
            Client client = requests.newClient(address);
            LoopConnection connection = new LoopConnection(socket, client, clock, clients, sharedQueryBuffer);
            connection.key(loop.register(socket, SelectionKey.OP_READ, ops -> ready(connection, ops)));
            client.onWriteRequested(() -> writeRequested(connection));
            clients.add(connection);
            log.accept("accepted " + address);
            return connection;
        } catch (IOException e) {
            closeQuietly(socket);
            return null;
        }
    }

    private void refuse(SocketChannel socket, String reply) {
        try {
            // -ERR max number of clients reached\r\n (or -DENIED ...): one write to an empty socket buffer
            socket.configureBlocking(true);
            socket.write(ByteBuffer.wrap(reply.getBytes(StandardCharsets.US_ASCII)));
        } catch (IOException ignored) {
            // it left already
        }
        closeQuietly(socket);
    }

    // ------------------------------------------------------------------------------ read

    private void ready(LoopConnection connection, int ops) {
        if ((ops & SelectionKey.OP_READ) != 0) {
            readFromClient(connection);
            // the next client reads into the same array: an unfinished request is copied out
            connection.client().query().returnShared(sharedQueryBuffer);
        }
        if ((ops & SelectionKey.OP_WRITE) != 0 && connection.isOpen()) {
            writable(connection);
        }
    }

    /**
     * The client's socket is readable: one read into its query buffer, then every whole request
     * in it is run ({@code requests.processInputBuffer}). A client with replies to send joins the
     * pending writes (they leave in {@code beforeSleep}, after the append-only file is written).
     * End of stream or a reset frees the client (a half-sent command is dropped); {@code QUIT} or a
     * protocol error marks it to close once its replies have gone.
     *
     * @param connection a registered, open client
     */
    void readFromClient(LoopConnection connection) {
        // BEGIN SOLUTION
        if (connection.closing()) {
            return; // QUIT or a protocol error: nothing more is run
        }
        int n;
        try {
            n = connection.read();
        } catch (IOException reset) {
            freeClient(connection);
            return;
        }
        if (n < 0) {
            freeClient(connection); // the client closed its side
            return;
        }
        if (n == 0) {
            return;
        }
        Client client = connection.client();
        if (!requests.processInputBuffer(client)) {
            connection.closeAfterReply();
        }
        if (!connection.isOpen()) {
            freeClient(connection); // its own command closed it (CLIENT KILL of itself)
            return;
        }
        if (client.reply().hasPending() || connection.closing()) {
            addPendingWrite(connection);
        }
        // END SOLUTION
        // STUB: throw new UnsupportedOperationException("TODO(lab7): stage 1: read once (-1 or an IOException: freeClient), run processInputBuffer (false: closeAfterReply), and add the client to the pending writes if it has replies");
    }

    /** Another client's command wrote to this one (PUBLISH, a push that served its BLPOP); any thread. */
    private void writeRequested(LoopConnection connection) {
        if (loop.inLoop()) {
            connection.woken = true;
            unblocked.add(connection);
            addPendingWrite(connection);
        } else {
            loop.execute(() -> writeRequested(connection));
        }
    }

    private void addPendingWrite(LoopConnection connection) {
        if (!connection.pendingWrite) {
            connection.pendingWrite = true;
            pendingWrites.add(connection);
        }
    }

    // ------------------------------------------------------------------------------ beforeSleep

    /**
     * The work before the loop waits again, in Redis's order: the unblocked clients' waiting
     * requests, the hooks (fast expiry), the append-only file (written, and fsynced under
     * {@code appendfsync always}: no reply of this pass leaves before), then the replies.
     *
     * <p>Redis: {@code server.c}, {@code beforeSleep} ({@code processUnblockedClients},
     * {@code activeExpireCycle(ACTIVE_EXPIRE_CYCLE_FAST)}, {@code flushAppendOnlyFile},
     * {@code handleClientsWithPendingWritesUsingThreads}).
     */
    void beforeSleep() {
        if (!unblocked.isEmpty()) {
            processUnblockedClients();
        }
        for (Runnable hook : beforeSleepHooks) {
            hook.run();
        }
        if (!unblocked.isEmpty()) {
            processUnblockedClients(); // a hook may have served a blocked client
        }
        requests.beforeReply();
        handleClientsWithPendingWrites();
    }

    /**
     * A client that another's command wrote to (lab 6's {@code BLPOP} served by an {@code LPUSH},
     * a {@code PUBLISH} to a subscriber) is on the unblocked list, and already on the pending
     * writes. If it is no longer blocked, the requests that waited in its query buffer since it
     * blocked run now, as lab 5's client thread runs them when woken; their replies join the
     * pending writes. A client closed or closing meanwhile is skipped.
     *
     * <p>Redis: {@code blocked.c}, {@code processUnblockedClients}.
     */
    void processUnblockedClients() {
        // BEGIN SOLUTION
        LoopConnection connection;
        while ((connection = unblocked.poll()) != null) {
            if (!connection.woken) {
                continue;
            }
            connection.woken = false;
            Client client = connection.client();
            if (!connection.isOpen() || connection.closing() || client.has(ClientFlag.BLOCKED)
                    || client.query().readable() == 0) {
                continue;
            }
            if (!requests.processInputBuffer(client)) {
                connection.closeAfterReply();
            }
            if (!connection.isOpen()) {
                freeClient(connection);
            } else if (client.reply().hasPending() || connection.closing()) {
                addPendingWrite(connection);
            }
        }
        // END SOLUTION
        // STUB: throw new UnsupportedOperationException("TODO(lab7): stage 2: for each woken client (unblocked list) not BLOCKED, open, not closing and with bytes in its query buffer: processInputBuffer, then add it to the pending writes");
    }

    /**
     * Writes each pending client's replies directly, at most {@value #NET_MAX_WRITES_PER_EVENT}
     * bytes each; a client with bytes left gets {@code OP_WRITE} interest (the rest goes when its
     * socket is writable); a closing client whose replies have all gone is freed.
     *
     * <p>Redis: {@code networking.c}, {@code handleClientsWithPendingWrites}.
     */
    private void handleClientsWithPendingWrites() {
        LoopConnection connection;
        while ((connection = pendingWrites.poll()) != null) {
            connection.pendingWrite = false;
            if (connection.isOpen()) {
                write(connection);
            }
        }
    }

    /**
     * The client's socket can take more ({@code OP_WRITE} was registered because a write left
     * bytes behind): writes up to {@value #NET_MAX_WRITES_PER_EVENT} more, drops {@code OP_WRITE}
     * once everything has gone, frees a closing client that is done.
     *
     * <p>Redis: {@code networking.c}, {@code sendReplyToClient}.
     */
    void writable(LoopConnection connection) {
        write(connection);
    }

    private void write(LoopConnection connection) {
        try {
            connection.writeToClient(NET_MAX_WRITES_PER_EVENT);
        } catch (IOException reset) {
            freeClient(connection);
            return;
        }
        if (connection.closing() && !connection.hasPendingOutput()) {
            freeClient(connection); // QUIT's +OK or the protocol error has gone
            return;
        }
        if (connection.hasPendingOutput() || connection.waitingToWrite() || connection.closing()) {
            connection.updateWriteInterest(); // only when something changes: stage 1 never gets here with small replies
        }
    }

    /** Forgets the client (its subscriptions, watched keys and blocked state go) and closes its socket. */
    private void freeClient(LoopConnection connection) {
        clients.remove(connection);
        connection.close();
    }

    // ------------------------------------------------------------------------------ cron

    /** serverCron and the idle clients' timeout, from the loop's timer ({@code clientsCron}). */
    private void runCron() {
        cron.runIfDue();
        clients.closeIdle(config, clock.millis(), log);
    }

    /**
     * Stops the server, from any thread (also from a command on the loop: {@code SHUTDOWN}): no
     * more connections are accepted, every client is closed, and the loop ends after its pass;
     * {@link #awaitStop()} returns once it has.
     */
    @Override
    public void close() {
        closed = true;
        if (listener != null) {
            closeQuietly(listener);
        }
        lock.lock();
        try {
            clients.all().forEach(c -> c.close());
        } finally {
            lock.unlock();
        }
        if (loop != null) {
            loop.stop();
        }
    }

    /** @return whether {@link #close()} was called or the loop ended */
    public boolean isClosed() {
        return closed;
    }

    private static void closeQuietly(java.io.Closeable c) {
        if (c == null) {
            return;
        }
        try {
            c.close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }
}
