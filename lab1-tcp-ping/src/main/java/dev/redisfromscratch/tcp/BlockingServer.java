package dev.redisfromscratch.tcp;

import dev.redisfromscratch.config.ServerConfig;
import dev.redisfromscratch.client.Client;
import dev.redisfromscratch.networking.RequestLoop;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.util.function.Consumer;

/**
 * A blocking, single-threaded TCP server: accept one client, serve it until it leaves, accept the
 * next.
 *
 * <pre>
 *   socket() → bind() → listen() → loop { accept() → serve(client) → close(client) }
 *   serve(client): loop { read() → requestLoop.processInputBuffer(client) → write(replies) }
 * </pre>
 *
 * <p>While one client is being served, a second one's connect still succeeds: the kernel completes
 * the TCP handshake and queues the connection (the listen backlog, 50 here). Its commands wait in
 * its socket's receive buffer until this thread calls {@code accept()} again. {@code strace} shows
 * it: the second {@code accept4} comes only after the first client's {@code close}.
 *
 * <p><b>The cron.</b> This server drives the periodic work ({@link ServerCron}): neither
 * {@code accept} nor a client's {@code read} blocks longer than one cron interval (a socket
 * timeout), and each time one returns the cron runs if it is due. Redis does the same with a time
 * event in its event loop ({@code server.c}, {@code serverCron}).
 *
 * <p>Redis itself multiplexes all clients on one thread with an event loop ({@code ae.c}); lab 7
 * gets there. This class is the simplest server that works.
 */
public final class BlockingServer implements Server {
    /** Pending connections the kernel queues for us while we serve someone (listen backlog). */
    public static final int ACCEPT_BACKLOG = 50;

    private final ServerConfig config;
    private final RequestLoop requests;
    private final ServerCron cron;
    private final Consumer<String> log;
    private ServerSocket listener;
    private Thread thread;
    private volatile boolean closed;
    /** The client being served, or {@code null}; {@link #close()} closes it after a bug. */
    private volatile Socket current;

    /**
     * @param config the address and port to listen on; the real port is recorded there once bound
     * @param requests runs each client's requests
     * @param cron periodic work, run between requests on the server thread
     * @param log receives one line per connection (and the shutdown line)
     */
    public BlockingServer(ServerConfig config, RequestLoop requests, ServerCron cron, Consumer<String> log) {
        this.config = config;
        this.requests = requests;
        this.cron = cron;
        this.log = log;
    }

    /**
     * Binds and listens on the configured address and port. Port 0 asks the kernel for a free
     * (ephemeral) port, which is then recorded in the configuration; tests use it.
     *
     * @return the bound address, with the real port
     * @throws java.net.BindException if the port is taken
     * @throws IOException for other socket errors
     */
    public InetSocketAddress bind() throws IOException {
        ServerSocket socket = new ServerSocket();
        try {
            socket.setReuseAddress(true); // restart quickly while old connections sit in TIME_WAIT
            socket.bind(new InetSocketAddress(InetAddress.getByName(config.bind()), config.port()), ACCEPT_BACKLOG);
            socket.setSoTimeout(cron.intervalMillis());
        } catch (IOException e) {
            socket.close();
            throw e;
        }
        this.listener = socket;
        config.port(socket.getLocalPort());
        return (InetSocketAddress) socket.getLocalSocketAddress();
    }

    @Override
    public int port() {
        return listener.getLocalPort();
    }

    /**
     * Binds, then serves on a daemon thread named after the configured port. A bug (see
     * {@link #serve}) is reported through the thread's uncaught-exception handler, and only then
     * are the sockets closed, so a test's clients fail at once with the bug already on record.
     */
    @Override
    public int start() throws IOException {
        bind();
        Thread t = new Thread(this::serve, "server-" + port());
        t.setDaemon(true);
        t.setUncaughtExceptionHandler((th, bug) -> {
            try {
                // The JVM's usual report: the default handler if one is set (tests record it
                // there), else the stack trace on stderr.
                th.getThreadGroup().uncaughtException(th, bug);
            } finally {
                // Only now may clients notice: close the connection being served (its client reads
                // EOF) and the listening socket (queued clients are reset, new ones refused).
                close();
            }
        });
        this.thread = t;
        t.start();
        return port();
    }

    @Override
    public void awaitStop() throws InterruptedException {
        if (thread != null) {
            thread.join();
        }
    }

