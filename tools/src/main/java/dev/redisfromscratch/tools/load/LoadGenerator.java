package dev.redisfromscratch.tools.load;

import dev.redisfromscratch.tools.load.Workload.Request;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;

/**
 * Drives a server with a cycle of requests over many TCP connections, checks every reply, and
 * records every request's latency: the load of {@code ./lab load} (and {@code ./lab bench compare}'s
 * client-count sweep) and of {@code ./lab profile}.
 *
 * <p><b>Closed loop.</b> Each connection sends a batch of {@code pipeline} requests in one write,
 * waits for all their replies, and sends the next batch at once: C connections keep at most
 * C × P requests in flight, like {@code redis-benchmark -c C -P P}. A request's latency is from
 * the moment its batch was written to the moment its reply was read, in nanoseconds, recorded in
 * an HdrHistogram (3 significant digits, up to {@link #HIGHEST_LATENCY_NANOS}). The raw histogram
 * undercounts stalls (coordinated omission: a connection waiting on a stalled server sends nothing,
 * so the stall is one sample instead of the many a steady client would have seen);
 * {@link LatencyReport} corrects it.
 *
 * <p><b>Connections and threads.</b> A few I/O threads ({@code ioThreads}), each with its own {@link Selector}, drive all the connections
 * (non-blocking connect, read and write), so 1000 connections cost 1000 sockets, not 1000
 * threads; one thread by default ({@link #DEFAULT_IO_THREADS}). Each thread records into a histogram of its own; they are added up at the end.
 *
 * <p><b>Sessions.</b> With {@code sessionRequests} &gt; 0 a connection closes after that many
 * requests and connects again: the labs' blocking servers (labs 1 to 4) serve one client at a
 * time, and the others wait in the accept queue until the current one leaves, so every connection
 * gets served in turn ({@code ./lab profile}). With 0 connections stay open for the whole run.
 *
 * <p><b>The clock.</b> Every connection is connected first, and the warm-up and measured time
 * start once all are (a thousand connects at once can overflow the server's accept queue; a
 * dropped SYN is retried a second later, which would otherwise land in the measurement).
 *
 * <p><b>Replies.</b> Each reply is framed ({@link RespFraming}) and compared with what its request
 * accepts ({@link Request#accepts}): an error reply, or a wrong one, is counted in
 * {@link LoadResult#errors()} and the first few are kept as messages. A connection that breaks
 * (refused, reset, closed by the server, no reply within {@link #READ_TIMEOUT_MILLIS}) stops; the
 * result keeps its message.
 */
public final class LoadGenerator {
    /** How long a connection waits for a reply (or a connect) before it gives up, in milliseconds. */
    public static final int READ_TIMEOUT_MILLIS = 10_000;
    /** The longest latency the histogram holds, in nanoseconds (longer ones are recorded as this). */
    public static final long HIGHEST_LATENCY_NANOS = TimeUnit.MINUTES.toNanos(10);
    /**
     * I/O threads unless told otherwise: one, as {@code redis-benchmark} has. On a 2-core machine the
     * server needs the other core; a second generator thread mostly takes CPU from the server.
     */
    public static final int DEFAULT_IO_THREADS = 1;
    /** How many wrong replies are kept as messages. */
    static final int KEPT_WRONG_REPLIES = 5;

    private final InetSocketAddress server;
    private final List<Request> requests;
    private final int connections;
    private final int sessionRequests;
    private final int pipeline;
    private final int ioThreads;

    /**
     * A generator with the default number of I/O threads.
     *
     * @see #LoadGenerator(InetSocketAddress, List, int, int, int, int)
     */
    public LoadGenerator(InetSocketAddress server, List<Request> requests, int connections,
                         int sessionRequests, int pipeline) {
        this(server, requests, connections, sessionRequests, pipeline, DEFAULT_IO_THREADS);
    }

