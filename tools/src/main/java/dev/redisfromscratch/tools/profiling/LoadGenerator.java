package dev.redisfromscratch.tools.profiling;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;

/**
 * Drives a server with a request mix over several TCP connections, so that a profile shows the
 * server under load rather than waiting for its next client.
 *
 * <p>Each connection thread runs <em>sessions</em>: connect, send {@code sessionRequests}
 * requests (in batches of {@code pipeline}, each batch in one write, then read its replies),
 * disconnect, and start again while there is time. Short sessions matter for the labs' blocking
 * servers, which serve one client at a time: the other connections wait in the accept queue until
 * the current one leaves, so every connection gets served in turn and the profile includes
 * {@code accept} too. An event-loop server (lab 7) serves them all at once.
 *
 * <p>A connection that breaks (reset, EOF, no reply within {@link #READ_TIMEOUT_MILLIS}) ends its
 * thread; the result counts it as a failure and keeps its message.
 */
public final class LoadGenerator {
    /** How long a connection waits for a reply before it gives up, in milliseconds. */
    public static final int READ_TIMEOUT_MILLIS = 10_000;

    private final InetSocketAddress server;
    private final List<byte[]> requests;
    private final int connections;
    private final int sessionRequests;
    private final int pipeline;

    /**
     * @param server where to connect
     * @param requests the request cycle (see {@link Workload#requests()}), sent in order
     * @param connections how many connections (threads) drive the server
     * @param sessionRequests requests per session, a multiple of {@code pipeline}
     * @param pipeline requests per write, 1 for one request per round trip
     * @throws IllegalArgumentException if a count is not positive or sessions are not whole batches
     */
    public LoadGenerator(InetSocketAddress server, List<byte[]> requests, int connections,
                         int sessionRequests, int pipeline) {
        if (requests.isEmpty() || connections < 1 || pipeline < 1 || sessionRequests < pipeline
                || sessionRequests % pipeline != 0) {
            throw new IllegalArgumentException("need requests, connections >= 1, pipeline >= 1 and "
                    + "sessionRequests a multiple of pipeline (got " + connections + ", " + pipeline
                    + ", " + sessionRequests + ")");
        }
        this.server = server;
        this.requests = List.copyOf(requests);
        this.connections = connections;
        this.sessionRequests = sessionRequests;
        this.pipeline = pipeline;
    }

    /**
     * Runs sessions on every connection while {@code keepGoing} says so (it is asked before each
     * session), then waits for all of them to finish.
     *
     * @return what was sent and received
     * @throws InterruptedException if interrupted while waiting for the connection threads
     */
    public LoadResult run(BooleanSupplier keepGoing) throws InterruptedException {
        AtomicLong replies = new AtomicLong();
        AtomicLong errors = new AtomicLong();
        AtomicLong sessions = new AtomicLong();
        List<String> failures = Collections.synchronizedList(new ArrayList<>());
        List<Thread> threads = new ArrayList<>();
        for (int c = 0; c < connections; c++) {
            // each connection starts at a different point of the cycle, so they touch different keys
            int start = c * (requests.size() / connections);
            Thread t = new Thread(() -> {
                int position = start;
                try {
                    while (keepGoing.getAsBoolean()) {
                        position = session(position, replies, errors);
                        sessions.incrementAndGet();
                    }
                } catch (IOException | RuntimeException e) {
                    failures.add(e.toString());
                }
            }, "load-" + c);
            threads.add(t);
            t.start();
        }
        for (Thread t : threads) {
            t.join();
        }
        return new LoadResult(replies.get(), errors.get(), sessions.get(), List.copyOf(failures));
    }

    /**
     * Runs exactly {@code sessionsPerConnection} sessions on every connection.
     *
     * @return what was sent and received
     * @throws InterruptedException if interrupted while waiting for the connection threads
     */
    public LoadResult runSessions(int sessionsPerConnection) throws InterruptedException {
        ThreadLocal<int[]> done = ThreadLocal.withInitial(() -> new int[1]);
        return run(() -> done.get()[0]++ < sessionsPerConnection);
    }

    /** One session: connect, send and read {@code sessionRequests}, close. */
    private int session(int position, AtomicLong replies, AtomicLong errors) throws IOException {
        int next = position;
        try (Socket socket = new Socket()) {
            socket.setTcpNoDelay(true);
            socket.connect(server, READ_TIMEOUT_MILLIS);
            socket.setSoTimeout(READ_TIMEOUT_MILLIS);
            OutputStream out = new BufferedOutputStream(socket.getOutputStream(), 64 * 1024);
            ReplyReader in = new ReplyReader(socket.getInputStream());
            for (int sent = 0; sent < sessionRequests; sent += pipeline) {
                for (int i = 0; i < pipeline; i++) {
                    out.write(requests.get(next));
                    next = (next + 1) % requests.size();
                }
                out.flush();
                for (int i = 0; i < pipeline; i++) {
                    if (in.readReplyIsError()) {
                        errors.incrementAndGet();
                    }
                    replies.incrementAndGet();
                }
            }
        }
        return next;
    }

    /**
     * What a run did.
     *
     * @param replies replies received (one per request that completed)
     * @param errors how many of them were error replies
     * @param sessions sessions completed, over all connections
     * @param failures the connections that broke, one message each
     */
    public record LoadResult(long replies, long errors, long sessions, List<String> failures) {
    }
}
