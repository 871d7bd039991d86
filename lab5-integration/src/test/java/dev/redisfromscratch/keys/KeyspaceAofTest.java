package dev.redisfromscratch.keys;

import static org.assertj.core.api.Assertions.assertThat;

import dev.redisfromscratch.resp.BulkString;
import dev.redisfromscratch.resp.NullBulkString;
import dev.redisfromscratch.resp.RespInteger;
import dev.redisfromscratch.resp.client.RespClient;
import dev.redisfromscratch.server.IntegratedServerFixture;
import dev.redisfromscratch.testkit.RealRedis;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the database and key commands write to the append-only file, against a real redis-server
 * 7.0.15's incremental file: the same bytes. SELECT is not logged itself; the file selects a
 * database when the next logged command comes from another one. MOVE, COPY, RENAME, RENAMENX,
 * SWAPDB and UNLINK are logged as themselves; EXPIREAT and PEXPIRE as PEXPIREAT; an EXPIREAT in the
 * past as DEL; commands that change nothing are not logged.
 */
class KeyspaceAofTest {
    private static final String FAR_S = "4102444800"; // 2100-01-01, Unix seconds

    /** Every time here is absolute, so both servers write the same numbers. */
    private static final List<String> SCRIPT = List.of(
            "SET a 1",
            "SELECT 1",
            "SET b 2",
            "MOVE b 0",
            "MOVE nosuch 0",
            "SELECT 0",
            "RENAME b c",
            "RENAMENX c a",
            "RENAMENX c d",
            "COPY d e",
            "COPY d e",
            "COPY d e REPLACE",
            "COPY d f DB 2",
            "EXPIREAT a " + FAR_S,
            "EXPIREAT nosuch " + FAR_S,
            "EXPIREAT d 1000",
            "UNLINK e nosuch",
            "UNLINK nosuch",
            "TOUCH a",
            "TYPE a",
            "KEYS *",
            "SCAN 0",
            "DBSIZE",
            "OBJECT ENCODING a",
            "EXPIRETIME a",
            "RANDOMKEY",
            "SWAPDB 0 2",
            "SELECT 2",
            "PERSIST a",
            "SELECT 5",
            "SET g 1",
            "SWAPDB 5 5",
            "SELECT 2",
            "RENAME a h");

    private static void run(int port) throws Exception {
        try (RespClient c = new RespClient("127.0.0.1", port)) {
            for (String line : SCRIPT) {
                c.call(line.split(" "));
            }
            c.call("PING");
        }
    }

    @Test
    void ourFileIsRedisFileByteForByte() throws Exception {
        String mine;
        try (IntegratedServerFixture ours = IntegratedServerFixture.start("appendonly", "yes", "appendfsync", "always")) {
            run(ours.port);
            mine = Files.readString(ours.dir.resolve("appendonly.aof"), StandardCharsets.ISO_8859_1);
        }
        String theirs;
        try (RealRedis redis = RealRedis.start("--appendonly", "yes", "--appendfsync", "always")) {
            run(redis.port());
            theirs = Files.readString(redis.dir().resolve("appendonlydir").resolve("appendonly.aof.1.incr.aof"),
                    StandardCharsets.ISO_8859_1);
        }
        assertThat(mine).isEqualTo(theirs);
    }

    @Test
    void pexpireIsLoggedAsPexpireatAtTheServersNowPlusTheTtl() throws Exception {
        List<String> mine;
        long expected;
        try (IntegratedServerFixture ours = IntegratedServerFixture.start("appendonly", "yes", "appendfsync", "always");
                RespClient c = new RespClient("127.0.0.1", ours.port)) {
            c.call("SET", "p", "v");
            expected = ours.clock.millis() + 100_000;
            c.call("PEXPIRE", "p", "100000");
            String file = Files.readString(ours.dir.resolve("appendonly.aof"), StandardCharsets.ISO_8859_1);
            mine = List.of(file.substring(file.lastIndexOf("*3\r\n")).split("\r\n"));
        }
        assertThat(mine).containsExactly("*3", "$9", "PEXPIREAT", "$1", "p", "$13", Long.toString(expected));

        try (RealRedis redis = RealRedis.start("--appendonly", "yes", "--appendfsync", "always");
                RespClient c = new RespClient("127.0.0.1", redis.port())) {
            c.call("SET", "p", "v");
            long before = System.currentTimeMillis();
            c.call("PEXPIRE", "p", "100000");
            long after = System.currentTimeMillis();
            List<List<String>> logged = redis.appendOnlyFileCommands();
            List<String> last = logged.get(logged.size() - 1);
            assertThat(last.subList(0, 2)).containsExactly("PEXPIREAT", "p");
            assertThat(Long.parseLong(last.get(2))).isBetween(before + 100_000, after + 100_000);
        }
    }

    /** Loading a file that selects other databases runs this lab's SELECT for the loading client. */
    @Test
    void aFileThatSelectsDatabasesLoadsEachKeyIntoItsOwn(@TempDir Path dir) throws Exception {
        try (IntegratedServerFixture first = IntegratedServerFixture.start("dir", dir.toString(), "appendonly", "yes",
                "appendfsync", "always");
                RespClient c = new RespClient("127.0.0.1", first.port)) {
            c.call("SET", "zero", "0");
            c.call("SELECT", "3");
            c.call("SET", "three", "3");
            c.call("COPY", "three", "copied", "DB", "4");
            c.call("SELECT", "7");
            c.call("SET", "seven", "7");
            c.call("MOVE", "seven", "8");
        }
        try (IntegratedServerFixture second = IntegratedServerFixture.start("dir", dir.toString(), "appendonly", "yes");
                RespClient c = new RespClient("127.0.0.1", second.port)) {
            assertThat(c.call("DBSIZE")).isEqualTo(new RespInteger(1));
            assertThat(c.call("GET", "zero")).isEqualTo(BulkString.of("0"));
            c.call("SELECT", "3");
            assertThat(c.call("GET", "three")).isEqualTo(BulkString.of("3"));
            c.call("SELECT", "4");
            assertThat(c.call("GET", "copied")).isEqualTo(BulkString.of("3"));
            c.call("SELECT", "7");
            assertThat(c.call("GET", "seven")).isEqualTo(NullBulkString.INSTANCE);
            c.call("SELECT", "8");
            assertThat(c.call("GET", "seven")).isEqualTo(BulkString.of("7"));
        }
    }
}