    /**
     * The accept loop. Runs on the calling thread until {@link #close()} is called.
     *
     * <p>What can go wrong, and what happens then:
     * <ul>
     *   <li>Bad input is not an error of the server: the request loop answers it ({@code -ERR
     *       Protocol error: ...}) and that connection closes.
     *   <li>A client whose connection breaks ({@link IOException}) is logged and dropped; the loop
     *       goes on with the next client.
     *   <li>A {@link RuntimeException} or {@link Error} out of a handler or the cron is a bug in the
     *       server, and the server stops. Redis does the same: on a failed assertion or a panic it
     *       prints a bug report and crashes ({@code debug.c}, {@code _serverAssert},
     *       {@code _serverPanic}) rather than go on serving from a state nobody planned for. Here
     *       the loop logs one line and the exception leaves {@code serve()}: its stack trace is the
     *       bug report. Catching it per client instead would hide the bug behind one dropped
     *       connection, and the next clients would meet the same bug or a corrupted keyspace.
     * </ul>
     * After a bug the listening socket and the socket of the client being served are still open
     * when the exception leaves, so that whoever ran {@code serve()} reports the bug before any
     * client can see its connection drop; it must then call {@link #close()}. {@link #start} does both.
     *
     * @throws RuntimeException a bug in a handler or in the cron (an {@link Error} likewise)
     */
    public void serve() {
        try {
            // BEGIN SOLUTION
            while (!closed) {
                Socket client;
                try {
                    cron.runIfDue();
                    client = listener.accept();
                } catch (SocketTimeoutException idle) {
                    continue; // no one is waiting: run the cron, then accept again
                } catch (IOException e) {
                    if (!closed) {
                        log.accept("accept failed: " + e.getMessage());
                    }
                    continue;
                }
                serveOne(client);
            }
            // END SOLUTION
            // STUB: throw new UnsupportedOperationException("TODO(lab1): stage 3: write the accept loop");
        } catch (RuntimeException | Error bug) {
            log.accept("server bug, stopping: " + bug);
            throw bug;
        }
    }

    /**
     * Serves one client, then closes its socket. A bug (an unchecked exception) leaves with the
     * socket still open: {@link #close()} closes it once the bug has been reported (see {@link #serve}).
     */
    private void serveOne(Socket socket) {
        current = socket;
        try {
            Client client = requests.newClient(socket.getInetAddress().getHostAddress() + ":" + socket.getPort());
            log.accept("accepted " + client.address());
            socket.setTcpNoDelay(true);
            socket.setSoTimeout(cron.intervalMillis());
            serveClient(client, socket.getInputStream(), socket.getOutputStream());
        } catch (SocketException e) {
            // The client vanished (reset, broken pipe): nothing to tell it. Serve the next one.
        } catch (IOException e) {
            log.accept("connection error: " + e);
        }
        current = null;
        closeQuietly(socket);
    }

    /**
     * One client's read → process → write loop. A read waits at most one cron interval; when it
     * times out the cron runs (if due) and the read starts again.
     */
    private void serveClient(Client client, InputStream in, OutputStream out) throws IOException {
        // BEGIN SOLUTION
        while (true) {
            cron.runIfDue();
            int n;
            try {
                n = client.query().readFrom(in); // one read, up to 16 KiB
            } catch (SocketTimeoutException idle) {
                continue; // nothing arrived within one cron interval
            }
            if (n < 0) {
                return; // the client closed its side; a half command is dropped
            }
            boolean keepOpen = requests.processInputBuffer(client);
            client.reply().flushTo(out); // every reply of this read in one write
            if (!keepOpen) {
                return;
            }
        }
        // END SOLUTION
        // STUB: throw new UnsupportedOperationException("TODO(lab1): stage 3: serve one client: read, process every whole request, write the replies, until it leaves");
    }

    /**
     * Stops the server: closes the listening socket (queued clients are reset, new ones refused)
     * and the connection of the client being served, whose read then fails and ends it. The
     * server thread then leaves {@link #serve}. It may be called from any thread, the server's own
     * included (lab 4's {@code SHUTDOWN}).
     *
     * <p>Redis: {@code server.c}, {@code prepareForShutdown} closes the listening sockets; the
     * process exit closes every client.
     */
    @Override
    public void close() {
        closed = true;
        if (listener != null) {
            closeQuietly(listener);
        }
        Socket abandoned = current;
        if (abandoned != null) {
            closeQuietly(abandoned);
        }
    }

    private static void closeQuietly(Closeable socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }
}
