package dev.redisfromscratch.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.redisfromscratch.testkit.ExternalTool;
import dev.redisfromscratch.testkit.RealRedis;
import dev.redisfromscratch.testkit.grading.Points;
import dev.redisfromscratch.testkit.grading.Stage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.Jedis;

/**
 * Our append-only file read by Redis's own tools: {@code redis-check-aof} accepts it, and a real
 * {@code redis-server} started on a copy of it has the same keys, values and TTLs, as the real
 * {@code redis-cli} reads them. Redis 7 loads a single old-style {@code appendonly.aof} and moves it
 * into its multi-part layout.
 */
@Stage(lab = 4, value = 3)
class RealRedisToolsTest {
    @TempDir
    Path dir;
    @TempDir
    Path copy;

    /** Runs a script of writes against lab 4 with {@code appendonly yes} and the real clock; returns the keys' values. */
    private Map<String, String> writeOurAof() throws Exception {
        Map<String, String> expected = new LinkedHashMap<>();
        ServerProcessless ours = new ServerProcessless(dir);
        try (Jedis jedis = new Jedis("127.0.0.1", ours.port)) {
            jedis.set("plain", "value");
            jedis.set("text", "naïve ☕");
            jedis.set("gone", "soon");
            jedis.del("gone");
            jedis.set("session", "s1", redis.clients.jedis.params.SetParams.setParams().ex(1000));
            jedis.set("later", "x");
            jedis.expire("later", 2000);
            jedis.set("binary".getBytes(), new byte[] {0, '\r', '\n', (byte) 0xff});
        } finally {
            ours.close();
        }
        expected.put("plain", "value");
        expected.put("text", "naïve ☕");
        expected.put("session", "s1");
        expected.put("later", "x");
        return expected;
    }

    /** Lab 4 in this JVM with the system clock (the TTLs are compared with a real Redis's). */
    private static final class ServerProcessless implements AutoCloseable {
        final PersistentServer server;
        final int port;

        ServerProcessless(Path dir) throws Exception {
            server = PersistentServer.create(dev.redisfromscratch.config.ServerConfig.ephemeral()
                            .set("dir", dir.toString()).set("appendonly", "yes").set("appendfsync", "always"),
                    new dev.redisfromscratch.store.DataStore(Clock.systemUTC()), line -> { });
            port = server.start();
        }

        @Override
        public void close() {
            server.close();
        }
    }

    @Test
    @Points(3)
    void redisCheckAofAcceptsOurFile() throws Exception {
        writeOurAof();
        Path file = dir.resolve("appendonly.aof");
        ExternalTool.Result r = ExternalTool.require("redis-check-aof").run(file.toString());
        assertThat(r.out()).contains("Start checking Old-Style AOF")
                .contains("size=" + Files.size(file) + ", ok_up_to=" + Files.size(file))
                .contains("AOF " + file + " is valid");
        assertThat(r.exitCode()).isZero();
    }

    @Test
    @Points(5)
    void aRealRedisServerStartedOnOurFileHasTheSameKeysValuesAndTtls() throws Exception {
        Map<String, String> expected = writeOurAof();
        Files.copy(dir.resolve("appendonly.aof"), copy.resolve("appendonly.aof"));
        ExternalTool cli = ExternalTool.require("redis-cli");
        try (RealRedis redis = RealRedis.start("--appendonly", "yes", "--dir", copy.toString())) {
            String port = Integer.toString(redis.port());
            assertThat(cli.run("-p", port, "DBSIZE").out().trim()).isEqualTo(Integer.toString(expected.size() + 1));
            for (Map.Entry<String, String> e : expected.entrySet()) {
                assertThat(cli.run("-p", port, "--no-raw", "GET", e.getKey()).out().trim())
                        .as(e.getKey()).isEqualTo(quoted(cli, port, e.getValue()));
            }
            assertThat(cli.run("-p", port, "GET", "gone").out().trim()).isEmpty();
            assertThat(Long.parseLong(cli.run("-p", port, "TTL", "session").out().trim())).isBetween(998L, 1000L);
            assertThat(Long.parseLong(cli.run("-p", port, "TTL", "later").out().trim())).isBetween(1998L, 2000L);
            assertThat(Long.parseLong(cli.run("-p", port, "TTL", "plain").out().trim())).isEqualTo(-1);
            assertThat(cli.run("-p", port, "--no-raw", "GET", "binary").out().trim()).isEqualTo("\"\\x00\\r\\n\\xff\"");
        }
    }

    /** How redis-cli prints {@code value} (it escapes non-ASCII bytes): SET it on a scratch key and GET it back. */
    private static String quoted(ExternalTool cli, String port, String value) {
        cli.run("-p", port, "SET", "__scratch", value);
        String shown = cli.run("-p", port, "--no-raw", "GET", "__scratch").out().trim();
        cli.run("-p", port, "DEL", "__scratch");
        return shown;
    }
}
