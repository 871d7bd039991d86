package dev.redisfromscratch.encoding;

import static dev.redisfromscratch.server.ParityServers.resp;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.redisfromscratch.config.ServerConfig;
import dev.redisfromscratch.introspection.ConfigParameter;
import dev.redisfromscratch.introspection.ConfigSetCommand;
import dev.redisfromscratch.resp.BulkString;
import dev.redisfromscratch.resp.RespArray;
import dev.redisfromscratch.resp.RespValue;
import dev.redisfromscratch.resp.client.RespClient;
import dev.redisfromscratch.server.IntegratedServerFixture;
import dev.redisfromscratch.server.ListsSetsServer;
import dev.redisfromscratch.server.ParityServers;
import dev.redisfromscratch.testkit.grading.Stage;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code CONFIG GET} and {@code CONFIG SET} of the encoding thresholds: the replies and errors of
 * Redis 7.0.15 for the parameters it has (the list node size under both names, the intset size),
 * and 7.2's range for the listpack set parameters it lacks. That a new value changes the encodings
 * at once is checked where the types are ({@code ListSetPersistenceTest} checks the rules on load).
 */
class EncodingConfigTest {
    private static String set(String name, String value) {
        return resp("CONFIG", "SET", name, value);
    }

    private static String get(String name) {
        return resp("CONFIG", "GET", name);
    }

    @Test
    void listNodeSizeUnderBothNamesMatchesRedis() throws Exception {
        StringBuilder requests = new StringBuilder(get("list-max-listpack-size") + get("list-max-ziplist-size"));
        for (String name : List.of("list-max-listpack-size", "list-max-ziplist-size")) {
            for (String v : List.of("-1", "0", "1", "-6", "-5", "-2", "abc", "1.5", "", " 5", "+5", "05", "-0", "1k",
                    "2147483647", "2147483648", "-2147483648", "-2147483649", "1000000000000")) {
                requests.append(set(name, v)).append(get("list-max-listpack-size")).append(get("list-max-ziplist-size"));
            }
        }
        // both names in one CONFIG SET: no duplicate, the last wins
        requests.append(resp("CONFIG", "SET", "list-max-listpack-size", "3", "list-max-ziplist-size", "4"))
                .append(get("list-max-listpack-size")).append(get("list-max-ziplist-size"))
                .append(set("list-max-ziplist-size", "-2")).append(get("list-max-listpack-size"));
        try (ParityServers servers = ParityServers.start(ListsSetsServer.extensions())) {
            servers.assertSameReplies(requests.toString());
        }
    }

    @Test
    void intsetEntriesMatchesRedis() throws Exception {
        StringBuilder requests = new StringBuilder(get("set-max-intset-entries"));
        for (String v : List.of("-1", "0", "1", "-5", "abc", "1.5", "", "+5", "05", "4294967295",
                "9223372036854775807", "9223372036854775808", "-9223372036854775808", "512")) {
            requests.append(set("set-max-intset-entries", v)).append(get("set-max-intset-entries"));
        }
        try (ParityServers servers = ParityServers.start(ListsSetsServer.extensions())) {
            servers.assertSameReplies(requests.toString());
        }
    }

    @Test
    void listpackSetParametersHaveRedis72sRangeAndDefaults() throws Exception {
        try (IntegratedServerFixture f = IntegratedServerFixture.start(ListsSetsServer.extensions());
             RespClient c = new RespClient("127.0.0.1", f.port)) {
            assertThat(values(c.call("CONFIG", "GET", "set-max-listpack-entries"))).containsExactly("set-max-listpack-entries", "128");
            assertThat(values(c.call("CONFIG", "GET", "set-max-listpack-value"))).containsExactly("set-max-listpack-value", "64");
            for (String name : List.of("set-max-listpack-entries", "set-max-listpack-value")) {
                assertThat(c.call("CONFIG", "SET", name, "-1").toString()).contains(
                        "ERR CONFIG SET failed (possibly related to argument '" + name
                                + "') - argument must be between 0 and 9223372036854775807 inclusive");
                assertThat(c.call("CONFIG", "SET", name, "x").toString()).contains(
                        "ERR CONFIG SET failed (possibly related to argument '" + name
                                + "') - argument couldn't be parsed into an integer");
                assertThat(c.call("CONFIG", "SET", name, "7").toString()).contains("OK");
                assertThat(values(c.call("CONFIG", "GET", name))).containsExactly(name, "7");
            }
        }
    }

