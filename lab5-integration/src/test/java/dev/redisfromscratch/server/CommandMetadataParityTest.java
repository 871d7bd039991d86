package dev.redisfromscratch.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code COMMAND INFO} and {@code COMMAND DOCS} of every command lab 5 adds are Redis 7.0.15's
 * (arity, flags, ACL categories, key specs, tips; summary, since, group, complexity), and so is
 * {@code PING}'s row after lab 5 wrapped its handler for the subscribed state. One list, one pair
 * of servers ({@link CommandMetadataParity}).
 */
class CommandMetadataParityTest extends CommandMetadataParity {
    /** The commands and subcommands lab 5 registers, by area. */
    CommandMetadataParityTest() {
        super(List.of(),
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

    @Test
    void theOutputBufferLimitsAreRedisDefaults() throws Exception {
        assertThat(ours.call("CONFIG", "GET", "client-output-buffer-limit"))
                .isEqualTo(redis.call("CONFIG", "GET", "client-output-buffer-limit"));
    }
}
