package dev.redisfromscratch.sets;

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
 * {@code COMMAND INFO} and {@code COMMAND DOCS} of every set command are Redis 7.0.15's (arity,
 * flags, ACL categories, tips, key specs, SINTERCARD's keynum spec included; summary, since, group,
 * complexity). Given code: no command is run.
 */
class SetCommandMetadataParityTest {
    private static ParityServers servers;
    private static RespClient ours;
    private static RespClient redis;

    static Stream<String> commands() {
        return Stream.of("sadd", "srem", "smembers", "sismember", "smismember", "scard", "spop", "srandmember",
                "sinter", "sunion", "sdiff", "sinterstore", "sunionstore", "sdiffstore", "sintercard", "smove", "sscan");
    }

    @BeforeAll
    static void start() throws Exception {
        servers = ParityServers.start(ListsSetsServer.extensions());
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
