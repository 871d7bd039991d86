package dev.redisfromscratch.bench;

import dev.redisfromscratch.config.ServerConfig;
import dev.redisfromscratch.server.PingServer;
import dev.redisfromscratch.testkit.RealRedis;
import dev.redisfromscratch.testkit.RoundTripTarget;
import dev.redisfromscratch.tcp.PingLocalServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
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
 * One inline {@code PING} round trip over loopback TCP: write {@code PING\r\n}, wait for the
 * 7 bytes of {@code +PONG\r\n}. The time is mostly the kernel's: two {@code write}s, two
 * {@code read}s, two wake-ups of a sleeping thread; the server's own work (frame a 6-byte line,
 * look up PING) is a few hundred nanoseconds of it.
 *
 * <p>{@link #target} picks the server, in the same run so the numbers compare: {@code lab1} is
 * lab 1's {@link PingServer} on a background thread of this JVM, {@code redis} a real
 * {@code redis-server} (testkit's {@link RealRedis}), which accepts inline commands too. Both
 * listen on a free loopback port. {@code ./lab bench compare} puts the two side by side.
 *
 * <p>One thread only ({@link Threads}): the lab 1 server serves one client at a time, so a second
 * benchmark thread would wait in its accept queue for ever.
 *
 * <p>Pitfalls handled as in the JMH samples: the request is a non-final {@code @State} field; the
 * reply is returned (no dead code); the server and the connection are set up once per trial,
 * outside the measurement.
 *
 * <p>Run: {@code ./lab bench 1 InlinePingBenchmark}, or without Redis:
 * {@code ./lab bench 1 InlinePingBenchmark -p target=lab1}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@Threads(1)
public class InlinePingBenchmark {
    private static final byte[] PONG = "+PONG\r\n".getBytes(StandardCharsets.US_ASCII);

    /** The server measured: {@code lab1} (ours) or {@code redis} (a real redis-server). */
    @Param({"lab1", "redis"})
    public String target;

    private byte[] ping;
    private RoundTripTarget server;

    /**
     * Starts the target server on a free port and connects to it.
     *
     * @throws IllegalStateException if {@code target} is {@code redis} and redis-server is not
     *     installed, or a server does not answer PONG
     */
    @Setup(Level.Trial)
    public void connect() throws Exception {
        ping = "PING\r\n".getBytes(StandardCharsets.US_ASCII);
        server = RoundTripTarget.open(target, "lab1", PingLocalServer::new, ping, PONG);
    }

    /** Sends one PING and reads its +PONG. */
    @Benchmark
    public byte[] pingRoundTrip() throws IOException {
        return server.roundTrip(ping);
    }

    /** Closes the connection and stops the server. */
    @TearDown(Level.Trial)
    public void close() throws IOException {
        server.close();
    }
}
