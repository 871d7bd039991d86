package dev.redisfromscratch.clients;

import static org.assertj.core.api.Assertions.assertThat;

import dev.redisfromscratch.server.IntegratedServerFixture;
import dev.redisfromscratch.server.ListsSetsServer;
import dev.redisfromscratch.testkit.grading.Points;
import dev.redisfromscratch.testkit.grading.Stage;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;

/**
 * The real {@code redis-benchmark} over the list and set tests of its default list, which lab 5
 * could not run: {@code -t lpush,rpush,lpop,rpop,sadd,spop,lrange_100 -c 20}. A small {@code -n}
 * keeps it a correctness check: every test completes with no error reply (one would stop
 * {@code redis-benchmark} with exit status 1); the throughput is measured by
 * {@code ./lab bench 6 --vs-redis}. It runs through lab 5's {@code RedisBenchmarkTest.benchmark}.
 * Skipped outside CI when {@code redis-tools} is not installed.
 */
class RedisBenchmarkListsSetsTest {
    private IntegratedServerFixture fx;

    @BeforeEach
    void start() throws Exception {
        fx = IntegratedServerFixture.start(ListsSetsServer.extensions());
    }

    @AfterEach
    void stop() {
        fx.close();
    }

    /**
     * Twenty connections, 2,000 requests per test. Every test completes with a non-zero rate;
     * afterwards {@code mylist} is a list holding what the {@code LRANGE} tests pushed (at least
     * the 100 elements they read), and every client has left.
     */
    @Test
    @Stage(lab = 6, value = 2)
    @Points(3)
    void theListAndSetTestsAllComplete() throws Exception {
        Map<String, Double> rps = RedisBenchmarkTest.benchmark(fx.port,
                "-t", "lpush,rpush,lpop,rpop,sadd,spop,lrange_100", "-n", "2000", "-c", "20", "--csv");
        assertThat(rps.keySet()).containsExactly("LPUSH", "RPUSH", "LPOP", "RPOP", "SADD", "SPOP",
                "LPUSH (needed to benchmark LRANGE)", "LRANGE_100 (first 100 elements)");
        assertThat(rps.values()).allSatisfy(r -> assertThat(r).isPositive());
        try (Jedis jedis = new Jedis("127.0.0.1", fx.port)) {
            assertThat(jedis.type("mylist")).isEqualTo("list");
            assertThat(jedis.llen("mylist")).isGreaterThanOrEqualTo(100);
        }
        assertThat(ConnectedClients.awaitNone(fx, Duration.ofSeconds(10))).as("clients left after redis-benchmark exited").isZero();
    }
}
