package dev.redisfromscratch.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.redisfromscratch.config.ServerConfig;
import dev.redisfromscratch.server.DataStoreServer;
import dev.redisfromscratch.tcp.BlockingServer;
import dev.redisfromscratch.testkit.RawClient;
import dev.redisfromscratch.testkit.RealRedis;
import dev.redisfromscratch.testkit.grading.Stage;
import java.io.IOException;
import java.time.Clock;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

/**
 * Sends the same inline requests to lab 2's server and to a real {@code redis-server} and asserts
 * that the replies are the same bytes (each test is one pipeline ending in QUIT). Both run on real time (our store on the system clock); the
 * requests avoid replies that depend on the passing of time (PTTL, or TTLs read seconds later).
 * Each test works on keys of its own, so one Redis serves the whole class.
 *
 * <p>Skipped when {@code redis-server} is not installed; failed then under {@code CI=true}.
 */
@Stage(lab = 2, value = 4)
class RealRedisComparisonTest {
    private static RealRedis redis;
    private static BlockingServer ours;

    @BeforeAll
    static void startBoth() throws IOException {
        redis = RealRedis.start();
        ours = DataStoreServer.create(ServerConfig.ephemeral(), new DataStore(Clock.systemUTC()), line -> { });
        ours.start();
    }

    @AfterAll
    static void stopBoth() {
        if (ours != null) {
            ours.close();
        }
        if (redis != null) {
            redis.close();
        }
    }

    /**
     * Sends the requests (inline lines; {@code $k} stands for this test's key prefix), then QUIT, in
     * one write to each server, and compares everything each one sent back until it closed.
     */
    private static void assertSameReplies(TestInfo test, String... requests) throws IOException {
        String prefix = test.getTestMethod().orElseThrow().getName() + ":";
        StringBuilder pipeline = new StringBuilder();
        for (String request : requests) {
            pipeline.append(request.replace("$k", prefix)).append("\r\n");
        }
        pipeline.append("QUIT\r\n");
        String expected = RawClient.exchangeUntilClosed(redis.port(), pipeline.toString());
        assertThat(RawClient.exchangeUntilClosed(ours.port(), pipeline.toString()))
                .as("replies to %s", pipeline)
                .isEqualTo(expected)
                .endsWith("+OK\r\n");
    }

    @Test
    void setAndGet(TestInfo t) throws IOException {
        assertSameReplies(t,
                "SET $ka hello", "GET $ka", "GET $kmissing", "set $ka \"two words\"", "GET $ka",
                "SET $kbin \"a\\r\\nb\\x00c\\xff\"", "GET $kbin", "SET $kempty \"\"", "GET $kempty");
    }

    @Test
    void setConditionsAndGetOption(TestInfo t) throws IOException {
        assertSameReplies(t,
                "SET $ka 1 NX", "SET $ka 2 NX", "GET $ka", "SET $kb 1 XX", "SET $ka 3 XX", "GET $ka",
                "SET $ka 4 GET", "SET $kc 1 GET", "SET $ka 5 NX GET", "SET $ka 6 XX GET", "GET $ka",
                "SET $kd 1 nx get", "SET $ka 7 GET GET");
    }

    @Test
    void setTimeOptions(TestInfo t) throws IOException {
        // Relative TTLs read back at once round to the same second on both servers. An absolute
        // time's TTL could round either way (the two servers read it milliseconds apart), so EXAT and
        // PXAT are checked with EXISTS and PERSIST (:1 proves a TTL was set).
        long inAnHour = System.currentTimeMillis() / 1000 + 3600;
        assertSameReplies(t,
                "SET $ka v EX 100", "TTL $ka", "SET $ka v KEEPTTL", "TTL $ka", "SET $ka v", "TTL $ka",
                "SET $kb v PX 100000", "TTL $kb", "SET $kc v EXAT " + inAnHour, "EXISTS $kc", "PERSIST $kc",
                "SET $kd v PXAT " + inAnHour * 1000, "PERSIST $kd", "SET $ke v EX 10 EX 20", "TTL $ke",
                "SET $kf v EXAT 1", "GET $kf", "SET $kg v PXAT 1", "EXISTS $kg");
    }

