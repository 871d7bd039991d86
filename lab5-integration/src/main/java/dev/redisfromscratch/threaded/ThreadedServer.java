package dev.redisfromscratch.threaded;

import dev.redisfromscratch.client.Client;
import dev.redisfromscratch.clients.ClientRegistry;
import dev.redisfromscratch.config.ServerConfig;
import dev.redisfromscratch.networking.RequestLoop;
import dev.redisfromscratch.tcp.Server;
import dev.redisfromscratch.tcp.ServerCron;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.AsynchronousCloseException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * A server with a thread per client and one global lock: many clients are connected and send at
 * once, but commands run one at a time, as on Redis's single thread.
 *
 * <pre>
 *   accept thread     accept() → maxclients? protected mode? → new Connection → start a client thread
 *   client thread     wait for bytes (no lock) → read (no lock)
 *                     → lock { run every whole request; flush the AOF; take the replies } → unlock
 *                     → send what the socket takes (no lock)
 *   cron thread       every 1000/hz ms (hz read again each time): lock { serverCron: active expiry, save points,
 *                     the append-only file, idle clients } → unlock
 * </pre>
 *
 * <p>Waiting and reading need no lock: a client's query buffer is its own thread's. Everything
 * that touches shared state runs under the {@link GlobalLock}: commands (the keyspace, the command
 * statistics, the append-only file), the reply buffers (a publisher appends to other clients'
 * reply buffers, and the append-only file is flushed before any reply leaves), the client list and
 * the cron. Sending does not: the replies are taken under the lock into a buffer of the client's
 * thread's own, and written after it is released, so no system call on a socket ever holds the
 * others up; the sockets are non-blocking, so a client that stops reading holds up nobody.
 *
 * <p>A handler that throws a {@link RuntimeException} or {@link Error} is a server bug, as in lab
 * 1's {@code BlockingServer}: the client thread reports it and the whole server stops.
 *
 * <p>Redis: {@code networking.c} ({@code acceptTcpHandler}, {@code acceptCommonHandler} with its
 * {@code maxclients} check, {@code clientAcceptHandler} with protected mode's,
 * {@code readQueryFromClient}, {@code freeClient}); {@code server.c}
 * ({@code serverCron}, {@code clientsCron}). Redis serves every client from one thread; lab 7 does
 * too.
 */
public final class ThreadedServer implements Server {
    /** The listen backlog: Redis's {@code tcp-backlog} default. */
    public static final int ACCEPT_BACKLOG = 511;
    /** Sent to a client over {@code maxclients}, before closing it (Redis's exact text). */
    public static final String MAX_CLIENTS_ERROR = ClientRegistry.MAX_CLIENTS_ERROR;

    private final ServerConfig config;
    private final RequestLoop requests;
    private final ServerCron cron;
    private final GlobalLock lock;
    private final ClientRegistry clients;
    private final Clock clock;
    private final Consumer<String> log;
    private ServerSocketChannel listener;
    private Thread acceptThread;
    private ScheduledExecutorService cronThread;
    private volatile boolean closed;