    @Test
    void startupValuesAreReadCheckedAndShownUnderBothListNames() throws Exception {
        try (IntegratedServerFixture f = IntegratedServerFixture.start(ListsSetsServer.extensions(),
                "list-max-ziplist-size", "5", "set-max-intset-entries", "3");
             RespClient c = new RespClient("127.0.0.1", f.port)) {
            assertThat(values(c.call("CONFIG", "GET", "list-max-listpack-size"))).containsExactly("list-max-listpack-size", "5");
            assertThat(values(c.call("CONFIG", "GET", "list-max-ziplist-size"))).containsExactly("list-max-ziplist-size", "5");
            assertThat(values(c.call("CONFIG", "GET", "set-max-intset-entries"))).containsExactly("set-max-intset-entries", "3");
        }
        assertThatThrownBy(() -> IntegratedServerFixture.start(ListsSetsServer.extensions(), "set-max-intset-entries", "-1"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("argument must be between 0 and 9223372036854775807 inclusive");
    }

    @Test
    @Stage(lab = 6, value = 2)
    void aNewValueDecidesTheNextWritesEncodingAndLeavesConvertedValuesAlone() throws Exception {
        try (IntegratedServerFixture f = IntegratedServerFixture.start(ListsSetsServer.extensions());
             RespClient c = new RespClient("127.0.0.1", f.port)) {
            c.call("SADD", "before", "1", "2", "3");
            c.call("RPUSH", "l:before", "a", "b", "c");
            assertThat(c.call("CONFIG", "SET", "set-max-intset-entries", "2", "list-max-ziplist-size", "2").toString()).contains("OK");
            c.call("SADD", "after", "1", "2", "3");
            c.call("RPUSH", "l:after", "a", "b", "c");
            assertThat(encoding(c, "after")).isEqualTo("listpack");    // 3 integers > 2: no intset (7.2's setTypeCreate)
            assertThat(encoding(c, "l:after")).isEqualTo("quicklist"); // 3 entries > 2 per node
            assertThat(encoding(c, "before")).isEqualTo("intset");     // as it was
            c.call("CONFIG", "SET", "set-max-listpack-entries", "1", "set-max-intset-entries", "512");
            c.call("SADD", "words", "a", "b");
            assertThat(encoding(c, "words")).isEqualTo("hashtable");   // 2 members > 1
            c.call("CONFIG", "SET", "set-max-listpack-entries", "128", "set-max-listpack-value", "3");
            c.call("SADD", "long", "abcd");
            assertThat(encoding(c, "long")).isEqualTo("hashtable");    // 4 bytes > 3
            c.call("SADD", "short", "abc");
            assertThat(encoding(c, "short")).isEqualTo("listpack");
        }
    }

    private static String encoding(RespClient c, String key) throws java.io.IOException {
        return new String(((BulkString) c.call("OBJECT", "ENCODING", key)).bytes(), StandardCharsets.UTF_8);
    }

    @Test
    void aSetValueReachesTheServersLimitsAndTheOtherListName() {
        EncodingLimits limits = EncodingLimits.defaults();
        ServerConfig config = ServerConfig.ephemeral();
        ConfigSetCommand configSet = new ConfigSetCommand(config);
        EncodingConfig.register(config, configSet, limits);
        assertThat(limits.listMaxListpackSize()).isEqualTo(-2);
        assertThat(limits.setMaxIntsetEntries()).isEqualTo(512);
        set(configSet, config, "list-max-ziplist-size", "7");
        assertThat(limits.listMaxListpackSize()).isEqualTo(7);
        assertThat(config.all()).containsEntry("list-max-listpack-size", "7").containsEntry("list-max-ziplist-size", "7");
        set(configSet, config, "list-max-listpack-size", "-3");
        assertThat(limits.listMaxListpackSize()).isEqualTo(-3);
        assertThat(config.all()).containsEntry("list-max-ziplist-size", "-3");
        set(configSet, config, "set-max-intset-entries", "9223372036854775807");
        assertThat(limits.setMaxIntsetEntries()).isEqualTo(Integer.MAX_VALUE); // as given in CONFIG GET, capped here
        set(configSet, config, "set-max-listpack-entries", "3");
        set(configSet, config, "set-max-listpack-value", "10");
        assertThat(limits.setMaxListpackEntries()).isEqualTo(3);
        assertThat(limits.setMaxListpackValue()).isEqualTo(10);
    }

    /** What {@code CONFIG SET name value} does: check, store, apply. */
    private static void set(ConfigSetCommand configSet, ServerConfig config, String name, String value) {
        ConfigParameter p = configSet.parameter(name);
        try {
            String parsed = p.parser().parse(value);
            config.set(name, parsed);
            p.apply().apply(parsed);
        } catch (ConfigParameter.InvalidValue e) {
            throw new AssertionError(e);
        }
    }

    private static List<String> values(RespValue reply) {
        return ((RespArray) reply).elements().stream()
                .map(v -> new String(((BulkString) v).bytes(), StandardCharsets.UTF_8)).toList();
    }
}
