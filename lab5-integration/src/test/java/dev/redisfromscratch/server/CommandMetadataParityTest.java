package dev.redisfromscratch.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.redisfromscratch.resp.client.RespClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import java.util.stream.Stream;

/**
 * {@code COMMAND INFO} and {@code COMMAND DOCS} of every command lab 5 adds are Redis 7.0.15's
 * (arity, flags, ACL categories, key specs, tips; summary, since, group, complexity), and so is
 * {@code PING}'s row after lab 5 wrapped its handler for the subscribed state. One list, one pair
 * of servers.
 */
class CommandMetadataParityTest {
    private static ParityServers servers;
    private static RespClient ours;
    private static RespClient redis;

    /** The commands and subcommands lab 5 registers, by area. */
    static Stream<String> commands() {
        return Stream.of(
                // strings
                "append", "strlen", "getrange", "setrange", "incr", "decr", "incrby", "decrby", "incrbyfloat",
                "mget", "mset", "msetnx", "getset", "getdel", "getex", "setnx", "setex", "psetex",
                // databases and the keyspace
                "select", "swapdb", "move", "dbsize", "keys", "scan", "randomkey", "rename", "renamenx", "copy",
                "type", "unlink", "touch", "expireat", "pexpire", "pexpireat", "expiretime", "pexpiretime",
                "object", "object|encoding", "object|freq", "object|refcount", "object|help",
                // transactions and publish/subscribe
                "multi", "exec", "discard", "watch", "unwatch", "subscribe", "unsubscribe", "psubscribe",
                "punsubscribe", "publish", "pubsub", "pubsub|channels", "pubsub|numsub", "pubsub|numpat",
                "pubsub|shardchannels", "pubsub|shardnumsub", "pubsub|help", "ping",
                // server commands
                "info", "client", "client|id", "client|setname", "client|getname", "client|list", "client|info",
                "client|kill", "client|help", "config", "config|get", "config|set", "config|resetstat", "config|help",
                "time", "hello", "reset", "auth", "echo", "quit");
    }

    @BeforeAll
    static void start() throws Exception {
        servers = ParityServers.start();
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

    @Test
    void theOutputBufferLimitsAreRedisDefaults() throws Exception {
        assertThat(ours.call("CONFIG", "GET", "client-output-buffer-limit"))
                .isEqualTo(redis.call("CONFIG", "GET", "client-output-buffer-limit"));
    }
}
