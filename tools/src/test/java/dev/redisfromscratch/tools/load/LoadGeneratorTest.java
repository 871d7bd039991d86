package dev.redisfromscratch.tools.load;

import static org.assertj.core.api.Assertions.assertThat;

import dev.redisfromscratch.testkit.RawClient;
import dev.redisfromscratch.testkit.RealRedis;
import dev.redisfromscratch.tools.load.LoadGenerator.LoadResult;
import dev.redisfromscratch.tools.load.Workload.Request;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The load generator against a real {@code redis-server} (which accepts inline and RESP requests,
 * as the labs do). Session runs count sessions, not seconds, so their counts are exact.
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

    private static InetSocketAddress redisAddress() {
        return new InetSocketAddress("127.0.0.1", redis.port());
    }

    private static LoadGenerator generator(List<Request> requests, int connections, int sessionRequests, int pipeline) {
        return new LoadGenerator(redisAddress(), requests, connections, sessionRequests, pipeline);
    }

    private static void redis(String inline) throws Exception {
        try (RawClient c = RawClient.connect(redis.port())) {
            c.send(inline + "\r\n").readLine();
        }
    }

    @Test
    void respWorkloadGetsOneReplyPerRequestAndStoresItsKeys() throws Exception {
        redis("FLUSHALL");
        LoadResult result = generator(Workload.RESP_STRINGS.requests(), 3, 300, 1).runSessions(2);

        assertThat(result.failures()).isEmpty();
        assertThat(result.replies()).isEqualTo(3 * 2 * 300);
        assertThat(result.sessions()).isEqualTo(3 * 2);
        assertThat(result.errors()).isZero();
        assertThat(result.latencies().getTotalCount()).isEqualTo(3 * 2 * 300);
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
    void errorRepliesAreCountedAndShown() throws Exception {
        List<Request> requests = List.of(
                new Request("PING\r\n".getBytes(StandardCharsets.US_ASCII), List.of()),
                new Request("NOSUCHCOMMAND a\r\n".getBytes(StandardCharsets.US_ASCII), List.of()));
        LoadResult result = generator(requests, 1, 10, 1).runSessions(1);
        assertThat(result.replies()).isEqualTo(10);
        assertThat(result.errors()).isEqualTo(5);
        assertThat(result.wrongReplies()).first().asString().startsWith("NOSUCHCOMMAND a\\r\\n got -ERR unknown command");
    }

    @Test
    void aGetAnsweredWithAnotherValueIsAWrongReply() throws Exception {
        redis("SET key:0 somebody-elses!!"); // 16 bytes, but not key 0's value
        LoadResult result = generator(Workload.setGet(0, 1, 1), 1, 20, 1).runSessions(1);
        assertThat(result.replies()).isEqualTo(20);
        assertThat(result.errors()).isEqualTo(20);
        assertThat(result.wrongReplies()).hasSize(LoadGenerator.KEPT_WRONG_REPLIES)
                .first().asString().endsWith("got $16\\r\\nsomebody-elses!!\\r\\n");
    }

    @Test
    void aClosedLoopOfManyConnectionsOnTwoThreadsChecksEveryReplyAndRecordsEveryMeasuredOne() throws Exception {
        redis("FLUSHALL");
        LoadResult result = new LoadGenerator(redisAddress(), Workload.setGet(1, 1, 1000), 200, 0, 4, 2)
                .runFor(TimeUnit.MILLISECONDS.toNanos(200), TimeUnit.MILLISECONDS.toNanos(800));

        assertThat(result.failures()).isEmpty();
        assertThat(result.errors()).as("wrong replies: %s", result.wrongReplies()).isZero();
        assertThat(result.recorded()).isPositive().isLessThan(result.replies()); // the warm-up's are not recorded
        assertThat(result.latencies().getTotalCount()).isEqualTo(result.recorded());
        assertThat(result.sessions()).isEqualTo(200); // one whole-run session per connection
        assertThat(result.seconds()).isBetween(0.7, 5.0);
        assertThat(result.throughput()).isPositive();
        List<Double> percentiles = LatencyReport.of(result.latencies()).summaryMillis();
        assertThat(percentiles).isSorted();
        assertThat(percentiles.get(0)).isPositive();
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
