package dev.redisfromscratch.bench;

import dev.redisfromscratch.introspection.ServerConfig;
import dev.redisfromscratch.resp.Protocol;
import dev.redisfromscratch.resp.RespServer;
import dev.redisfromscratch.store.DataStore;
import dev.redisfromscratch.tcp.BlockingServer;
import dev.redisfromscratch.testkit.ExternalTool;
import dev.redisfromscratch.testkit.RawClient;
import dev.redisfromscratch.testkit.RealRedis;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Arrays;
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
    private BlockingServer server;
    private RealRedis redis;
    private RawClient client;

    /**
     * Starts the target server on a free port and connects to it.
     *
     * @throws IllegalStateException if {@code target} is {@code redis} and redis-server is not
     *     installed, or a server does not answer PONG
     */
    @Setup(Level.Trial)
    public void connect() throws IOException {
        ping = Protocol.encodeCommand("PING");
        int port;
        if (target.equals("lab3")) {
            server = RespServer.create(new DataStore(Clock.systemUTC()), new ServerConfig("127.0.0.1", 0), line -> { });
            port = server.startOnFreePort("lab3-bench");
        } else if (target.equals("redis")) {
            if (ExternalTool.find("redis-server").isEmpty()) {
                throw new IllegalStateException("redis-server is not installed (Debian: apt-get install "
                        + ExternalTool.debianPackage("redis-server") + "); run with -p target=lab3");
            }
            redis = RealRedis.start();
            port = redis.port();
        } else {
            throw new IllegalStateException("unknown target " + target + ": use lab3 or redis");
        }
        client = RawClient.connect(port);
        if (!Arrays.equals(pingRoundTrip(), PONG)) {
            throw new IllegalStateException(target + " did not answer +PONG");
        }
    }

    /** Sends one RESP PING and reads its +PONG. */
    @Benchmark
    public byte[] pingRoundTrip() throws IOException {
        return client.send(ping).readExactly(PONG.length);
    }

    /** Closes the connection and stops the server. */
    @TearDown(Level.Trial)
    public void close() throws IOException {
        if (client != null) {
            client.close();
        }
        if (server != null) {
            server.close();
        }
        if (redis != null) {
            redis.close();
        }
    }
}
