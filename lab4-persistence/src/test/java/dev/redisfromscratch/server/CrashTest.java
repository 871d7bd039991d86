package dev.redisfromscratch.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.redisfromscratch.testkit.RawClient;
import dev.redisfromscratch.testkit.grading.Points;
import dev.redisfromscratch.testkit.grading.Stage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Pipeline;

/**
 * {@code kill -9} of the server's JVM: nothing runs after it, so what survives is exactly what the
 * files held. Each test starts the server as its own process.
 */
class CrashTest {
    @TempDir
    Path dir;

    @Test
    @Stage(lab = 4, value = 4)
    @Points(6)
    void everyWriteAcknowledgedUnderAlwaysSurvivesKill9() throws Exception {
        Map<String, String> acknowledged = new java.util.LinkedHashMap<>();
        try (ServerProcess server = ServerProcess.start(dir, "--save", "", "--appendonly", "yes", "--appendfsync", "always")) {
            server.check(() -> {
                try (Jedis jedis = new Jedis("127.0.0.1", server.port())) {
                    for (int i = 0; i < 200; i++) {
                        String key = "k" + i;
                        String value = "value-" + i;
                        assertThat(jedis.set(key, value)).isEqualTo("OK"); // acknowledged
                        acknowledged.put(key, value);
                    }
                    Pipeline p = jedis.pipelined(); // and a pipelined batch, acknowledged as a whole
                    for (int i = 200; i < 300; i++) {
                        p.set("k" + i, "value-" + i);
                        acknowledged.put("k" + i, "value-" + i);
                    }
                    assertThat(p.syncAndReturnAll()).hasSize(100).allMatch("OK"::equals);
                }
            });
            server.kill9();
        }
        try (ServerProcess server = ServerProcess.start(dir, "--save", "", "--appendonly", "yes")) {
            server.check(() -> {
                try (Jedis jedis = new Jedis("127.0.0.1", server.port())) {
                    assertThat(jedis.dbSize()).isEqualTo(acknowledged.size());
                    List<String> values = new ArrayList<>();
                    for (String key : acknowledged.keySet()) {
                        values.add(jedis.get(key));
                    }
                    assertThat(values).containsExactlyElementsOf(acknowledged.values());
                }
            });
        }
    }

    @Test
    @Stage(lab = 4, value = 2)
    @Points(6)
    void kill9DuringASaveLeavesThePreviousSnapshotWhichLoads() throws Exception {
        int first = 1000;
        try (ServerProcess server = ServerProcess.start(dir, "--save", "")) {
            server.check(() -> {
                try (Jedis jedis = new Jedis("127.0.0.1", server.port(), 60_000)) {
                    fill(jedis, 0, first);
                    assertThat(jedis.save()).isEqualTo("OK"); // the previous snapshot: 1,000 keys
                    fill(jedis, first, 400_000);            // a keyspace whose save takes a while
                } // one client at a time: this one must leave before the next is served
                Path temp = dir.resolve("temp-" + server.pid() + ".json");
                try (RawClient saver = RawClient.connect(server.port())) {
                    saver.send("SAVE\r\n"); // no wait for the reply: the save is under way
                    long deadline = System.nanoTime() + 60_000_000_000L;
                    while (!Files.exists(temp) && System.nanoTime() < deadline) {
                        Thread.onSpinWait(); // until the save has started writing its temp file
                    }
                    assertThat(temp).as("the save's temp file").exists();
                    server.kill9();
                }
            });
        }
        assertThat(Files.readString(dir.resolve("dump.json"))).as("the snapshot is the previous one")
                .endsWith("\"count\":" + first + "}");
        try (ServerProcess server = ServerProcess.start(dir, "--save", "")) {
            server.check(() -> {
                try (Jedis jedis = new Jedis("127.0.0.1", server.port())) {
                    assertThat(jedis.dbSize()).isEqualTo(first);
                    assertThat(server.output()).anyMatch(l -> l.contains("keys loaded: " + first));
                }
            });
        }
    }

    @Test
    @Stage(lab = 4, value = 1)
    @Points(3)
    void sigtermSavesAsShutdownDoes() throws Exception {
        try (ServerProcess server = ServerProcess.start(dir, "--save", "3600 1")) {
            server.check(() -> {
                try (Jedis jedis = new Jedis("127.0.0.1", server.port())) {
                    jedis.set("before", "sigterm");
                    server.sigterm(); // what Ctrl+C in ./lab run does: the JVM's shutdown hook stops the server
                }
                assertThat(server.output()).anyMatch(l -> l.endsWith("Saving the final snapshot before exiting."))
                        .anyMatch(l -> l.endsWith("DB saved on disk"));
                assertThat(Files.readString(dir.resolve("dump.json"))).contains("\"key\":\"before\"");
            });
        }
    }

    private static void fill(Jedis jedis, int from, int to) {
        Pipeline p = jedis.pipelined();
        String value = "x".repeat(100);
        for (int i = from; i < to; i++) {
            p.set("key:" + i, value);
        }
        p.sync();
    }
}
