package dev.redisfromscratch.tools.profiling;

import static org.assertj.core.api.Assertions.assertThat;

import dev.redisfromscratch.testkit.RawClient;
import dev.redisfromscratch.testkit.RealRedis;
import dev.redisfromscratch.tools.profiling.LoadGenerator.LoadResult;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The load generator against a real {@code redis-server} (which accepts inline and RESP requests,
 * as the labs do). Runs count sessions, not seconds, so every count is exact.
 */
class LoadGeneratorTest {
    private static RealRedis redis;

    @BeforeAll
    static void startRedis() {
        redis = RealRedis.start();
    }

    @AfterAll
    static void stopRedis() {
        if (redis != null) {
            redis.close();
        }
    }

    private static LoadGenerator generator(List<byte[]> requests, int connections, int sessionRequests, int pipeline) {
        return new LoadGenerator(new InetSocketAddress("127.0.0.1", redis.port()), requests, connections,
                sessionRequests, pipeline);
    }

    @Test
    void respWorkloadGetsOneReplyPerRequestAndStoresItsKeys() throws Exception {
        try (RawClient c = RawClient.connect(redis.port())) {
            c.send("FLUSHALL\r\n").readLine();
        }
        LoadResult result = generator(Workload.RESP_STRINGS.requests(), 3, 300, 1).runSessions(2);

        assertThat(result.failures()).isEmpty();
        assertThat(result.replies()).isEqualTo(3 * 2 * 300);
        assertThat(result.sessions()).isEqualTo(3 * 2);
        assertThat(result.errors()).isZero();
        try (RawClient c = RawClient.connect(redis.port())) {
            String value = "v".repeat(Workload.VALUE_BYTES);
            assertThat(c.send("GET key:0\r\n").read("$64\r\n" + value + "\r\n")).isEqualTo("$64\r\n" + value + "\r\n");
        }
    }

    @Test
    void inlineWorkloadsArePipelinedWithoutErrors() throws Exception {
        for (Workload workload : List.of(Workload.INLINE_PING, Workload.INLINE_STRINGS)) {
            LoadResult result = generator(workload.requests(), 2, 400, 8).runSessions(1);
            assertThat(result.failures()).as(workload.name()).isEmpty();
            assertThat(result.replies()).as(workload.name()).isEqualTo(2 * 400);
            assertThat(result.errors()).as(workload.name()).isZero();
        }
    }

    @Test
    void errorRepliesAreCounted() throws Exception {
        List<byte[]> requests = List.of("PING\r\n".getBytes(StandardCharsets.US_ASCII),
                "NOSUCHCOMMAND a\r\n".getBytes(StandardCharsets.US_ASCII));
        LoadResult result = generator(requests, 1, 10, 1).runSessions(1);
        assertThat(result.replies()).isEqualTo(10);
        assertThat(result.errors()).isEqualTo(5);
    }

    @Test
    void aServerThatIsNotThereIsAFailureNotAHang() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        LoadResult result = new LoadGenerator(new InetSocketAddress("127.0.0.1", closedPort),
                Workload.INLINE_PING.requests(), 2, 10, 1).runSessions(1);
        assertThat(result.replies()).isZero();
        assertThat(result.failures()).hasSize(2).allSatisfy(f -> assertThat(f).contains("Connection refused"));
    }
}
