package dev.redisfromscratch.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.redisfromscratch.resp.client.RespClient;
import dev.redisfromscratch.testkit.RealRedis;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code COMMAND INFO} and {@code COMMAND DOCS} of the transaction and publish/subscribe commands
 * are Redis 7.0.15's, and so is {@code PING}'s row after lab 5 wrapped its handler.
 */
class TransactionAndPubSubCommandParityTest {
    private static IntegratedServerFixture ours;
    private static RealRedis redis;
    private static RespClient ourClient;
    private static RespClient redisClient;

    @BeforeAll
    static void start() throws Exception {
        redis = RealRedis.start();
        ours = IntegratedServerFixture.start();
        ourClient = new RespClient("127.0.0.1", ours.port);
        redisClient = new RespClient("127.0.0.1", redis.port());
    }

    @AfterAll
    static void stop() throws Exception {
        ourClient.close();
        redisClient.close();
        ours.close();
        redis.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"multi", "exec", "discard", "watch", "unwatch", "subscribe", "unsubscribe", "psubscribe",
            "punsubscribe", "publish", "pubsub", "pubsub|channels", "pubsub|numsub", "pubsub|numpat",
            "pubsub|shardchannels", "pubsub|shardnumsub", "pubsub|help", "ping"})
    void commandInfoIsRedis(String name) throws Exception {
        CommandParity.assertCommandInfoMatches(ourClient, redisClient, name);
    }

    @ParameterizedTest
    @ValueSource(strings = {"multi", "exec", "discard", "watch", "unwatch", "subscribe", "unsubscribe", "psubscribe",
            "punsubscribe", "publish", "pubsub", "ping"})
    void commandDocsAreRedis(String name) throws Exception {
        CommandParity.assertCommandDocsMatch(ourClient, redisClient, name);
    }

    @Test
    void theOutputBufferLimitsAreRedisDefaults() throws Exception {
        assertThat(ourClient.call("CONFIG", "GET", "client-output-buffer-limit"))
                .isEqualTo(redisClient.call("CONFIG", "GET", "client-output-buffer-limit"));
    }
}
