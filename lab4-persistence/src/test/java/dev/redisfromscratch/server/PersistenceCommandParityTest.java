package dev.redisfromscratch.server;

import dev.redisfromscratch.resp.client.RespClient;
import dev.redisfromscratch.testkit.RealRedis;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code COMMAND INFO} and {@code COMMAND DOCS} of the commands lab 4 adds are Redis 7.0.15's. */
class PersistenceCommandParityTest {
    @TempDir
    static Path dir;
    private static PersistentServerFixture ours;
    private static RealRedis redis;
    private static RespClient ourClient;
    private static RespClient redisClient;

    @BeforeAll
    static void start() throws Exception {
        redis = RealRedis.start();
        ours = PersistentServerFixture.in(dir).start();
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
    @ValueSource(strings = {"save", "bgsave", "lastsave", "bgrewriteaof", "shutdown", "flushall", "flushdb", "pexpireat"})
    void commandInfoIsRedis(String name) throws Exception {
        CommandParity.assertCommandInfoMatches(ourClient, redisClient, name);
    }

    @ParameterizedTest
    @ValueSource(strings = {"save", "bgsave", "lastsave", "bgrewriteaof", "shutdown", "flushall", "flushdb", "pexpireat"})
    void commandDocsAreRedis(String name) throws Exception {
        CommandParity.assertCommandDocsMatch(ourClient, redisClient, name);
    }
}
