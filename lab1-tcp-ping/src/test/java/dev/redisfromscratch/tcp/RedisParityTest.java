package dev.redisfromscratch.tcp;

import dev.redisfromscratch.config.ServerConfig;
import dev.redisfromscratch.server.PingServer;
import dev.redisfromscratch.testkit.RawClient;
import dev.redisfromscratch.testkit.RealRedis;
import dev.redisfromscratch.testkit.blackbox.WireAssert;
import dev.redisfromscratch.testkit.grading.Stage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The same inline requests to lab 1's server and to a real {@code redis-server}: the replies must
 * be the same bytes. Each request ends with QUIT so both servers close and the whole reply stream
 * can be compared.
 */
@Stage(lab = 1, value = 3)
class RedisParityTest {
    private static BlockingServer ours;
    private static int ourPort;
    private static RealRedis redis;

    @BeforeAll
    static void start() throws Exception {
        redis = RealRedis.start();
        ours = PingServer.create(ServerConfig.ephemeral(), line -> { });
        ourPort = ours.start();
    }

    @AfterAll
    static void stop() {
        if (ours != null) {
            ours.close();
        }
        if (redis != null) {
            redis.close();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "PING\r\n",
        "ping\n",
        "PING hello\r\n",
        "PING a b\r\n",
        "ECHO\r\n",
        "ECHO \"a b\\tc\" \r\n",
        "ECHO 'it\\'s'\r\n",
        "ECHO \"\\x00\\xff\"\r\n",
        "FROBNICATE a b\r\n",
        "nosuchcommand\r\n",
        "\r\n\r\nPING\r\n",
        "QUIT extra args\r\n",
        "ECHO \"abc\r\n",
        "ECHO \"a\"b\r\n",
    })
    void repliesAreByteForByteRedis(String request) throws Exception {
        String quitting = request + "QUIT\r\n";
        WireAssert.sameReplies(quitting, RawClient.exchangeUntilClosed(redis.port(), quitting),
                RawClient.exchangeUntilClosed(ourPort, quitting));
    }
}
