package dev.redisfromscratch.server;

import static dev.redisfromscratch.testkit.blackbox.Reply.bulk;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.redisfromscratch.aof.AofFormatException;
import dev.redisfromscratch.testkit.ManualClock;
import dev.redisfromscratch.testkit.blackbox.WireClient;
import dev.redisfromscratch.testkit.grading.Points;
import dev.redisfromscratch.testkit.grading.Stage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A restart with {@code appendonly yes}: the file is replayed, a torn tail cut, damage refused. */
@Stage(lab = 4, value = 4)
class AofRestartTest {
    @TempDir
    Path dir;
    private final ManualClock clock = new ManualClock();

    private static WireClient connect(PersistentServerFixture f) throws Exception {
        return WireClient.connect("127.0.0.1", f.port, Duration.ofSeconds(10));
    }

    private PersistentServerFixture server() {
        return PersistentServerFixture.in(dir, clock, "appendonly", "yes", "appendfsync", "always");
    }

    @Test
    @Points(5)
    void theFileIsReplayedAndTakesPrecedenceOverTheSnapshot() throws Exception {
        try (PersistentServerFixture first = server().start(); WireClient c = connect(first)) {
            c.command("SET", "k", "from-snapshot").expect("+OK\r\n");
            c.command("SAVE").expect("+OK\r\n");
            c.command("SET", "k", "from-aof").expect("+OK\r\n");
            c.command("SET", "t", "v", "EX", "100").expect("+OK\r\n");
            c.command("SET", "gone", "x").expect("+OK\r\n");
            c.command("EXPIRE", "gone", "0").expect(":1\r\n"); // logged as DEL
        }
        clock.advance(Duration.ofSeconds(30));
        try (PersistentServerFixture second = server().start(); WireClient c = connect(second)) {
            c.command("GET", "k").expect(bulk("from-aof"));
            c.command("TTL", "t").expect(":70\r\n");
            c.command("EXISTS", "gone").expect(":0\r\n");
            assertThat(second.log).anyMatch(l -> l.startsWith("DB loaded from append only file: "));
        }
    }

    @Test
    @Points(3)
    void aTornTailIsCutOffAtStartupAndTheRestLoads() throws Exception {
        try (PersistentServerFixture first = server().start(); WireClient c = connect(first)) {
            c.command("SET", "whole", "1").expect("+OK\r\n");
        }
        long whole = Files.size(dir.resolve("appendonly.aof"));
        Files.write(dir.resolve("appendonly.aof"), "*3\r\n$3\r\nSET\r\n$4\r\ntorn".getBytes(StandardCharsets.US_ASCII),
                StandardOpenOption.APPEND);
        try (PersistentServerFixture second = server().start(); WireClient c = connect(second)) {
            c.command("GET", "whole").expect(bulk("1"));
            c.command("EXISTS", "torn").expect(":0\r\n");
            assertThat(second.log).contains("!!! Truncating the AOF appendonly.aof at offset " + whole + " !!!");
            c.command("SET", "next", "2").expect("+OK\r\n"); // appended after the cut, so the file stays valid
        }
        try (PersistentServerFixture third = server().start(); WireClient c = connect(third)) {
            c.command("GET", "next").expect(bulk("2"));
        }
    }

    @Test
    @Points(3)
    void damageMidFileStopsTheStartNamingTheOffset() throws Exception {
        try (PersistentServerFixture first = server().start(); WireClient c = connect(first)) {
            c.command("SET", "a", "1").expect("+OK\r\n");
            c.command("SET", "b", "2").expect("+OK\r\n");
        }
        byte[] bytes = Files.readAllBytes(dir.resolve("appendonly.aof"));
        String text = new String(bytes, StandardCharsets.ISO_8859_1);
        int second = text.indexOf("*3", text.indexOf("$1\r\na\r\n"));
        bytes[second + 1] = 'x'; // "*3" → "*x": the second SET is damaged, and more follows it
        Files.write(dir.resolve("appendonly.aof"), bytes);
        PersistentServerFixture f = server();
        assertThatThrownBy(f::start).isInstanceOf(AofFormatException.class)
                .hasMessageContaining("at offset " + second);
        f.close();
        assertThat(Files.readAllBytes(dir.resolve("appendonly.aof"))).isEqualTo(bytes);
    }

    @Test
    @Points(3)
    void aRewrittenFileReplaysToTheSameKeyspace() throws Exception {
        try (PersistentServerFixture first = server().start(); WireClient c = connect(first)) {
            for (int i = 0; i < 20; i++) {
                c.command("SET", "key:" + i % 5, "v" + i).expect("+OK\r\n");
            }
            c.command("SET", "ttl", "x", "PX", "60000").expect("+OK\r\n");
            c.command("BGREWRITEAOF").expect("+Background append only file rewriting started\r\n");
            first.awaitBackgroundWork();
            c.command("DEL", "key:0").expect(":1\r\n");
        }
        try (PersistentServerFixture second = server().start(); WireClient c = connect(second)) {
            c.command("DBSIZE").expect(":5\r\n");
            c.command("GET", "key:4").expect(bulk("v19"));
            c.command("PTTL", "ttl").expect(":60000\r\n");
            c.command("EXISTS", "key:0").expect(":0\r\n");
        }
    }
}
