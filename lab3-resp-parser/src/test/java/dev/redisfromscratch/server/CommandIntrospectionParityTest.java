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
        RespArray ourEntry = (RespArray) only(ourClient.call("COMMAND", "INFO", name));
        RespArray redisEntry = (RespArray) only(redisClient.call("COMMAND", "INFO", name));

        assertThat(ourEntry).isEqualTo(withSubcommandsCutTo(redisEntry, subcommandNames(ourEntry)));
    }

    @ParameterizedTest
    @MethodSource("implemented")
    void commandDocsGiveRedissSummarySinceGroupAndComplexity(String name) throws Exception {
        List<RespValue> ourDocs = docsOf(ourClient.call("COMMAND", "DOCS", name));
        List<RespValue> redisDocs = docsOf(redisClient.call("COMMAND", "DOCS", name));

        for (String field : List.of("summary", "since", "group", "complexity")) {
            assertThat(field(ourDocs, field)).as(field).isEqualTo(field(redisDocs, field));
        }
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

    private static RespValue only(RespValue reply) {
        RespArray array = (RespArray) reply;
        assertThat(array.size()).isEqualTo(1);
        return array.get(0);
    }

    private static Set<String> subcommandNames(RespArray entry) {
        return ((RespArray) entry.get(9)).elements().stream()
                .map(sub -> text(((RespArray) sub).get(0)))
                .collect(Collectors.toSet());
    }

    /** Redis's entry with only the subcommands named in {@code keep}, in Redis's order replaced by ours. */
    private RespArray withSubcommandsCutTo(RespArray redisEntry, Set<String> keep) throws Exception {
        if (keep.isEmpty()) {
            return redisEntry;
        }
        List<RespValue> fields = new ArrayList<>(redisEntry.elements());
        List<RespValue> subs = new ArrayList<>();
        // ours lists its subcommands in its own order: take Redis's entry for each, in that order
        RespArray ourEntry = (RespArray) only(ourClient.call("COMMAND", "INFO", text(redisEntry.get(0))));
        for (RespValue ourSub : ((RespArray) ourEntry.get(9)).elements()) {
            String subName = text(((RespArray) ourSub).get(0));
            assertThat(keep).contains(subName);
            subs.add(only(redisClient.call("COMMAND", "INFO", subName)));
        }
        fields.set(9, new RespArray(subs));
        return new RespArray(fields);
    }

    /** The docs map of a one-command {@code COMMAND DOCS} reply: {@code [name, [field, value, ...]]}. */
    private static List<RespValue> docsOf(RespValue reply) {
        RespArray pair = (RespArray) reply;
        assertThat(pair.size()).isEqualTo(2);
        return ((RespArray) pair.get(1)).elements();
    }

    private static RespValue field(List<RespValue> docs, String name) {
        for (int i = 0; i < docs.size(); i += 2) {
            if (text(docs.get(i)).equals(name)) {
                return docs.get(i + 1);
            }
        }
        throw new AssertionError("no field " + name + " in " + docs);
    }

    private static String text(RespValue value) {
        return new String(((BulkString) value).bytes(), java.nio.charset.StandardCharsets.ISO_8859_1);
    }
}
