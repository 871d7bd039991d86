package dev.redisfromscratch.clients;

import static org.assertj.core.api.Assertions.assertThat;

import dev.redisfromscratch.server.IntegratedServerFixture;
import dev.redisfromscratch.testkit.ExternalTool;
import dev.redisfromscratch.testkit.grading.Points;
import dev.redisfromscratch.testkit.grading.Stage;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The real {@code redis-benchmark} with 50 connections at once ({@code -c 50}, its default), over
 * the tests of its default list that lab 5 has the commands for. Of {@code PING_INLINE},
 * {@code PING_MBULK}, {@code SET}, {@code GET}, {@code INCR}, {@code LPUSH}, {@code RPUSH},
 * {@code LPOP}, {@code RPOP}, {@code SADD}, {@code HSET}, {@code SPOP}, {@code ZADD},
 * {@code ZPOPMIN}, {@code LRANGE_*} and {@code MSET}, that is both {@code PING}s, {@code SET},
 * {@code GET}, {@code INCR} and {@code MSET}: lists, sets, hashes and sorted sets come with lab 6.
 * A small {@code -n} keeps it a correctness check (every test completes, no error reply, which
 * would stop {@code redis-benchmark} with exit status 1); the throughput is measured by
 * {@code ./lab bench 5 --vs-redis}. Skipped outside CI when {@code redis-tools} is not installed.
 */
@Stage(lab = 5, value = 1)
class RedisBenchmarkTest {
    private static final String REQUESTS = "5000";

    private IntegratedServerFixture fx;

    @BeforeEach
    void start() throws Exception {
        fx = IntegratedServerFixture.start();
    }

    @AfterEach
    void stop() {
        fx.close();
    }

    /** Runs redis-benchmark with {@code args} against lab 5; returns its CSV rows, test name to rps. */
    private Map<String, Double> benchmark(String... args) {
        return benchmark(fx.port, args);
    }

    /**
     * Runs {@code redis-benchmark -p port args} (with {@code --csv} among {@code args}) and checks
     * that it exits with status 0 and prints no error or warning; a later lab's benchmark tests
     * use it too. Skips the test when {@code redis-benchmark} or {@code redis-cli} is not
     * installed (fails it in CI).
     *
     * @param port the server's port, on 127.0.0.1
     * @return its CSV rows, in order: test name to requests per second
     */
    static Map<String, Double> benchmark(int port, String... args) {
        ExternalTool benchmark = ExternalTool.require("redis-benchmark");
        // redis-benchmark retries for ever once the server is gone: make sure it is there first
        assertThat(ExternalTool.require("redis-cli").run("-p", Integer.toString(port), "PING").out()).isEqualTo("PONG\n");
        String[] all = new String[args.length + 2];
        all[0] = "-p";
        all[1] = Integer.toString(port);
        System.arraycopy(args, 0, all, 2, args.length);
        ExternalTool.Result r;
        try (ServerWatch watch = new ServerWatch(port)) {
            r = benchmark.run(new byte[0], Duration.ofMinutes(2), all);
        }
        assertThat(r.exitCode()).as("exit status; output:\n%s%s", r.out(), r.stderr()).isZero();
        assertThat(r.out() + r.stderr()).doesNotContain("Error").doesNotContain("ERROR").doesNotContain("WARNING");
        Map<String, Double> rps = new LinkedHashMap<>();
        List<String> lines = r.out().lines().toList();
        assertThat(lines.get(0)).startsWith("\"test\",\"rps\",\"avg_latency_ms\"");
        for (String line : lines.subList(1, lines.size())) {
            String[] fields = line.replace("\"", "").split(",");
            rps.put(fields[0], Double.parseDouble(fields[1]));
        }
        return rps;
    }

    /**
     * Stops {@code redis-benchmark} as soon as the server stops listening (a stub threw: a server bug
     * stops the whole server), instead of letting it retry until its timeout. It looks every 100 ms
     * for the port's listening socket in {@code /proc/net/tcp} and {@code tcp6} (Linux; elsewhere it
     * watches nothing), so it opens no connection the server would count.
     */
    private static final class ServerWatch implements AutoCloseable {
        private final Thread thread;
        private volatile boolean done;

        ServerWatch(int port) {
            thread = new Thread(() -> {
                while (!done && listening(port)) {
                    try {
                        Thread.sleep(100); // a poll interval, not synchronisation
                    } catch (InterruptedException e) {
                        return;
                    }
                }
                if (!done) {
                    ProcessHandle.current().descendants()
                            .filter(h -> h.info().command().orElse("").endsWith("redis-benchmark"))
                            .forEach(ProcessHandle::destroy);
                }
            }, "redis-benchmark-server-watch");
            thread.setDaemon(true);
            thread.start();
        }

        /** @return whether a socket listens on {@code port} (true when /proc cannot tell) */
        private static boolean listening(int port) {
            String local = String.format(":%04X ", port);
            boolean readable = false;
            for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
                try {
                    for (String line : java.nio.file.Files.readAllLines(java.nio.file.Path.of(table))) {
                        String[] f = line.trim().split("\\s+");
                        // sl local_address rem_address st ...: state 0A is LISTEN
                        if (f.length > 3 && (f[1] + " ").endsWith(local) && f[3].equals("0A")) {
                            return true;
                        }
                    }
                    readable = true;
                } catch (java.io.IOException | RuntimeException unreadable) {
                    // not Linux, or no IPv6 table
                }
            }
            return !readable;
        }

        @Override
        public void close() {
            done = true;
            thread.interrupt();
        }
    }

    /**
     * {@code -t ping,set,get -c 50}: fifty connections, fifty client threads, each sending its next
     * request as soon as its reply arrives. Every test completes with a non-zero rate, the key
     * {@code SET} wrote is there, and once {@code redis-benchmark} has left every one of its
     * client threads has ended and left the client list.
     */
    @Test
    @Points(3)
    void fiftyConnectionsAtOnceRunPingSetAndGet() throws Exception {
        Map<String, Double> rps = benchmark("-t", "ping,set,get", "-c", "50", "-n", REQUESTS, "--csv");
        assertThat(rps.keySet()).containsExactly("PING_INLINE", "PING_MBULK", "SET", "GET");
        assertThat(rps.values()).allSatisfy(r -> assertThat(r).isPositive());
        fx.server.lock().lock();
        try {
            // without -r every request uses the one key key:__rand_int__; -d 3: a 3-byte value
            assertThat(fx.server.databases().db(0).get("key:__rand_int__".getBytes(StandardCharsets.US_ASCII))).hasSize(3);
        } finally {
            fx.server.lock().unlock();
        }
        assertThat(ConnectedClients.awaitNone(fx, Duration.ofSeconds(10))).as("clients left after redis-benchmark exited").isZero();
    }

    /**
     * The default test list, restricted to lab 5's commands: {@code -t
     * ping,set,get,incr,mset -c 50}. Every test completes, with no error reply and a non-zero rate.
     */
    @Test
    @Points(4)
    void theDefaultTestsLab5HasTheCommandsForAllComplete() {
        Map<String, Double> rps = benchmark("-t", "ping,set,get,incr,mset", "-c", "50", "-n", REQUESTS, "--csv");
        assertThat(rps.keySet()).containsExactly("PING_INLINE", "PING_MBULK", "SET", "GET", "INCR", "MSET (10 keys)");
        assertThat(rps.values()).allSatisfy(r -> assertThat(r).isPositive());
    }
}
