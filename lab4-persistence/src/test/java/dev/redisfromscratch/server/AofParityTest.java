package dev.redisfromscratch.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.redisfromscratch.testkit.RawClient;
import dev.redisfromscratch.testkit.RealRedis;
import dev.redisfromscratch.testkit.grading.Points;
import dev.redisfromscratch.testkit.grading.Stage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The same writes sent to lab 4 and to a real redis-server 7.0.15, both with
 * {@code appendonly yes} and {@code appendfsync always}: the two append-only files are the same,
 * byte for byte (Redis's is its incremental file, {@code appendonlydir/appendonly.aof.1.incr.aof}).
 * Times in the script are absolute, so both files hold the same numbers.
 */
@Stage(lab = 4, value = 3)
class AofParityTest {
    private static final String FAR = "4102444800000"; // 2100-01-01, in Unix ms

    /** Each request, and whether it changes something (a request that does not is not logged). */
    private static final List<String> SCRIPT = List.of(
            "SET a 1",
            "SET b 2 PXAT " + FAR,
            "PEXPIREAT a " + FAR,
            "SET a 3 KEEPTTL",
            "SET c v GET",
            "SET c w NX",
            "SET d x XX",
            "DEL b",
            "DEL nosuch",
            "PERSIST a",
            "PERSIST a",
            "FLUSHDB",
            "FLUSHALL",
            "SET e \"with space\"",
            "GET e");

    @TempDir
    Path dir;

    private static void run(int port) throws Exception {
        try (RawClient c = RawClient.connect(port)) {
            for (String line : SCRIPT) {
                c.send(line + "\r\n").readLine(); // every reply here is one line
            }
            c.send("PING\r\n").read("+PONG\r\n");
        }
    }

    @Test
    @Points(5)
    void ourFileIsRedisFileByteForByte() throws Exception {
        try (PersistentServerFixture ours = PersistentServerFixture.in(dir, "appendonly", "yes", "appendfsync", "always").start()) {
            run(ours.port);
        }
        byte[] mine = Files.readAllBytes(dir.resolve("appendonly.aof"));
        byte[] theirs;
        try (RealRedis redis = RealRedis.start("--appendonly", "yes", "--appendfsync", "always")) {
            run(redis.port());
            theirs = Files.readAllBytes(redis.dir().resolve("appendonlydir").resolve("appendonly.aof.1.incr.aof"));
        }
        assertThat(new String(mine, StandardCharsets.ISO_8859_1)).isEqualTo(new String(theirs, StandardCharsets.ISO_8859_1));
    }
}
