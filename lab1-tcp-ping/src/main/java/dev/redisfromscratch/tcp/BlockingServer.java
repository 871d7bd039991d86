package dev.redisfromscratch.tcp;

import java.io.Closeable;
import java.io.IOException;
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
 * </pre>
 *
 * <p>While one client is being served, a second one's connect still succeeds: the kernel completes
 * the TCP handshake and queues the connection (the listen backlog, 50 here). Its commands wait in
 * its socket's receive buffer until this thread calls {@code accept()} again. {@code strace} shows
 * it: the second {@code accept4} comes only after the first client's {@code close}.
 *
 * <p>The thread never blocks longer than one cron interval, so periodic work
 * ({@link ServerCron}) runs while it waits for a client or for a client's next command.
 *
 * <p>Redis itself multiplexes all clients on one thread with an event loop ({@code ae.c}); lab 7
 * gets there. This class is the simplest server that works.
 */
public final class BlockingServer implements Closeable {
    /** Pending connections the kernel queues for us while we serve someone (listen backlog). */
    public static final int ACCEPT_BACKLOG = 50;

    private final ConnectionHandler handler;
    private final ServerCron cron;
    private final Consumer<String> log;
    private ServerSocket listener;
    private volatile boolean closed;
    /** The client being served, or {@code null}; {@link #close()} closes it after a bug. */
    private volatile Socket current;
    private volatile boolean stoppedOnBug;

    /**
     * @param handler serves each accepted client
     * @param cron periodic work, run between requests on the server thread
     * @param log receives one line per connection (and the shutdown line)
     */
    public BlockingServer(ConnectionHandler handler, ServerCron cron, Consumer<String> log) {
        this.handler = handler;
        this.cron = cron;
        this.log = log;
    }

    /**
     * Binds and listens. Port 0 asks the kernel for a free (ephemeral) port; tests use it.
     *
     * @param host the address to bind, e.g. {@code 127.0.0.1}
     * @param port the TCP port, or 0
     * @return the bound address, with the real port
     * @throws java.net.BindException if the port is taken
     * @throws IOException for other socket errors
     */
    public InetSocketAddress bind(String host, int port) throws IOException {
        ServerSocket socket = new ServerSocket();
        try {
            socket.setReuseAddress(true); // restart quickly while old connections sit in TIME_WAIT
            socket.bind(new InetSocketAddress(InetAddress.getByName(host), port), ACCEPT_BACKLOG);
            socket.setSoTimeout(cron.intervalMillis());
        } catch (IOException e) {
            socket.close();
            throw e;
        }
        this.listener = socket;
        return (InetSocketAddress) socket.getLocalSocketAddress();
    }

    /** @return the port bound by {@link #bind} */
    public int port() {
        return listener.getLocalPort();
    }

    /**
     * The accept loop. Runs on the calling thread until {@link #close()} is called.
     *
     * <p>What can go wrong, and what happens then:
     * <ul>
     *   <li>Bad input is not an error of the server: the handler answers it ({@code -ERR Protocol
     *       error: ...} for a {@code ProtocolException}) and closes that connection.
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
     * client can see its connection drop; it must then call {@link #close()}.
     * {@link #startInBackground} does both, so a test's clients fail at once (reset or refused)
     * with the bug already on record, instead of waiting for a reply that never comes.
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
            // STUB: throw new UnsupportedOperationException("TODO(lab1): write the accept loop");
        } catch (RuntimeException | Error bug) {
            stoppedOnBug = true;
            log.accept("server bug, stopping: " + bug);
            throw bug;
        }
    }

    /**
     * Starts {@link #serve()} on a new daemon thread, named {@code name}; tests and embedding
     * programs use it. The server still serves one client at a time.
     *
     * @return the server thread
     */
    public Thread startInBackground(String name) {
        Thread t = new Thread(this::serve, name);
        t.setDaemon(true);
        t.setUncaughtExceptionHandler((thread, bug) -> {
            try {
                // The JVM's usual report: the default handler if one is set (tests record it
                // there), else the stack trace on stderr.
                thread.getThreadGroup().uncaughtException(thread, bug);
            } finally {
                // Only now may clients notice: close the connection being served (its client reads
                // EOF) and the listening socket (queued clients are reset, new ones refused).
                close();
            }
        });
        t.start();
        return t;
    }

    /**
     * Binds {@code 127.0.0.1} on a free (ephemeral) port and serves on a background thread: how
     * tests start a lab's server.
     *
     * @param threadName the server thread's name
     * @return the bound port
     * @throws IOException if binding fails
     */
    public int startOnFreePort(String threadName) throws IOException {
        int port = bind("127.0.0.1", 0).getPort();
        startInBackground(threadName);
        return port;
    }

    /**
     * Serves one client, then closes its socket. A bug (an unchecked exception) leaves with the
     * socket still open: {@link #close()} closes it once the bug has been reported (see {@link #serve}).
     */
    private void serveOne(Socket client) {
        current = client;
        try {
            ClientConnection connection = new ClientConnection(client, cron);
            log.accept("accepted " + connection.remote());
            handler.serve(connection);
        } catch (SocketException e) {
            // The client vanished (reset, broken pipe): nothing to tell it. Serve the next one.
        } catch (IOException e) {
            log.accept("connection error: " + e);
        }
        current = null;
        closeQuietly(client);
    }

    /**
     * Stops accepting and closes the listening socket. The client being served finishes its read,
     * unless the server thread has stopped on a bug: then that client's socket is closed too.
     */
    @Override
    public void close() {
        closed = true;
        if (listener != null) {
            closeQuietly(listener);
        }
        Socket abandoned = current;
        if (stoppedOnBug && abandoned != null) {
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