    /**
     * @param server where to connect
     * @param requests the request cycle (see {@link Workload}), sent in order, round and round
     * @param connections how many connections drive the server
     * @param sessionRequests requests per session, a multiple of {@code pipeline}; 0: one session
     *     per connection, for the whole run
     * @param pipeline requests per batch (one write), 1 for one request per round trip
     * @param ioThreads threads driving the connections, 1 to {@code connections}
     * @throws IllegalArgumentException if a count is out of range or sessions are not whole batches
     */
    public LoadGenerator(InetSocketAddress server, List<Request> requests, int connections,
                         int sessionRequests, int pipeline, int ioThreads) {
        if (requests.isEmpty() || connections < 1 || pipeline < 1 || sessionRequests < 0
                || sessionRequests % pipeline != 0 || ioThreads < 1 || ioThreads > connections) {
            throw new IllegalArgumentException("need requests, connections >= 1, pipeline >= 1, sessionRequests 0 or a"
                    + " multiple of pipeline, and 1 to connections I/O threads (got " + connections + ", " + pipeline
                    + ", " + sessionRequests + ", " + ioThreads + ")");
        }
        this.server = server;
        this.requests = List.copyOf(requests);
        this.connections = connections;
        this.sessionRequests = sessionRequests;
        this.pipeline = pipeline;
        this.ioThreads = ioThreads;
    }

    /**
     * Runs the closed loop for {@code warmupNanos + measureNanos}: latencies and replies are
     * recorded for the batches sent after the warm-up only; then no new batch is sent, the
     * replies in flight are awaited, and every connection is closed.
     *
     * @return what was sent and received; {@link LoadResult#seconds()} is the measured time
     * @throws InterruptedException if interrupted while waiting for the I/O threads
     */
    public LoadResult runFor(long warmupNanos, long measureNanos) throws InterruptedException {
        if (warmupNanos < 0 || measureNanos <= 0) {
            throw new IllegalArgumentException("need a warm-up >= 0 and a measured time > 0");
        }
        return run(warmupNanos, measureNanos, 0);
    }

    /**
     * Runs exactly {@code sessionsPerConnection} sessions on every connection (needs
     * {@code sessionRequests} &gt; 0), recording everything.
     *
     * @return what was sent and received; {@link LoadResult#seconds()} is the time it took
     * @throws InterruptedException if interrupted while waiting for the I/O threads
     */
    public LoadResult runSessions(int sessionsPerConnection) throws InterruptedException {
        if (sessionRequests == 0 || sessionsPerConnection < 1) {
            throw new IllegalArgumentException("runSessions needs sessionRequests > 0 and sessions >= 1");
        }
        return run(-1, -1, sessionsPerConnection);
    }

    /**
     * Connects every connection first, untimed (a thousand connects can overflow the server's
     * accept queue, and a dropped SYN is retried a second later); the clock starts once they are all
     * connected (or failed).
     *
     * @param warmupNanos unrecorded time before the measured time; -1 with measureNanos -1: no time limit
     */
    private LoadResult run(long warmupNanos, long measureNanos, int sessionsPerConnection) throws InterruptedException {
        List<IoThread> workers = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        int cycle = requests.size();
        CountDownLatch connected = new CountDownLatch(ioThreads);
        CountDownLatch go = new CountDownLatch(1);
        long[] window = new long[2]; // recordFrom, stopAt: written before go opens, read after
        for (int t = 0; t < ioThreads; t++) {
            workers.add(new IoThread(window, sessionsPerConnection, connected, go));
        }
        for (int c = 0; c < connections; c++) {
            // each connection starts at a different point of the cycle, so they touch different keys;
            // on a batch boundary, so that a session ends where a batch does
            int start = (int) ((long) c * cycle / connections);
            workers.get(c % ioThreads).connections.add(new Conn(start));
        }
        for (int t = 0; t < ioThreads; t++) {
            Thread thread = new Thread(workers.get(t), "load-io-" + t);
            thread.setDaemon(true);
            threads.add(thread);
            thread.start();
        }
        connected.await();
        long started = System.nanoTime();
        long recordFrom = measureNanos < 0 ? Long.MIN_VALUE : started + warmupNanos;
        long stopAt = measureNanos < 0 ? Long.MAX_VALUE : started + warmupNanos + measureNanos;
        window[0] = recordFrom;
        window[1] = stopAt;
        go.countDown();
        for (Thread t : threads) {
            t.join();
        }
        long ended = System.nanoTime();
        Histogram latencies = newHistogram();
        long replies = 0;
        long recorded = 0;
        long errors = 0;
        long sessions = 0;
        List<String> failures = new ArrayList<>();
        List<String> wrong = new ArrayList<>();
        for (IoThread w : workers) {
            latencies.add(w.histogram);
            replies += w.replies;
            recorded += w.recorded;
            errors += w.errors;
            sessions += w.sessions;
            failures.addAll(w.failures);
            w.wrong.stream().limit(KEPT_WRONG_REPLIES - wrong.size()).forEach(wrong::add);
        }
        long measured = stopAt == Long.MAX_VALUE ? ended - started : Math.min(stopAt, ended) - Math.min(recordFrom, ended);
        return new LoadResult(replies, recorded, errors, sessions, List.copyOf(failures), List.copyOf(wrong),
                latencies, Math.max(measured, 1) / 1e9);
    }

