package dev.redisfromscratch.eventloop;

import dev.redisfromscratch.config.ServerConfig;
import dev.redisfromscratch.server.ConcurrencyServer;
import dev.redisfromscratch.server.IntegratedServer;
import dev.redisfromscratch.server.PersistentServer;
import dev.redisfromscratch.server.ServerExtension;
import dev.redisfromscratch.testkit.ExternalTool;
import dev.redisfromscratch.testkit.RawClient;
import dev.redisfromscratch.testkit.RealRedis;
import dev.redisfromscratch.testkit.TempDirs;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One round of {@code SET} requests from {@code C} connections at once, each sending
 * {@code P} requests in one write, then reading all the replies: the concurrency a server
 * sees from {@code redis-benchmark -c C -P P}, driven by one JMH thread so that the client's own
 * threads do not compete with the server's for the two cores.
 *
 * <p>{@link #target} picks the server, in the same run so the numbers compare: {@code lab5} is
 * lab 5's integrated server (a thread per client under one lock), {@code lab7} the same server
 * served by lab 7's event loop, {@code redis} a real {@code redis-server} (testkit's
 * {@link RealRedis}); all on a free loopback port, persistence off. The score is the time of one
 * round, in µs: {@code clients × pipeline} requests; {@code ./lab bench compare} reports lab 7's
 * rounds against lab 5's and Redis's with the same parameters.
 *
 * <p>What it shows: with one client the three are a loopback round trip apart; with 50, lab 5
 * pays a lock hand-off and a thread wake-up per request where the loop pays one {@code epoll_wait}
 * per batch of ready sockets; pipelining leaves the per-request work (decode, run, encode).
 *
 * <p>Pitfalls handled as in the JMH samples: the requests are built once in a non-final
 * {@code @State} field, the replies are returned (no dead code), servers and connections are set
 * up once per trial, and each reply is checked once at setup.
 *
 * <p>Run: {@code ./lab bench 7 EventLoopBenchmark}, or without Redis
 * {@code ./lab bench 7 EventLoopBenchmark -p target=lab5,lab7}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@Threads(1)
public class EventLoopBenchmark {
    private static final byte[] OK = "+OK\r\n".getBytes(StandardCharsets.US_ASCII);

    /** The server measured: {@code lab5} (a thread per client), {@code lab7} (the event loop) or {@code redis}. */
    @Param({"lab5", "lab7", "redis"})
    public String target;

    /**
     * {@code CLIENTSxPIPELINE}: connections sending at once, and requests per connection per write
     * ({@code redis-benchmark -c C -P P}). One parameter, so a smoke run forks three shapes, not four.
     */
    @Param({"1x1", "50x1", "50x16"})
    public String shape;

    private int clients;
    private int pipeline;

    private IntegratedServer ours;
    private Path dir;
    private RealRedis redis;
    private final List<RawClient> connections = new ArrayList<>();
    private byte[][] batches;
    private byte[] replies;

    /**
     * Starts the target on a free port, opens the connections and checks one round.
     *
     * @throws IllegalStateException if {@code target} is unknown, or {@code redis} without redis-server
     */
    @Setup(Level.Trial)
    public void start() throws Exception {
        String[] cp = shape.split("x");
        clients = Integer.parseInt(cp[0]);
        pipeline = Integer.parseInt(cp[1]);
        int port;
        switch (target) {
            case "lab5", "lab7" -> {
                List<ServerExtension> extensions = target.equals("lab7") ? ConcurrencyServer.extensions() : List.of();
                dir = TempDirs.create("bench-lab7-");
                ours = IntegratedServer.create(ServerConfig.ephemeral().set("dir", dir.toString()).set("save", ""),
                        Clock.systemUTC(), PersistentServer::backgroundThread, line -> { }, extensions);
                port = ours.start();
            }
            case "redis" -> {
                if (ExternalTool.find("redis-server").isEmpty()) {
                    throw new IllegalStateException("redis-server is not installed; run with -p target=lab5,lab7");
                }
                redis = RealRedis.start();
                port = redis.port();
            }
            default -> throw new IllegalStateException("unknown target " + target + ": lab5, lab7 or redis");
        }
        batches = new byte[clients][];
        for (int c = 0; c < clients; c++) {
            connections.add(RawClient.connect(port));
            ByteArrayOutputStream batch = new ByteArrayOutputStream();
            for (int i = 0; i < pipeline; i++) {
                String key = "key:" + c + ":" + i;
                batch.writeBytes(("*3\r\n$3\r\nSET\r\n$" + key.length() + "\r\n" + key + "\r\n$16\r\n0123456789abcdef\r\n")
                        .getBytes(StandardCharsets.US_ASCII));
            }
            batches[c] = batch.toByteArray();
        }
        replies = new byte[OK.length * pipeline];
        for (int i = 0; i < pipeline; i++) {
            System.arraycopy(OK, 0, replies, i * OK.length, OK.length);
        }
        if (!Arrays.equals(round(), replies)) {
            throw new IllegalStateException(target + " did not answer +OK to every SET");
        }
    }

    /** One round: every connection sends its batch, then every connection reads its replies. */
    @Benchmark
    public byte[] round() throws IOException {
        for (int c = 0; c < connections.size(); c++) {
            connections.get(c).send(batches[c]);
        }
        byte[] last = null;
        for (RawClient connection : connections) {
            last = connection.readExactly(replies.length);
        }
        return last;
    }

    /** Closes the connections and stops the server. */
    @TearDown(Level.Trial)
    public void stop() throws IOException {
        for (RawClient c : connections) {
            c.close();
        }
        connections.clear();
        if (ours != null) {
            ours.close();
            TempDirs.delete(dir);
        }
        if (redis != null) {
            redis.close();
        }
    }
}