    /**
     * @param config bind address, port, {@code maxclients}, {@code timeout}, {@code hz}; read
     *     again on each use, so {@code CONFIG SET} takes effect at once
     * @param requests the request loop every client thread runs
     * @param cron the periodic work, run on the cron thread under the lock
     * @param lock the global lock
     * @param clients the client list, shared with {@code CLIENT} and {@code INFO}
     * @param clock the server's clock (connection ages, idle times)
     * @param log one line per event
     */
    public ThreadedServer(ServerConfig config, RequestLoop requests, ServerCron cron, GlobalLock lock,
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
     * Binds the listening socket (records the real port in the configuration).
     *
     * @return the address it listens on
     * @throws IOException if the address is taken or cannot be bound
     */
    public InetSocketAddress bind() throws IOException {
        ServerSocketChannel socket = ServerSocketChannel.open();
        try {
            socket.setOption(StandardSocketOptions.SO_REUSEADDR, true);
            socket.bind(new InetSocketAddress(InetAddress.getByName(config.bind()), config.port()), ACCEPT_BACKLOG);
        } catch (IOException e) {
            socket.close();
            throw e;
        }
        this.listener = socket;
        InetSocketAddress address = (InetSocketAddress) socket.getLocalAddress();
        config.port(address.getPort());
        return address;
    }

    @Override
    public int port() {
        return ((InetSocketAddress) listener.socket().getLocalSocketAddress()).getPort();
    }

    @Override
    public int start() throws IOException {
        bind();
        cronThread = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "server-cron"));
        cronThread.schedule(this::cronTick, cron.intervalMillis(), TimeUnit.MILLISECONDS);
        acceptThread = daemon(this::acceptLoop, "server-accept-" + port());
        acceptThread.start();
        return port();
    }

    @Override
    public void awaitStop() throws InterruptedException {
        if (acceptThread != null) {
            acceptThread.join();
        }
    }

    /** @return the global lock, for code that must run as a command does (tests, benchmarks) */
    public GlobalLock lock() {
        return lock;
    }

    /**
     * Accepts clients until the server closes, and gives each its own thread. A client over
     * {@code maxclients} gets {@link #MAX_CLIENTS_ERROR} and is closed; the others keep being served.
     */
    public void acceptLoop() {
        // BEGIN SOLUTION
        while (!closed) {
            SocketChannel socket;
            try {
                socket = listener.accept(); // blocks until a client connects
            } catch (AsynchronousCloseException stopping) {
                return; // close() closed the listener
            } catch (IOException e) {
                if (!closed) {
                    log.accept("Error accepting a client connection: " + e.getMessage());
                }
                continue;
            }
            Connection connection = register(socket);
            if (connection != null) {
                daemon(() -> serveClient(connection), "client-" + connection.client().id()).start();
            }
        }
        // END SOLUTION
        // STUB: throw new UnsupportedOperationException("TODO(lab5): stage 1: write the accept loop: accept, register (maxclients), start a thread that runs serveClient");
    }

    /**
     * Makes the accepted socket a client and adds it to the client list, under the lock, unless
     * the list is full or a check of the client list refuses the peer (protected mode: Redis's
     * {@code clientAcceptHandler}); a refused connection gets the refusal's text, is closed and
     * counted in {@code rejected_connections}.
     *
     * @return the connection, or {@code null} if it was refused ({@code maxclients}, protected mode) or failed
     */
    private Connection register(SocketChannel socket) {
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
        lock.lock();
        try {
            String refusal = clients.admit(ip, config); // maxclients, protected mode
            if (refusal != null) {
                refuse(socket, refusal);
                return null;
            }
            Client client = requests.newClient(address);
            Connection connection = new Connection(socket, client, clock, clients);
            clients.add(connection);
            log.accept("accepted " + address);
            return connection;
        } catch (IOException e) {
            closeQuietly(socket);
            return null;
        } finally {
            lock.unlock();
        }
    }

    private void refuse(SocketChannel socket, String reply) {
        try {
            // -ERR max number of clients reached\r\n (or -DENIED ...), written at once: the socket's
            // buffer is empty, and the text is far smaller
            socket.write(ByteBuffer.wrap(reply.getBytes(StandardCharsets.US_ASCII)));
        } catch (IOException ignored) {
            // it left already
        }
        closeQuietly(socket);
    }

    /**
     * Runs one client's thread: {@link #clientLoop} until the client leaves or is closed, then
     * forgets it (under the lock: the client list, and every feature's cleanup) and closes its
     * socket. A handler that throws is a server bug: it is reported to the thread's
     * uncaught-exception handler (which stops the server) before the socket closes.
     *
     * @param connection the client's connection, already in the client list
     */
    public void serveClient(Connection connection) {
        try {
            clientLoop(connection);
        } catch (IOException e) {
            // reset by the peer, or closed by CLIENT KILL / timeout / shutdown: forget the client
        } catch (RuntimeException | Error bug) {
            // a server bug (a handler threw): report it, which stops the server, before this
            // client's socket closes below, so that whoever sees the close can also see why
            Thread self = Thread.currentThread();
            self.getUncaughtExceptionHandler().uncaughtException(self, bug);
        } finally {
            lock.lock();
            try {
                clients.remove(connection);
            } finally {
                lock.unlock();
            }
            connection.close();
            connection.release();
        }
    }

    /**
     * Serves one client until it leaves: wait for bytes and read them without the lock; under it,
     * run every whole request, flush the append-only file ({@code requests.beforeReply()}) and take
     * the replies ({@code connection.takeReplies()}); then send them without it
     * ({@code connection.flush()}). The lock is held for the commands only, never for a system
     * call on the socket. Returns at end of stream, or once a {@code QUIT}'s reply has gone.
     *
     * <p>A thread woken by another ({@link Connection#writeRequested()}: a message pushed to a
     * subscriber, or lab 6's {@code BLPOP} served by another client's push) runs the requests
     * waiting in its buffer too: a blocked client's later requests wait there until it is
     * unblocked (Redis: {@code blocked.c}, {@code processUnblockedClients}).
     *
     * @param connection the client's connection
     * @throws IOException if the connection was reset or closed meanwhile
     */
    void clientLoop(Connection connection) throws IOException {
        // BEGIN SOLUTION
        Client client = connection.client();
        boolean closing = false; // QUIT or a protocol error: send what is pending, then close
        while (connection.isOpen()) {
            connection.awaitEvents(cron.intervalMillis()); // no lock while waiting
            int n = closing ? 0 : connection.read();        // the query buffer is this thread's own
            if (n < 0) {
                break; // the client closed its side; a half-sent command is dropped
            }
            if (n > 0 || connection.writeRequested()) {     // a timeout or a drained socket needs no lock
                lock.lock();
                try {
                    // woken with no new bytes: a push, or (lab 6) an unblock whose client has requests waiting
                    if (!requests.processInputBuffer(client)) {
                        closing = true;
                    }
                    requests.beforeReply();   // the AOF is written before any reply leaves
                    connection.takeReplies(); // the replies (and pushed messages) become this thread's
                } finally {
                    lock.unlock();
                }
            }
            connection.flush(); // no lock: what the socket takes now; the rest waits for OP_WRITE
            if (closing && !connection.hasPendingOutput()) {
                break;
            }
        }
        // END SOLUTION
        // STUB: throw new UnsupportedOperationException("TODO(lab5): stage 1: serve one client: wait and read without the lock; under it process every whole request and take the replies; send them without it");
    }

    /** One cron run, then the next one scheduled at the interval in force now ({@code CONFIG SET hz}). */
    private void cronTick() {
        runCron();
        if (!closed) {
            try {
                cronThread.schedule(this::cronTick, cron.intervalMillis(), TimeUnit.MILLISECONDS);
            } catch (java.util.concurrent.RejectedExecutionException stopping) {
                // close() shut the cron down meanwhile
            }
        }
    }

    private void runCron() {
        lock.lock();
        try {
            cron.runIfDue();
            clients.closeIdle(config, clock.millis(), log);
        } catch (RuntimeException | Error bug) {
            log.accept("server bug in the cron, stopping: " + bug);
            close();
            throw bug;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Stops accepting, closes every client and stops the cron. The threads notice and end; {@link
     * #awaitStop()} returns once the accept thread has.
     */
    @Override
    public void close() {
        closed = true;
        if (listener != null) {
            closeQuietly(listener);
        }
        if (cronThread != null) {
            cronThread.shutdown();
        }
        lock.lock();
        try {
            clients.all().forEach(c -> c.close());
        } finally {
            lock.unlock();
        }
    }

    /** A daemon thread, platform or virtual as {@link ServerThreads} says, whose uncaught exception stops the server. */
    private Thread daemon(Runnable body, String name) {
        Thread t = ServerThreads.newThread(body, name);
        t.setUncaughtExceptionHandler((th, bug) -> {
            try {
                th.getThreadGroup().uncaughtException(th, bug); // the JVM's report (tests record it)
            } finally {
                log.accept("server bug, stopping: " + bug);
                close(); // a handler that throws is a server bug, as in lab 1: stop, so clients see it at once
            }
        });
        return t;
    }

    private static void closeQuietly(java.io.Closeable c) {
        try {
            c.close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }
}
