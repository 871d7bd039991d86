package dev.redisfromscratch.server;

import static dev.redisfromscratch.testkit.blackbox.Reply.bulk;
import static org.assertj.core.api.Assertions.assertThat;

import dev.redisfromscratch.persistence.Persistence;
import dev.redisfromscratch.testkit.RawClient;
import dev.redisfromscratch.testkit.blackbox.WireClient;
import dev.redisfromscratch.testkit.grading.Points;
import dev.redisfromscratch.testkit.grading.Stage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.Jedis;

/**
 * SAVE, BGSAVE, LASTSAVE, FLUSHALL, SHUTDOWN, save points and {@code -MISCONF}, over a real socket,
 * against lab 4's server in a temp directory, with a manual clock.
 */
@Stage(lab = 4, value = 1)
class SnapshotCommandsTest {
    @TempDir
    Path dir;
    private PersistentServerFixture f;

    @AfterEach
    void stop() {
        if (f != null) {
            f.close();
        }
    }

    private WireClient connect() throws IOException {
        return WireClient.connect("127.0.0.1", f.port, Duration.ofSeconds(10));
    }

    @Test
    @Points(3)
    void saveRepliesOkOnceTheSnapshotIsOnDisk() throws Exception {
        f = PersistentServerFixture.in(dir).start();
        try (WireClient c = connect()) {
            c.command("SET", "greeting", "hello").expect("+OK\r\n");
            c.command("SAVE").expect("+OK\r\n");
        }
        assertThat(f.snapshotText()).contains("{\"key\":\"greeting\",\"type\":\"string\",\"value\":\"hello\"}");
        assertThat(f.log).contains("DB saved on disk");
    }

    @Test
    @Points(2)
    void lastsaveIsTheUnixTimeOfTheLastSuccessfulSave() throws Exception {
        f = PersistentServerFixture.in(dir).start();
        try (WireClient c = connect()) {
            long started = f.clock.millis() / 1000;
            c.command("LASTSAVE").expect(":" + started + "\r\n");
            f.clock.advance(Duration.ofSeconds(42));
            c.command("SAVE").expect("+OK\r\n");
            c.command("LASTSAVE").expect(":" + (started + 42) + "\r\n");
        }
    }

    @Test
    @Points(6)
    void bgsaveWritesTheKeyspaceAsItWasWhenItStartedWhileClientsAreServed() throws Exception {
        f = PersistentServerFixture.holdingBackgroundWork(dir).start();
        try (WireClient c = connect()) {
            c.command("SET", "a", "before").expect("+OK\r\n");
            c.command("BGSAVE").expect("+Background saving started\r\n");
            // the save has not written a byte yet: the server answers everyone meanwhile
            c.command("SET", "a", "after").expect("+OK\r\n");
            c.command("SET", "b", "new").expect("+OK\r\n");
            c.command("DEL", "a").expect(":1\r\n");
            c.command("GET", "b").expect(bulk("new"));
            c.command("BGSAVE").expect("-ERR Background save already in progress\r\n");
            c.command("SAVE").expect("-ERR Background save already in progress\r\n");
            f.clock.advance(Duration.ofSeconds(5));
            f.runHeldBackgroundWork();
            f.awaitBackgroundWork();
            c.command("LASTSAVE").expect(":" + f.clock.millis() / 1000 + "\r\n");
        }
        assertThat(f.snapshotText()).contains("\"key\":\"a\",\"type\":\"string\",\"value\":\"before\"")
                .doesNotContain("after").doesNotContain("\"b\"").endsWith("\"count\":1}");
        assertThat(f.log).contains("Background saving terminated with success");
    }

    @Test
    @Points(4)
    void aSavePointStartsABackgroundSaveFromTheCron() throws Exception {
        f = PersistentServerFixture.holdingBackgroundWork(dir, "save", "60 2").start();
        try (WireClient c = connect()) {
            c.command("SET", "x", "1").expect("+OK\r\n");
            c.command("SET", "y", "2").expect("+OK\r\n");
        }
        f.clock.advance(Duration.ofSeconds(61)); // 2 changes and more than 60 s: the next cron run saves
        f.runHeldBackgroundWork();              // waits until the cron has handed the save over
        f.awaitBackgroundWork();
        assertThat(f.log).contains("2 changes in 60 seconds. Saving...");
        assertThat(f.snapshotText()).endsWith("\"count\":2}");
        assertThat(f.server.persistence().changesSinceLastSave()).isZero();
    }

    @Test
    @Points(5)
    void aFailedSaveIsErrThenAFailedBackgroundSaveRefusesWritesWithMisconfUntilASaveSucceeds() throws Exception {
        Path data = Files.createDirectory(dir.resolve("data"));
        f = PersistentServerFixture.in(data, "save", "3600 1").start();
        try (WireClient c = connect()) {
            c.command("SET", "k", "v").expect("+OK\r\n");
            Files.delete(data); // the directory is gone: nothing can be written there
            c.command("SAVE").expect("-ERR\r\n");
            c.command("SET", "k", "v2").expect("+OK\r\n"); // as Redis: a failed SAVE alone refuses nothing
            c.command("BGSAVE").expect("+Background saving started\r\n");
            f.awaitBackgroundWork();
            String misconf = "-" + Persistence.MISCONF_SNAPSHOT + "\r\n";
            c.command("SET", "k", "v3").expect(misconf);
            c.command("PING").expect(misconf);
            c.command("GET", "k").expect(bulk("v2")); // reads still work
            Files.createDirectory(data);
            c.command("SAVE").expect("+OK\r\n");
            c.command("SET", "k", "v4").expect("+OK\r\n");
        }
        assertThat(f.log).anyMatch(l -> l.startsWith("Failed opening the temp snapshot file temp-")
                && l.endsWith("for saving: No such file or directory"));
        assertThat(f.log).contains("Background saving error");
    }

