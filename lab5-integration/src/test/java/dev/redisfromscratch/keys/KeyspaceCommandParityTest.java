package dev.redisfromscratch.keys;

import dev.redisfromscratch.resp.client.RespClient;
import dev.redisfromscratch.server.CommandParity;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code COMMAND INFO} and {@code COMMAND DOCS} of the database and keyspace commands are Redis 7.0.15's. */
class KeyspaceCommandParityTest {
    private static ParityServers servers;
    private static RespClient ours;
    private static RespClient redis;

    @BeforeAll
    static void start() throws Exception {
        servers = ParityServers.start();
        ours = servers.ourClient();
        redis = servers.redisClient();
    }

    @AfterAll
    static void stop() throws Exception {
        if (ours != null) {
            ours.close();
            redis.close();
        }
        if (servers != null) {
            servers.close();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"select", "swapdb", "move", "dbsize", "keys", "scan", "randomkey", "rename", "renamenx", "copy",
            "type", "unlink", "touch", "expireat", "pexpire", "pexpireat", "expiretime", "pexpiretime", "object",
            "object|encoding", "object|freq", "object|refcount", "object|help"})
    void commandInfoIsRedis(String name) throws Exception {
        CommandParity.assertCommandInfoMatches(ours, redis, name);
    }

    @ParameterizedTest
    @ValueSource(strings = {"select", "swapdb", "move", "dbsize", "keys", "scan", "randomkey", "rename", "renamenx", "copy",
            "type", "unlink", "touch", "expireat", "pexpire", "pexpireat", "expiretime", "pexpiretime", "object",
            "object|encoding", "object|freq", "object|refcount", "object|help"})
    void commandDocsAreRedis(String name) throws Exception {
        CommandParity.assertCommandDocsMatch(ours, redis, name);
    }
}