    /** @return an empty latency histogram: nanoseconds, 3 significant digits, up to {@link #HIGHEST_LATENCY_NANOS} */
    public static Histogram newHistogram() {
        return new Histogram(HIGHEST_LATENCY_NANOS, 3);
    }

    /** One connection's state; touched by its I/O thread only. */
    private final class Conn {
        int position;          // the cycle index of the next request to send
        SocketChannel channel;
        SelectionKey key;
        ByteBuffer out;
        ByteBuffer in = ByteBuffer.allocate(16 * 1024);
        int batchFirst;        // cycle index of the batch's first request
        int answered;          // replies read of the batch in flight
        boolean inFlight;
        long sentAt;           // when the batch (or the connect) started, System.nanoTime()
        int sessionSent;
        int sessionsDone;
        boolean done;
        boolean initialConnect; // counted in its thread's connect phase until connected or failed

        Conn(int position) {
            this.position = position;
        }
    }

    /** One I/O thread: a selector over its share of the connections. */
    private final class IoThread implements Runnable {
        final List<Conn> connections = new ArrayList<>();
        final Histogram histogram = newHistogram();
        final List<String> failures = new ArrayList<>();
        final List<String> wrong = new ArrayList<>();
        final long[] window;
        final CountDownLatch connected;
        final CountDownLatch go;
        final int sessionsPerConnection;
        long recordFrom = Long.MIN_VALUE;
        long stopAt = Long.MAX_VALUE;
        boolean running;       // past the connect phase
        boolean told;          // counted down connected
        int connecting;        // connections still connecting in the connect phase
        long replies;
        long recorded;
        long errors;
        long sessions;
        int open;
        Selector selector;

        IoThread(long[] window, int sessionsPerConnection, CountDownLatch connected, CountDownLatch go) {
            this.window = window;
            this.sessionsPerConnection = sessionsPerConnection;
            this.connected = connected;
            this.go = go;
        }