    @Test
    @Points(3)
    void shutdownSavesClosesTheConnectionWithoutAReplyAndStopsTheServer() throws Exception {
        f = PersistentServerFixture.in(dir, "save", "3600 1").start();
        try (RawClient c = RawClient.connect(f.port)) {
            c.send("SET k v\r\n").read("+OK\r\n");
            c.send("SHUTDOWN\r\n");
            assertThat(c.readUntilClosed()).isEmpty();
        }
        assertThat(awaitStop()).isTrue();
        assertThat(f.snapshotText()).contains("\"key\":\"k\"");
        assertThat(f.log).contains("Saving the final snapshot before exiting.");
    }

    private boolean awaitStop() throws InterruptedException {
        Thread waiter = new Thread(() -> {
            try {
                f.server.awaitStop();
            } catch (InterruptedException ignored) {
                Thread.currentThread().interrupt();
            }
        });
        waiter.start();
        waiter.join(TimeUnit.SECONDS.toMillis(10));
        return !waiter.isAlive();
    }

    @Test
    @Points(2)
    void shutdownNosaveWritesNothing() throws Exception {
        f = PersistentServerFixture.in(dir, "save", "3600 1").start();
        try (RawClient c = RawClient.connect(f.port)) {
            c.send("SET k v\r\n").read("+OK\r\n");
            c.send("SHUTDOWN NOSAVE\r\n");
            assertThat(c.readUntilClosed()).isEmpty();
        }
        assertThat(awaitStop()).isTrue();
        assertThat(dir.resolve("dump.json")).doesNotExist();
    }

    @Test
    @Points(2)
    void aShutdownWhoseSaveFailsIsRefusedAndTheServerGoesOn() throws Exception {
        Path data = Files.createDirectory(dir.resolve("data"));
        f = PersistentServerFixture.in(data, "save", "3600 1").start();
        Files.delete(data);
        try (WireClient c = connect()) {
            c.command("SHUTDOWN").expect("-ERR Errors trying to SHUTDOWN. Check logs.\r\n");
            c.command("GET", "x").expect("$-1\r\n");
        }
        Files.createDirectory(data);
    }

    @Test
    @Points(2)
    void closingFromAnotherThreadSavesAsShutdownDoes() throws Exception {
        f = PersistentServerFixture.in(dir, "save", "3600 1").start();
        try (WireClient c = connect()) {
            c.command("SET", "k", "v").expect("+OK\r\n");
            f.close(); // what Ctrl+C's shutdown hook does, while this client is still connected
        }
        assertThat(f.snapshotText()).contains("\"key\":\"k\"");
    }

    @Test
    @Points(2)
    void flushallSavesTheEmptyKeyspaceWhenSavePointsAreSetAndFlushdbDoesNot() throws Exception {
        f = PersistentServerFixture.in(dir, "save", "3600 1").start();
        try (WireClient c = connect()) {
            c.command("SET", "k", "v").expect("+OK\r\n");
            c.command("SAVE").expect("+OK\r\n");
            c.command("FLUSHDB").expect("+OK\r\n");
            assertThat(f.snapshotText()).endsWith("\"count\":1}");
            c.command("SET", "k", "v").expect("+OK\r\n");
            c.command("FLUSHALL").expect("+OK\r\n");
            assertThat(f.snapshotText()).endsWith("\"count\":0}");
        }
    }

    @Test
    @Points(2)
    void configGetReportsThePersistenceParameters() throws Exception {
        f = PersistentServerFixture.in(dir, "save", "3600 1 300 100", "appendfsync", "always").start();
        try (WireClient c = connect()) {
            c.command("CONFIG", "GET", "dir").expect("*2\r\n" + bulk("dir") + bulk(dir.toAbsolutePath().toString()));
            c.command("CONFIG", "GET", "dbfilename").expect("*2\r\n" + bulk("dbfilename") + bulk("dump.json"));
            c.command("CONFIG", "GET", "save").expect("*2\r\n" + bulk("save") + bulk("3600 1 300 100"));
            c.command("CONFIG", "GET", "appendonly").expect("*2\r\n" + bulk("appendonly") + bulk("no"));
            c.command("CONFIG", "GET", "appendfsync").expect("*2\r\n" + bulk("appendfsync") + bulk("always"));
        }
    }

    @Test
    @Points(2)
    void jedisSavesAndReadsLastsave() throws Exception {
        f = PersistentServerFixture.in(dir).start();
        try (Jedis jedis = new Jedis("127.0.0.1", f.port)) {
            jedis.set("from", "jedis");
            assertThat(jedis.save()).isEqualTo("OK");
            assertThat(jedis.lastsave()).isEqualTo(f.clock.millis() / 1000);
            assertThat(jedis.flushAll()).isEqualTo("OK");
            assertThat(jedis.dbSize()).isZero();
        }
        assertThat(f.snapshotText()).contains("\"key\":\"from\"");
    }
}
