package dev.redisfromscratch.rdb;

import static org.assertj.core.api.Assertions.assertThat;

import dev.redisfromscratch.snapshot.EntrySource;
import dev.redisfromscratch.store.Databases;
import dev.redisfromscratch.testkit.ExternalTool;
import dev.redisfromscratch.testkit.RealRedis;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.Jedis;

/**
 * Our RDB read by Redis's own tools: {@code redis-check-rdb} accepts it, and a real
 * {@code redis-server} started on it holds the same keys, values, types and expire times, in the
 * same databases.
 */
class OurRdbInRealRedisTest {
    private static final long HOUR = 3_600_000;

    @TempDir
    Path dir;

    private Path writeOurs(Databases dbs, ReplicationAux aux) throws IOException {
        Path file = dir.resolve("ours.rdb");
        try (OutputStream out = Files.newOutputStream(file)) {
            RdbWriter.write(EntrySource.of(dbs), out, aux);
        }
        return file;
    }

    @Test
    void redisCheckRdbSaysItLooksOk() throws IOException {
        Databases dbs = KeyspaceView.sample(System.currentTimeMillis() + HOUR);
        Path file = writeOurs(dbs, new ReplicationAux(0, "8371b4fb1155b71f4a04d3e1bc3e18c4a990aeeb", 1234));

        ExternalTool.Result r = ExternalTool.require("redis-check-rdb").run(file.toString());

        assertThat(r.exitCode()).as(r.out()).isZero();
        assertThat(r.out()).contains("AUX FIELD redis-ver = '7.0.15'")
                .contains("AUX FIELD repl-id = '8371b4fb1155b71f4a04d3e1bc3e18c4a990aeeb'")
                .contains("AUX FIELD repl-offset = '1234'")
                .contains("Selecting DB ID 0").contains("Selecting DB ID 3").contains("Selecting DB ID 15")
                .contains("Checksum OK").contains("\\o/ RDB looks OK! \\o/")
                .contains("[info] " + dbs.keyCount() + " keys read")
                .contains("[info] 4 expires");
    }

    @Test
    void aRealRedisStartedOnOurFileHasTheSameData() throws IOException {
        Databases dbs = KeyspaceView.sample(System.currentTimeMillis() + HOUR);
        Path file = writeOurs(dbs, null);

        // sanitize-dump-payload yes: Redis also checks every listpack entry and intset order deeply
        try (RealRedis redis = RealRedis.start("--dir", dir.toString(), "--dbfilename", file.getFileName().toString(),
                "--sanitize-dump-payload", "yes");
             Jedis jedis = new Jedis("127.0.0.1", redis.port())) {
            assertThat(KeyspaceView.of(jedis, Databases.DEFAULT_COUNT)).isEqualTo(KeyspaceView.of(dbs));
            jedis.select(0);
            assertThat(jedis.objectEncoding("list")).isEqualTo("quicklist");
            assertThat(jedis.objectEncoding("intset64")).isEqualTo("intset");
            assertThat(jedis.objectEncoding("words")).isEqualTo("hashtable");
            assertThat(jedis.objectEncoding("manyints")).isEqualTo("hashtable");
            assertThat(jedis.objectEncoding("int")).isEqualTo("int");
        }
    }

    @Test
    void anEmptyKeyspaceLoadsAsAnEmptyRedis() throws IOException {
        Path file = writeOurs(KeyspaceView.emptyDatabases(), null);
        assertThat(ExternalTool.require("redis-check-rdb").run(file.toString()).out()).contains("RDB looks OK");
        try (RealRedis redis = RealRedis.start("--dir", dir.toString(), "--dbfilename", file.getFileName().toString());
             Jedis jedis = new Jedis("127.0.0.1", redis.port())) {
            assertThat(jedis.dbSize()).isZero();
            assertThat(jedis.info("persistence")).contains("loading:0");
        }
    }
}
