package dev.redisfromscratch.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.redisfromscratch.aof.AppendOnlyFile;
import dev.redisfromscratch.testkit.RawClient;
import dev.redisfromscratch.testkit.blackbox.WireClient;
import dev.redisfromscratch.testkit.grading.Points;
import dev.redisfromscratch.testkit.grading.Stage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The append-only file as the server writes it: what, when, and with how many fsyncs. */
@Stage(lab = 4, value = 3)
class AppendOnlyServerTest {
    @TempDir
    Path dir;
    private PersistentServerFixture f;

    @AfterEach
    void stop() {
        if (f != null) {
            f.close();
        }
    }

    private String aof() throws Exception {
        return Files.readString(dir.resolve("appendonly.aof"), StandardCharsets.ISO_8859_1);
    }

    @Test
    @Points(4)
    void underAlwaysEveryAcknowledgedWriteIsInTheFileWhenItsReplyArrives() throws Exception {
        f = PersistentServerFixture.in(dir, "appendonly", "yes", "appendfsync", "always").start();
        try (WireClient c = WireClient.connect("127.0.0.1", f.port, Duration.ofSeconds(10))) {
            c.command("SET", "k", "v").expect("+OK\r\n");
            assertThat(aof()).isEqualTo("*2\r\n$6\r\nSELECT\r\n$1\r\n0\r\n*3\r\n$3\r\nSET\r\n$1\r\nk\r\n$1\r\nv\r\n");
            c.command("DEL", "k").expect(":1\r\n");
            assertThat(aof()).endsWith("*2\r\n$3\r\nDEL\r\n$1\r\nk\r\n");
            c.command("GET", "k").expect("$-1\r\n");
            c.command("DEL", "k").expect(":0\r\n"); // changed nothing: not logged
            assertThat(aof()).endsWith("*2\r\n$3\r\nDEL\r\n$1\r\nk\r\n");
        }
    }

    @Test
    @Points(4)
    void aPipelinedBatchCostsOneFsyncUnderAlways() throws Exception {
        f = PersistentServerFixture.in(dir, "appendonly", "yes", "appendfsync", "always").start();
        AppendOnlyFile file = f.server.persistence().appendOnlyFile();
        StringBuilder batch = new StringBuilder();
        StringBuilder replies = new StringBuilder();
        for (int i = 0; i < 16; i++) {
            batch.append("*3\r\n$3\r\nSET\r\n$6\r\nkey:").append(String.format("%02d", i)).append("\r\n$1\r\nv\r\n");
            replies.append("+OK\r\n");
        }
        try (RawClient c = RawClient.connect(f.port)) {
            c.send("PING\r\n").read("+PONG\r\n");
            long before = file.fsyncs();
            c.send(batch.toString()).read(replies.toString()); // one write from the client: one read, likely
            assertThat(file.fsyncs() - before).as("fsyncs for 16 pipelined SETs").isBetween(1L, 2L);
        }
        assertThat(aof().split("key:", -1)).hasSize(17);
    }

    @Test
    @Points(2)
    void timesAreLoggedAsAbsoluteTimes() throws Exception {
        f = PersistentServerFixture.in(dir, "appendonly", "yes", "appendfsync", "always").start();
        long at = f.clock.millis() + 100_000;
        try (WireClient c = WireClient.connect("127.0.0.1", f.port, Duration.ofSeconds(10))) {
            c.command("SET", "s", "v", "EX", "100").expect("+OK\r\n");
            c.command("EXPIRE", "s", "200").expect(":1\r\n");
        }
        assertThat(aof()).contains("*5\r\n$3\r\nSET\r\n$1\r\ns\r\n$1\r\nv\r\n$4\r\nPXAT\r\n$13\r\n" + at + "\r\n")
                .endsWith("*3\r\n$9\r\nPEXPIREAT\r\n$1\r\ns\r\n$13\r\n" + (at + 100_000) + "\r\n");
    }

    @Test
    @Points(4)
    void bgrewriteaofRewritesTheFileWhileWritesGoOnAndKeepsThem() throws Exception {
        f = PersistentServerFixture.holdingBackgroundWork(dir, "appendonly", "yes", "appendfsync", "always").start();
        try (WireClient c = WireClient.connect("127.0.0.1", f.port, Duration.ofSeconds(10))) {
            for (int i = 0; i < 50; i++) {
                c.command("SET", "counter", Integer.toString(i)).expect("+OK\r\n");
            }
            long before = Files.size(dir.resolve("appendonly.aof"));
            c.command("BGREWRITEAOF").expect("+Background append only file rewriting started\r\n");
            c.command("BGREWRITEAOF").expect("-ERR Background append only file rewriting already in progress\r\n");
            c.command("SET", "during", "rewrite").expect("+OK\r\n");
            c.command("BGSAVE").expect("-ERR Another child process is active (AOF?): can't BGSAVE right now. "
                    + "Use BGSAVE SCHEDULE in order to schedule a BGSAVE whenever possible.\r\n");
            f.runHeldBackgroundWork();
            f.awaitBackgroundWork();
            c.command("SET", "after", "rewrite").expect("+OK\r\n");
            String text = aof();
            assertThat(Files.size(dir.resolve("appendonly.aof"))).isLessThan(before);
            assertThat(text).startsWith("*2\r\n$6\r\nSELECT\r\n$1\r\n0\r\n*3\r\n$3\r\nSET\r\n$7\r\ncounter\r\n$2\r\n49\r\n")
                    .contains("$6\r\nduring\r\n$7\r\nrewrite\r\n")
                    .endsWith("*3\r\n$3\r\nSET\r\n$5\r\nafter\r\n$7\r\nrewrite\r\n");
        }
        assertThat(f.log).contains("Background AOF rewrite finished successfully");
    }
}
