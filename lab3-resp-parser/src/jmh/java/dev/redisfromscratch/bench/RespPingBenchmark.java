package dev.redisfromscratch.bench;

import dev.redisfromscratch.resp.Protocol;
import dev.redisfromscratch.server.RespServer;
import dev.redisfromscratch.store.DataStore;
import dev.redisfromscratch.testkit.RealRedis;
import dev.redisfromscratch.testkit.RoundTripTarget;
import dev.redisfromscratch.server.RespLocalServer;
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
 * One RESP {@code PING} round trip over loopback TCP, the way every client library sends it:
 * write the multibulk {@code *1\r\n$4\r\nPING\r\n}, wait for the 7 bytes of {@code +PONG\r\n}.
 * Lab 1's {@code InlinePingBenchmark} does the same with an inline line; as there, the time is
 * mostly system calls and thread wake-ups, so the two labs and Redis land close together.
 *
 * <p>{@link #target} picks the server, in the same run so the numbers compare: {@code lab3} is
 * lab 3's {@link RespServer} (with an empty {@link DataStore}) on a background thread of this JVM,
 * {@code redis} a real {@code redis-server} (testkit's {@link RealRedis}). Both listen on a free
 * loopback port. {@code ./lab bench compare} puts them side by side.
 *
 * <p>One thread only ({@link Threads}): lab 3's server still serves one client at a time.
 *
 * <p>Pitfalls handled as in the JMH samples: the request is a non-final {@code @State} field; the
 * reply is returned (no dead code); server and connection are set up once per trial.
 *
 * <p>Run: {@code ./lab bench 3 RespPingBenchmark}, or without Redis:
 * {@code ./lab bench 3 RespPingBenchmark -p target=lab3}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@Threads(1)
public class RespPingBenchmark {
    private static final byte[] PONG = "+PONG\r\n".getBytes(StandardCharsets.US_ASCII);

    /** The server measured: {@code lab3} (ours) or {@code redis} (a real redis-server). */
    @Param({"lab3", "redis"})
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
        ping = Protocol.encodeCommand("PING");
        server = RoundTripTarget.open(target, "lab3", RespLocalServer::new, ping, PONG);
    }

    /** Sends one RESP PING and reads its +PONG. */
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