    @Test
    void setErrors(TestInfo t) throws IOException {
        assertSameReplies(t,
                "SET $ka", "SET", "SET $ka v NX XX", "SET $ka v XX NX", "SET $ka v FOO", "SET $ka v EX",
                "SET $ka v PX", "SET $ka v EX 10 PX 10", "SET $ka v EX 10 KEEPTTL", "SET $ka v KEEPTTL EX 10",
                "SET $ka v EXAT 10 PXAT 10", "SET $ka v PERSIST", "SET $ka v EX abc", "SET $ka v EX 1.5",
                "SET $ka v EX 0", "SET $ka v EX -1", "SET $ka v PX 0", "SET $ka v PXAT -1", "SET $ka v EXAT 0",
                "SET $ka v EX 9223372036854776", "SET $ka v EX 9223372036854775807",
                "SET $ka v PX 9223372036854775807", "SET $ka v EX 99999999999999999999",
                "SET $ka v EX abc FOO", "SET $ka v EX +5", "SET $ka v EX 007", "GET $ka",
                "SET $ka v GET EX 0", "GET $ka");
    }

    @Test
    void getErrors(TestInfo t) throws IOException {
        assertSameReplies(t, "GET", "GET $ka $kb", "get");
    }

    @Test
    void delExistsAndDbsizeCount(TestInfo t) throws IOException {
        assertSameReplies(t,
                "SET $ka 1", "SET $kb 2", "EXISTS $ka", "EXISTS $ka $ka $kb $kmissing", "EXISTS $kmissing",
                "DEL $ka $kb $kc", "DEL $ka", "SET $ka 1", "DEL $ka $ka", "DEL", "EXISTS", "DBSIZE x");
    }

    @Test
    void expireAndItsOptions(TestInfo t) throws IOException {
        assertSameReplies(t,
                "EXPIRE $kmissing 10", "SET $ka v", "EXPIRE $ka 100", "TTL $ka", "EXPIRE $ka 200 NX",
                "EXPIRE $ka 50 XX", "TTL $ka", "EXPIRE $ka 20 GT", "EXPIRE $ka 500 GT", "TTL $ka",
                "EXPIRE $ka 1000 LT", "EXPIRE $ka 30 LT", "TTL $ka", "SET $kb v", "EXPIRE $kb 10 GT",
                "EXPIRE $kb 10 XX", "EXPIRE $kb 10 LT", "TTL $kb", "SET $kc v", "EXPIRE $kc 10 nx",
                "EXPIRE $kc 5 xx gt", "TTL $kc");
    }

    @Test
    void expireNegativeOrZeroDeletes(TestInfo t) throws IOException {
        assertSameReplies(t,
                "SET $ka v", "EXPIRE $ka -1", "EXISTS $ka", "SET $kb v", "EXPIRE $kb 0", "GET $kb",
                "EXPIRE $kb -1");
    }

    @Test
    void expireErrors(TestInfo t) throws IOException {
        assertSameReplies(t,
                "SET $ka v", "EXPIRE $ka", "EXPIRE", "EXPIRE $ka abc", "EXPIRE $ka 10 FOO", "EXPIRE $ka abc FOO",
                "EXPIRE $ka 10 NX XX", "EXPIRE $ka 10 NX GT", "EXPIRE $ka 10 NX LT", "EXPIRE $ka 10 GT LT",
                "EXPIRE $ka 10 LT GT", "EXPIRE $ka 10 XX LT GT", "EXPIRE $ka 9223372036854775807",
                "EXPIRE $ka -9223372036854775807", "EXPIRE $ka 9223372036854775",
                "EXPIRE $kmissing 9223372036854775807", "EXPIRE $ka 1.5", "TTL $ka");
    }

    @Test
    void ttlPttlAndPersist(TestInfo t) throws IOException {
        assertSameReplies(t,
                "TTL $kmissing", "PTTL $kmissing", "SET $ka v", "TTL $ka", "PTTL $ka", "PERSIST $ka",
                "PERSIST $kmissing", "EXPIRE $ka 100", "PERSIST $ka", "TTL $ka", "PERSIST $ka",
                "TTL", "PTTL", "PERSIST", "TTL $ka $kb");
    }

    @Test
    void labOneCommandsAndUnknownCommands(TestInfo t) throws IOException {
        assertSameReplies(t, "PING", "PING hello", "ECHO $ka", "FROBNICATE $ka b", "FROBNICATE");
    }
}
