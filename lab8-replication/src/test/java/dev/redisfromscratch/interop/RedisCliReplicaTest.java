package dev.redisfromscratch.interop;

import static org.assertj.core.api.Assertions.assertThat;

import dev.redisfromscratch.server.IntegratedServerFixture;
import dev.redisfromscratch.server.ReplicationServer;
import dev.redisfromscratch.testkit.ExternalTool;
import dev.redisfromscratch.testkit.grading.Points;
import dev.redisfromscratch.testkit.grading.Stage;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;

/**
 * {@code redis-cli --replica} attached to our primary ({@code REPLCONF capa eof},
 * {@code REPLCONF rdb-filter-only ""}, then an inline {@code SYNC}): it reads our snapshot and
 * prints each command of our stream, {@code SELECT} included.
 */
@Stage(lab = 8, value = 2)
class RedisCliReplicaTest {
    @Test
    @Points(1)
    void redisCliReplicaPrintsTheStreamedCommands() throws Exception {
        ExternalTool cli = ExternalTool.require("redis-cli");
        try (IntegratedServerFixture f = IntegratedServerFixture.start(ReplicationServer.extensions());
             Jedis ours = new Jedis("127.0.0.1", f.port)) {
            ours.set("before", "0");
            Process p = new ProcessBuilder(cli.path().toString(), "-p", Integer.toString(f.port), "--replica")
                    .redirectErrorStream(true).start();
            BlockingQueue<String> lines = new ArrayBlockingQueue<>(1000);
            Thread reader = new Thread(() -> {
                try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                    String line;
                    while ((line = r.readLine()) != null) {
                        lines.add(line);
                    }
                } catch (java.io.IOException ignored) {
                    // the process was stopped
                }
            });
            reader.start();
            try {
                List<String> seen = new ArrayList<>();
                String line;
                while ((line = lines.poll(10, TimeUnit.SECONDS)) != null && !line.startsWith("SYNC done")) {
                    seen.add(line);
                }
                assertThat(line).as("redis-cli said: " + seen).startsWith("SYNC done. Logging commands from master.");
                ours.set("k", "v");
                ours.select(2);
                ours.lpush("q", "a");
                assertThat(lines.poll(10, TimeUnit.SECONDS)).isEqualTo("\"SELECT\",\"0\"");
                assertThat(lines.poll(10, TimeUnit.SECONDS)).isEqualTo("\"SET\",\"k\",\"v\"");
                assertThat(lines.poll(10, TimeUnit.SECONDS)).isEqualTo("\"SELECT\",\"2\"");
                assertThat(lines.poll(10, TimeUnit.SECONDS)).isEqualTo("\"LPUSH\",\"q\",\"a\"");
            } finally {
                p.destroy();
                p.waitFor(5, TimeUnit.SECONDS);
                reader.join(5000);
            }
        }
    }
}