        @Override
        public void run() {
            try (Selector s = Selector.open()) {
                selector = s;
                for (Conn c : connections) {
                    open++;
                    connecting++;
                    c.initialConnect = true;
                    connect(c);
                }
                long lastTimeoutCheck = System.nanoTime();
                while (open > 0 || !running) {
                    if (!running && connecting == 0) {
                        if (!told) {
                            told = true;
                            connected.countDown();
                        }
                        go.await();
                        recordFrom = window[0];
                        stopAt = window[1];
                        running = true;
                        long now = System.nanoTime();
                        for (Conn c : connections) {
                            if (!c.done) {
                                try {
                                    sendBatch(c, now);
                                } catch (IOException e) {
                                    fail(c, e);
                                }
                            }
                        }
                        continue;
                    }
                    selector.select(100);
                    for (SelectionKey k : selector.selectedKeys()) {
                        Conn c = (Conn) k.attachment();
                        if (!c.done && k.isValid()) {
                            handle(c, k);
                        }
                    }
                    selector.selectedKeys().clear();
                    long now = System.nanoTime();
                    if (now - lastTimeoutCheck > TimeUnit.MILLISECONDS.toNanos(100)) {
                        lastTimeoutCheck = now;
                        for (Conn c : connections) {
                            boolean connectPending = c.key != null && c.key.isValid()
                                    && (c.key.interestOps() & SelectionKey.OP_CONNECT) != 0;
                            if (!c.done && (c.inFlight || connectPending)
                                    && now - c.sentAt > TimeUnit.MILLISECONDS.toNanos(READ_TIMEOUT_MILLIS)) {
                                fail(c, new IOException((connectPending ? "could not connect" : "no reply")
                                        + " within " + READ_TIMEOUT_MILLIS + " ms"));
                            }
                        }
                    }
                }
            } catch (IOException | RuntimeException | InterruptedException e) {
                failures.add("load generator thread: " + e);
                for (Conn c : connections) {
                    closeQuietly(c);
                }
            } finally {
                if (!told) {
                    connected.countDown(); // the run must not wait for a thread that died
                }
            }
        }

        private void connect(Conn c) {
            c.sentAt = System.nanoTime();
            c.sessionSent = 0;
            c.in.clear();
            try {
                c.channel = SocketChannel.open();
                c.channel.configureBlocking(false);
                c.channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
                if (c.channel.connect(server)) {
                    c.key = c.channel.register(selector, SelectionKey.OP_READ, c);
                    connectedNow(c);
                } else {
                    c.key = c.channel.register(selector, SelectionKey.OP_CONNECT, c);
                }
            } catch (IOException e) {
                fail(c, e);
            }
        }

        private void handle(Conn c, SelectionKey k) {
            try {
                if (k.isConnectable()) {
                    c.channel.finishConnect();
                    k.interestOps(SelectionKey.OP_READ);
                    connectedNow(c);
                    return;
                }
                if (k.isWritable()) {
                    c.channel.write(c.out);
                    if (!c.out.hasRemaining()) {
                        k.interestOps(SelectionKey.OP_READ);
                    }
                }
                if (k.isReadable()) {
                    read(c);
                }
            } catch (IOException e) {
                fail(c, e);
            }
        }

        /** A connection is up: in the connect phase it waits for the others, after it sends at once. */
        private void connectedNow(Conn c) throws IOException {
            if (c.initialConnect) {
                c.initialConnect = false;
                connecting--;
            }
            if (running) {
                sendBatch(c, System.nanoTime());
            }
        }

        /** Writes the next batch, or ends the connection if the run (or its sessions) is over. */
        private void sendBatch(Conn c, long now) throws IOException {
            if (now >= stopAt) {
                finish(c);
                return;
            }
            if (c.out == null) {
                int longest = requests.stream().mapToInt(r -> r.bytes().length).max().orElse(0);
                c.out = ByteBuffer.allocate(longest * pipeline);
            }
            c.out.clear();
            c.batchFirst = c.position;
            for (int i = 0; i < pipeline; i++) {
                c.out.put(requests.get(c.position).bytes());
                c.position = (c.position + 1) % requests.size();
            }
            c.out.flip();
            c.answered = 0;
            c.inFlight = true;
            c.sentAt = now;
            c.channel.write(c.out);
            if (c.out.hasRemaining()) {
                c.key.interestOps(SelectionKey.OP_READ | SelectionKey.OP_WRITE); // the rest when the socket takes it
            }
        }

