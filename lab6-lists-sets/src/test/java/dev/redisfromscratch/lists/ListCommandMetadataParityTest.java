package dev.redisfromscratch.lists;

import dev.redisfromscratch.resp.client.RespClient;
import dev.redisfromscratch.server.CommandParity;
import dev.redisfromscratch.server.ListsSetsServer;
import dev.redisfromscratch.server.ParityServers;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code COMMAND INFO} and {@code COMMAND DOCS} of every list command lab 6 adds are Redis
 * 7.0.15's (arity, flags, ACL categories, key specs, LMPOP's keynum spec and movablekeys; summary,
 * since, group, complexity). Given code: no command runs.
 */
class ListCommandMetadataParityTest {
    private static ParityServers servers;
    private static RespClient ours;
    private static RespClient redis;

    static Stream<String> commands() {
        return Stream.of("lpush", "rpush", "lpushx", "rpushx", "lpop", "rpop", "llen", "lrange", "lindex", "lset",
                "lrem", "ltrim", "linsert", "lpos", "lmove", "rpoplpush", "lmpop");
    }

    @BeforeAll
    static void start() throws Exception {
        servers = ParityServers.start(ListsSetsServer.extensions());
        ours = servers.ourClient();
        redis = servers.redisClient();
    }

    @AfterAll
    static void stop() throws Exception {
        ours.close();
        redis.close();
        servers.close();
    }

    @ParameterizedTest
    @MethodSource("commands")
    void commandInfoIsRedis(String name) throws Exception {
        CommandParity.assertCommandInfoMatches(ours, redis, name);
    }

    @ParameterizedTest
    @MethodSource("commands")
    void commandDocsAreRedis(String name) throws Exception {
        CommandParity.assertCommandDocsMatch(ours, redis, name);
    }
}
