package dev.redisfromscratch.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;
import dev.redisfromscratch.testkit.grading.Stage;

/**
 * The snapshot and the append-only file carry the database number: after a restart every key is
 * back in the database it was written to, including after SWAPDB and MOVE.
 */
@Stage(lab = 5, value = 1)
class DatabasesPersistenceTest {

    @Test
    void aSnapshotBringsEachKeyBackToItsDatabase() throws Exception {
        IntegratedServerFixture first = IntegratedServerFixture.start();
        Path dir = first.dir;
        try (Jedis jedis = new Jedis("127.0.0.1", first.port)) {
            jedis.set("zero", "0");
            jedis.select(3);
            jedis.set("three", "3");
            jedis.select(15);
            jedis.set("fifteen", "15");
            assertThat(jedis.save()).isEqualTo("OK");
        }
        first.stopKeepingFiles();
        assertThat(Files.readString(dir.resolve("dump.json"))).contains("{\"select\":3}", "{\"select\":15}");
        try (IntegratedServerFixture again = IntegratedServerFixture.startIn(dir);
             Jedis jedis = new Jedis("127.0.0.1", again.port)) {
            assertThat(jedis.get("zero")).isEqualTo("0");
            assertThat(jedis.exists("three")).isFalse();
            jedis.select(3);
            assertThat(jedis.get("three")).isEqualTo("3");
            assertThat(jedis.dbSize()).isEqualTo(1);
            jedis.select(15);
            assertThat(jedis.get("fifteen")).isEqualTo("15");
        }
    }

    @Test
    void theAppendOnlyFileReplaysSelectSwapdbAndMove() throws Exception {
        IntegratedServerFixture first = IntegratedServerFixture.start("appendonly", "yes", "appendfsync", "always");
        Path dir = first.dir;
        try (Jedis jedis = new Jedis("127.0.0.1", first.port)) {
            jedis.select(5);
            jedis.set("a", "1");
            jedis.select(0);
            jedis.set("b", "2");
            jedis.swapDB(0, 5);          // db 0 now holds a, db 5 holds b
            assertThat(jedis.move("a", 7)).isEqualTo(1); // a moves on to db 7
        }
        first.stopKeepingFiles();
        String aof = Files.readString(dir.resolve("appendonly.aof"), StandardCharsets.ISO_8859_1);
        assertThat(aof).contains("*2\r\n$6\r\nSELECT\r\n$1\r\n5\r\n", "SWAPDB", "MOVE");
        try (IntegratedServerFixture again = IntegratedServerFixture.startIn(dir, "appendonly", "yes");
             Jedis jedis = new Jedis("127.0.0.1", again.port)) {
            assertThat(jedis.dbSize()).isZero();
            jedis.select(5);
            assertThat(jedis.get("b")).isEqualTo("2");
            jedis.select(7);
            assertThat(jedis.get("a")).isEqualTo("1");
        }
    }
}
