package dev.redisfromscratch.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.redisfromscratch.client.Client;
import dev.redisfromscratch.command.CommandPipeline;
import dev.redisfromscratch.command.CommandSpec;
import dev.redisfromscratch.command.CommandTable;
import dev.redisfromscratch.config.ServerConfig;
import dev.redisfromscratch.persistence.Persistence;
import dev.redisfromscratch.protocol.InlineFramer;
import dev.redisfromscratch.protocol.ReplyWriter;
import dev.redisfromscratch.snapshot.SnapshotFormatException;
import dev.redisfromscratch.snapshot.ValueCodecs;
import dev.redisfromscratch.store.Databases;
import dev.redisfromscratch.store.ExpiryMode;
import dev.redisfromscratch.testkit.ManualClock;
import dev.redisfromscratch.testkit.grading.Points;
import dev.redisfromscratch.testkit.grading.Stage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Lab 4's persistence handed sixteen databases, composed the way lab 5 will compose it
 * ({@link PersistentServer#addPersistence}): SAVE, BGSAVE, the append-only file and its rewrite
 * keep every key in its database across a restart, the save points count changes in every
 * database, and loading stops expiry in all of them. A client's database is set directly here, as
 * lab 5's SELECT will set it.
 */
class PersistenceOverDatabasesTest {
    @TempDir
    Path dir;
    private final ManualClock clock = new ManualClock(1_767_225_600_000L);
    private final List<Server16> servers = new ArrayList<>();

    /** Sixteen databases with lab 4's persistence, driven through the pipeline; background work held. */
    private final class Server16 {
        final Databases dbs = new Databases(16, clock);
        final CommandTable table;
        final CommandPipeline pipeline;
        final Persistence persistence;
        final List<String> log = new CopyOnWriteArrayList<>();
        final List<Runnable> held = new ArrayList<>();
        final Client client = new Client("test", new InlineFramer());
        boolean stopped;

        Server16(String... parameters) {
            ServerConfig config = ServerConfig.ephemeral().set("dir", dir.toString()).set("appendfsync", "always");
            for (int i = 0; i < parameters.length; i += 2) {
                config.set(parameters[i], parameters[i + 1]);
            }
            table = PersistentServer.keyspaceCommands(dbs, config);
            pipeline = DataStoreServer.pipeline(table, dbs);
            persistence = PersistentServer.addPersistence(config, dbs, table, pipeline, ValueCodecs.strings(), held::add,
                    () -> stopped = true, log::add);
            servers.add(this);
        }

        /** Loads from disk and opens the AOF, as a server's start does. */
        Server16 start() throws IOException {
            persistence.load();
            persistence.openAppendOnlyFile();
            return this;
        }

        /** Runs one command as a client of database {@code db}; the AOF is written before the reply "leaves". */
        String run(int db, String... args) {
            client.db(db);
            List<byte[]> argv = new ArrayList<>();
            for (String a : args) {
                argv.add(a.getBytes(StandardCharsets.UTF_8));
            }
            pipeline.processCommand(client, argv);
            persistence.beforeReply();
            String reply = new String(client.reply().toByteArray(), StandardCharsets.UTF_8);
            client.reply().reset();
            return reply;
        }

        /** Runs the held background work on this thread, then the cron that completes it. */
        void finishBackgroundWork() {
            held.forEach(Runnable::run);
            held.clear();
            persistence.cron();
        }

        String get(int db, String key) {
            byte[] value = dbs.db(db).get(key.getBytes(StandardCharsets.UTF_8));
            return value == null ? null : new String(value, StandardCharsets.UTF_8);
        }

        long expireTime(int db, String key) {
            return dbs.db(db).expireTime(key.getBytes(StandardCharsets.UTF_8));
        }

        void close() {
            persistence.closeAppendOnlyFile();
        }
    }

    @AfterEach
    void closeAll() {
        servers.forEach(Server16::close);
    }

    private static void fill(Server16 s) {
        s.run(0, "SET", "a", "zero");
        s.run(5, "SET", "a", "five");
        s.run(5, "SET", "session", "s", "PX", "100000");
        s.run(15, "SET", "z", "fifteen");
    }

    private void expectFilled(Server16 s) {
        assertThat(s.get(0, "a")).isEqualTo("zero");
        assertThat(s.get(5, "a")).isEqualTo("five");
        assertThat(s.get(5, "session")).isEqualTo("s");
        assertThat(s.expireTime(5, "session")).isEqualTo(clock.millis() + 100_000);
        assertThat(s.get(15, "z")).isEqualTo("fifteen");
        assertThat(s.dbs.keyCount()).isEqualTo(4);
    }

    @Test
    @Stage(lab = 4, value = 2)
    @Points(3)
    void saveThenARestartBringsEveryKeyBackInItsDatabase() throws IOException {
        Server16 before = new Server16().start();
        fill(before);
        assertThat(before.run(3, "SAVE")).isEqualTo("+OK\r\n");
        assertThat(Files.readString(dir.resolve("dump.json"))).contains("{\"select\":5}", "{\"select\":15}")
                .doesNotContain("{\"select\":0}", "{\"select\":3}");

        Server16 after = new Server16().start();
        expectFilled(after);
        assertThat(after.log).anyMatch(line -> line.contains("keys loaded: 4"));
    }

    @Test
    @Stage(lab = 4, value = 2)
    void aOneDatabaseServerRefusesASnapshotOfSixteen() throws IOException {
        Server16 sixteen = new Server16().start();
        fill(sixteen);
        sixteen.run(0, "SAVE");
        PersistentServerFixture one = PersistentServerFixture.in(dir);
        try {
            assertThatThrownBy(one.server::load).isInstanceOf(SnapshotFormatException.class)
                    .hasMessageContaining("database 5 is out of range (this server has 1 database)");
        } finally {
            one.close();
        }
    }

    @Test
    @Stage(lab = 4, value = 2)
    @Points(2)
    void bgsaveWritesEveryDatabaseAsItWasWhenItStarted() throws IOException {
        Server16 before = new Server16().start();
        fill(before);
        assertThat(before.run(7, "BGSAVE")).isEqualTo("+Background saving started\r\n");
        before.run(7, "SET", "after", "the capture");
        before.run(5, "DEL", "a");
        before.finishBackgroundWork();
        assertThat(before.log).contains("Background saving terminated with success");

        expectFilled(new Server16().start());
    }

    @Test
    @Stage(lab = 4, value = 1)
    @Points(2)
    void savePointsCountChangesInEveryDatabase() throws IOException {
        Server16 s = new Server16("save", "60 3").start();
        s.run(2, "SET", "a", "1");
        s.run(9, "SET", "b", "2");
        s.run(9, "DEL", "b");
        assertThat(s.persistence.changesSinceLastSave()).isEqualTo(3);
        clock.advance(Duration.ofSeconds(61));
        s.persistence.cron();
        assertThat(s.log).contains("3 changes in 60 seconds. Saving...");
        s.finishBackgroundWork();
        assertThat(s.log).contains("Background saving terminated with success"); // else the log says why
        assertThat(s.persistence.changesSinceLastSave()).isZero();
        assertThat(Files.readString(dir.resolve("dump.json"))).contains("{\"select\":2}").endsWith("\"count\":1}");
    }

    @Test
    @Stage(lab = 4, value = 4)
    @Points(3)
    void theAppendOnlyFileSelectsEachDatabaseAndARestartReplaysIntoIt() throws IOException {
        Server16 before = new Server16("appendonly", "yes").start();
        fill(before);
        before.run(0, "SET", "b", "zero again");
        before.close();
        String aof = Files.readString(dir.resolve("appendonly.aof"));
        assertThat(aof.split("SELECT", -1)).hasSize(5); // 0, 5, 15, 0
        assertThat(aof).contains("$6\r\nSELECT\r\n$2\r\n15\r\n");

        Server16 after = new Server16("appendonly", "yes").start();
        assertThat(after.get(0, "b")).isEqualTo("zero again");
        after.dbs.db(0).delete("b".getBytes(StandardCharsets.UTF_8));
        expectFilled(after);
    }

    @Test
    @Stage(lab = 4, value = 4)
    @Points(2)
    void bgrewriteaofRewritesEveryDatabaseAndKeepsTheWritesMadeMeanwhile() throws IOException {
        Server16 before = new Server16("appendonly", "yes").start();
        fill(before);
        before.run(15, "SET", "z", "overwritten");
        before.run(15, "SET", "z", "fifteen");
        assertThat(before.run(0, "BGREWRITEAOF")).isEqualTo("+Background append only file rewriting started\r\n");
        before.run(9, "SET", "during", "the rewrite");
        before.finishBackgroundWork();
        assertThat(before.log).contains("Background AOF rewrite finished successfully");
        before.close();
        String aof = Files.readString(dir.resolve("appendonly.aof"));
        assertThat(aof).doesNotContain("overwritten").contains("$1\r\n9\r\n*3\r\n$3\r\nSET\r\n$6\r\nduring\r\n");

        Server16 after = new Server16("appendonly", "yes").start();
        assertThat(after.get(9, "during")).isEqualTo("the rewrite");
        after.dbs.db(9).delete("during".getBytes(StandardCharsets.UTF_8));
        expectFilled(after);
    }

    @Test
    @Stage(lab = 4, value = 4)
    void loadingStopsExpiryInEveryDatabaseAndPutsEachModeBack() throws IOException {
        Files.writeString(dir.resolve("appendonly.aof"), "*2\r\n$6\r\nSELECT\r\n$1\r\n6\r\n*1\r\n$5\r\nPROBE\r\n");
        Server16 s = new Server16("appendonly", "yes");
        List<ExpiryMode> seen = new ArrayList<>();
        s.table.register(CommandSpec.builder("probe", 1).docs("test", "1.0.0", "server", "O(1)").handler(call -> {
            for (int db = 0; db < s.dbs.count(); db++) {
                seen.add(s.dbs.db(db).expiryMode());
            }
            call.reply().raw(ReplyWriter.OK);
        }).build());
        s.dbs.db(2).expiryMode(ExpiryMode.REPLICA);
        s.start();
        assertThat(seen).hasSize(16).containsOnly(ExpiryMode.LOADING);
        List<ExpiryMode> after = new ArrayList<>();
        for (int db = 0; db < 16; db++) {
            after.add(s.dbs.db(db).expiryMode());
        }
        ExpiryMode[] expected = new ExpiryMode[16];
        Arrays.fill(expected, ExpiryMode.PRIMARY);
        expected[2] = ExpiryMode.REPLICA;
        assertThat(after).containsExactly(expected);
    }

    @Test
    @Stage(lab = 4, value = 1)
    void flushallWithSavePointsSavesEveryDatabaseEmptied() throws IOException {
        Server16 s = new Server16("save", "3600 1").start();
        fill(s);
        assertThat(s.run(5, "FLUSHDB")).isEqualTo("+OK\r\n");
        assertThat(s.dbs.keyCount()).isEqualTo(2);
        assertThat(dir.resolve("dump.json")).doesNotExist();
        assertThat(s.run(15, "FLUSHALL")).isEqualTo("+OK\r\n");
        assertThat(s.dbs.keyCount()).isZero();
        assertThat(Files.readString(dir.resolve("dump.json"))).endsWith("\"keys\":[],\"count\":0}");
    }
}
