package dev.redisfromscratch.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.redisfromscratch.command.CommandSpec;
import dev.redisfromscratch.resp.BulkString;
import dev.redisfromscratch.resp.RespArray;
import dev.redisfromscratch.resp.RespInteger;
import dev.redisfromscratch.resp.RespValue;
import dev.redisfromscratch.resp.client.RespClient;
import dev.redisfromscratch.testkit.RealRedis;
import dev.redisfromscratch.testkit.grading.Stage;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code COMMAND INFO} and {@code COMMAND DOCS} against a real redis-server 7.0.15, for every
 * command and subcommand the workbook implements: the flags, key positions, ACL categories, tips
 * and key specs each command declares in its {@link CommandSpec} are Redis's, byte for byte.
 *
 * <p>A container ({@code COMMAND}, {@code CONFIG}) lists only the subcommands the workbook has, so
 * its entry is compared with Redis's after Redis's list of subcommands is cut down to ours; each
 * subcommand is also compared on its own. {@code COMMAND DOCS} is compared on the fields the
 * workbook reports (summary, since, group, complexity); Redis also sends arguments and history.
 */
@Stage(lab = 3, value = 3)
class CommandIntrospectionParityTest {
    private static RespServerFixture ours;
    private static RealRedis redis;
    private static RespClient ourClient;
    private static RespClient redisClient;

    @BeforeAll
    static void start() throws Exception {
        redis = RealRedis.start();
        ours = new RespServerFixture();
        ourClient = new RespClient("127.0.0.1", ours.port);
        redisClient = new RespClient("127.0.0.1", redis.port());
    }

    @AfterAll
    static void stop() throws Exception {
        if (ourClient != null) {
            ourClient.close();
            redisClient.close();
        }
        if (ours != null) {
            ours.close();
        }
        if (redis != null) {
            redis.close();
        }
    }

    /** Every command and subcommand name the workbook's lab 3 server has. */
    static Stream<String> implemented() {
        List<String> names = new ArrayList<>();
        for (CommandSpec spec : RespServer.commands(new dev.redisfromscratch.store.DataStore(java.time.Clock.systemUTC()),
                dev.redisfromscratch.config.ServerConfig.ephemeral()).all()) {
            names.add(spec.name());
            spec.subcommands().forEach(sub -> names.add(sub.name()));
        }
        return names.stream();
    }

    @ParameterizedTest
    @MethodSource("implemented")
    void commandInfoIsRedissByteForByte(String name) throws Exception {
        CommandParity.assertCommandInfoMatches(ourClient, redisClient, name);
    }

    @ParameterizedTest
    @MethodSource("implemented")
    void commandDocsGiveRedissSummarySinceGroupAndComplexity(String name) throws Exception {
        CommandParity.assertCommandDocsMatch(ourClient, redisClient, name);
    }

    @Test
    void anUnknownNameIsANullAndTheCountIsOurs() throws Exception {
        assertThat(ourClient.call("COMMAND", "INFO", "nosuch", "get"))
                .isEqualTo(redisClient.call("COMMAND", "INFO", "nosuch", "get"));
        assertThat(ourClient.call("COMMAND", "DOCS", "nosuch")).isEqualTo(redisClient.call("COMMAND", "DOCS", "nosuch"));
        assertThat(ourClient.call("COMMAND", "COUNT")).isEqualTo(new RespInteger(implementedTopLevel()));
    }

    private static long implementedTopLevel() {
        return implemented().filter(n -> !n.contains("|")).count();
    }
}