        private void read(Conn c) throws IOException {
            int n = c.channel.read(c.in);
            if (n < 0) {
                throw new IOException("the server closed the connection");
            }
            long now = System.nanoTime();
            c.in.flip();
            while (c.inFlight) {
                int end = RespFraming.end(c.in, c.in.position());
                if (end < 0) {
                    break;
                }
                byte[] reply = new byte[end - c.in.position()];
                c.in.get(reply);
                Request request = requests.get((c.batchFirst + c.answered) % requests.size());
                if (!request.accepts(reply)) {
                    errors++;
                    if (wrong.size() < KEPT_WRONG_REPLIES) {
                        wrong.add(printable(request.text()) + " got " + printable(new String(reply, StandardCharsets.UTF_8)));
                    }
                }
                replies++;
                if (c.sentAt >= recordFrom && c.sentAt < stopAt) {
                    recorded++;
                    histogram.recordValue(Math.max(1, Math.min(now - c.sentAt, HIGHEST_LATENCY_NANOS)));
                }
                if (++c.answered == pipeline) {
                    c.inFlight = false;
                }
            }
            if (c.in.hasRemaining() && !c.inFlight) {
                throw new IOException("a reply nobody asked for: " + printable(StandardCharsets.UTF_8.decode(c.in.duplicate()).toString()));
            }
            c.in.compact();
            if (!c.in.hasRemaining()) {
                ByteBuffer bigger = ByteBuffer.allocate(c.in.capacity() * 2); // a reply longer than the buffer
                c.in.flip();
                bigger.put(c.in);
                c.in = bigger;
            }
            if (!c.inFlight) {
                c.sessionSent += pipeline;
                if (sessionRequests > 0 && c.sessionSent >= sessionRequests) {
                    sessions++;
                    c.sessionsDone++;
                    closeQuietly(c);
                    if ((sessionsPerConnection == 0 || c.sessionsDone < sessionsPerConnection) && now < stopAt) {
                        connect(c);
                    } else {
                        end(c);
                    }
                } else {
                    sendBatch(c, now);
                }
            }
        }

        /** The run is over for this connection: its session counts if it was a whole-run one. */
        private void finish(Conn c) {
            if (sessionRequests == 0) {
                sessions++;
            }
            closeQuietly(c);
            end(c);
        }

        private void fail(Conn c, IOException e) {
            failures.add(e.getMessage() == null ? e.toString() : e.getClass().getSimpleName() + ": " + e.getMessage());
            closeQuietly(c);
            end(c);
        }

        private void end(Conn c) {
            if (!c.done) {
                c.done = true;
                open--;
                if (c.initialConnect) {
                    c.initialConnect = false;
                    connecting--; // it failed to connect
                }
            }
        }
    }

    private static void closeQuietly(Conn c) {
        if (c.channel != null) {
            try {
                c.channel.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
    }

    private static String printable(String s) {
        String shown = s.replace("\r", "\\r").replace("\n", "\\n");
        return shown.length() > 80 ? shown.substring(0, 80) + "..." : shown;
    }

    /**
     * What a run did.
     *
     * @param replies replies received (one per request that completed)
     * @param recorded of them, those whose batch was sent in the measured time (all, without a warm-up)
     * @param errors replies that were errors or not what the request accepts
     * @param sessions sessions completed, over all connections
     * @param failures the connections that broke, one message each
     * @param wrongReplies the first few error or wrong replies: {@code request got reply}, CRLFs shown as {@code \r\n}
     * @param latencies the recorded replies' latencies, ns, not corrected (see {@link LatencyReport})
     * @param seconds the measured time, s
     */
    public record LoadResult(long replies, long recorded, long errors, long sessions, List<String> failures,
                             List<String> wrongReplies, Histogram latencies, double seconds) {
        /** A result with counts only (no latencies), for loads driven by another program. */
        public LoadResult(long replies, long errors, long sessions, List<String> failures) {
            this(replies, replies, errors, sessions, failures, Collections.emptyList(), newHistogram(), 0);
        }

        /** @return recorded replies per second of measured time */
        public double throughput() {
            return seconds > 0 ? recorded / seconds : 0;
        }
    }
}
