package dev.redisfromscratch.strings;

import dev.redisfromscratch.resp.client.RespClient;
import dev.redisfromscratch.server.CommandParity;
import dev.redisfromscratch.server.IntegratedServerFixture;
import dev.redisfromscratch.testkit.RealRedis;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code COMMAND INFO} (arity, flags, key positions, ACL categories, tips, key specs) and
 * {@code COMMAND DOCS} of every string command lab 5 adds are Redis 7.0.15's.
 */
class StringCommandsIntrospectionParityTest {
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
    @ValueSource(strings = {"append", "strlen", "getrange", "setrange", "incr", "decr", "incrby", "decrby", "incrbyfloat",
            "mget", "mset", "msetnx", "getset", "getdel", "getex", "setnx", "setex", "psetex"})
    void commandInfoIsRedis(String name) throws Exception {
        CommandParity.assertCommandInfoMatches(ourClient, redisClient, name);
    }

    @ParameterizedTest
    @ValueSource(strings = {"append", "strlen", "getrange", "setrange", "incr", "decr", "incrby", "decrby", "incrbyfloat",
            "mget", "mset", "msetnx", "getset", "getdel", "getex", "setnx", "setex", "psetex"})
    void commandDocsAreRedis(String name) throws Exception {
        CommandParity.assertCommandDocsMatch(ourClient, redisClient, name);
    }
}
