package dev.redisfromscratch.aof;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.redisfromscratch.command.CommandPipeline;
import dev.redisfromscratch.command.CommandSpec;
import dev.redisfromscratch.command.CommandTable;
import dev.redisfromscratch.config.ServerConfig;
import dev.redisfromscratch.protocol.Numbers;
import dev.redisfromscratch.protocol.ReplyWriter;
import dev.redisfromscratch.server.DataStoreServer;
import dev.redisfromscratch.server.PersistentServer;
import dev.redisfromscratch.snapshot.KeyspaceCapture;
import dev.redisfromscratch.snapshot.ValueCodecs;
import dev.redisfromscratch.store.DataStore;
import dev.redisfromscratch.store.Databases;
import dev.redisfromscratch.testkit.ExternalTool;
import dev.redisfromscratch.testkit.ManualClock;
import dev.redisfromscratch.testkit.RealRedis;
import dev.redisfromscratch.testkit.grading.Points;
import dev.redisfromscratch.testkit.grading.Stage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An append-only file over numbered databases: {@code SELECT n} is replayed into database
 * {@code n} (a database the server does not have is refused), and {@code BGREWRITEAOF}'s base
 * selects each non-empty database before its keys, which Redis's tools and server accept.
 */
class AofDatabasesTest {
    private static final long NOW = 1_767_225_600_000L;

    @TempDir
    Path dir;
    private final ManualClock clock = new ManualClock(NOW);
    private final List<String> log = new ArrayList<>();

    private static String cmd(String... args) {
        StringBuilder out = new StringBuilder("*" + args.length + "\r\n");
        for (String a : args) {
            out.append('$').append(a.getBytes(StandardCharsets.UTF_8).length).append("\r\n").append(a).append("\r\n");
        }
        return out.toString();
    }

    private static String select(int db) {
        return cmd("SELECT", Integer.toString(db));
    }

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static CommandPipeline pipeline(Databases dbs) {
        return DataStoreServer.pipeline(PersistentServer.keyspaceCommands(dbs, ServerConfig.ephemeral()), dbs);
    }

    private Path write(String content) throws IOException {
        return Files.write(dir.resolve("appendonly.aof"), content.getBytes(StandardCharsets.UTF_8));
    }

    private AofLoader.Result load(Path file, Databases dbs) throws IOException {
        return AofLoader.load(file, pipeline(dbs), AofLoader.loadingClient("aof"), dbs.count(), log::add);
    }

    @Test
    @Stage(lab = 4, value = 4)
    @Points(3)
    void selectNPutsTheCommandsThatFollowInDatabaseN() throws IOException {
        Databases dbs = new Databases(16, clock);
        Path f = write(select(0) + cmd("SET", "a", "0") + select(3) + cmd("SET", "b", "3")
                + cmd("PEXPIREAT", "b", Long.toString(NOW + 5000)) + select(15) + cmd("SET", "c", "15")
                + select(0) + cmd("SET", "d", "0") + select(3) + cmd("DEL", "nothing"));
        AofLoader.Result r = load(f, dbs);
        assertThat(r.truncated()).isFalse();
        assertThat(r.commands()).isEqualTo(6); // SELECTs run by the replay itself are not commands
        assertThat(dbs.db(0).get(b("a"))).asString().isEqualTo("0");
        assertThat(dbs.db(0).get(b("d"))).asString().isEqualTo("0");
        assertThat(dbs.db(3).get(b("b"))).asString().isEqualTo("3");
        assertThat(dbs.db(3).expireTime(b("b"))).isEqualTo(NOW + 5000);
        assertThat(dbs.db(15).get(b("c"))).asString().isEqualTo("15");
        assertThat(dbs.keyCount()).isEqualTo(4);
        assertThat(log).isEmpty();
    }

    @Test
    @Stage(lab = 4, value = 4)
    @Points(2)
    void aSelectOfADatabaseTheServerDoesNotHaveIsRefusedWithRedisTextAndItsOffset() throws IOException {
        String good = select(0) + cmd("SET", "a", "1");
        Path f = write(good + select(1) + cmd("SET", "b", "2"));
        DataStore one = new DataStore(clock);
        CommandPipeline p = DataStoreServer.pipeline(PersistentServer.keyspaceCommands(one, ServerConfig.ephemeral()), one);
        assertThatThrownBy(() -> AofLoader.load(f, p, AofLoader.loadingClient("aof"), log::add))
                .isInstanceOf(AofFormatException.class)
                .hasMessageContaining("Bad file format reading the append only file " + f + " at offset " + good.length())
                .hasMessageContaining("ERR DB index is out of range: SELECT 1, reading the append only file appendonly.aof "
                        + "(this server has 1 database)")
                .satisfies(e -> assertThat(((AofFormatException) e).offset()).isEqualTo(good.length()));
        assertThat(Files.size(f)).as("a refused file is left as it is").isEqualTo(good.length() + select(1).length()
                + cmd("SET", "b", "2").length());

        for (String n : List.of("16", "-1", "99999999999999999999")) {
            Path g = write(cmd("SELECT", n) + cmd("SET", "b", "2"));
            assertThatThrownBy(() -> load(g, new Databases(16, clock))).as(n)
                    .isInstanceOf(AofFormatException.class)
                    .hasMessageContaining(n.length() > 3 ? "ERR value is not an integer or out of range"
                            : "ERR DB index is out of range: SELECT " + n + ", reading the append only file appendonly.aof "
                            + "(this server has 16 databases)");
        }
        Path h = write(cmd("SELECT", "x"));
        assertThatThrownBy(() -> load(h, new Databases(16, clock)))
                .isInstanceOf(AofFormatException.class).hasMessageContaining("ERR value is not an integer or out of range");
        Path i = write(cmd("SELECT", "1", "2"));
        assertThatThrownBy(() -> load(i, new Databases(16, clock)))
                .isInstanceOf(AofFormatException.class).hasMessageContaining("ERR wrong number of arguments for 'select' command");
    }

    @Test
    @Stage(lab = 4, value = 4)
    void aSelectInsideATransactionTakesEffectInOrderAndIsRevertedWithIt() throws IOException {
        Databases dbs = new Databases(16, clock);
        load(write(select(0) + cmd("MULTI") + select(2) + cmd("SET", "k", "in 2") + cmd("EXEC")
                + cmd("SET", "j", "still 2")), dbs);
        assertThat(dbs.db(2).get(b("k"))).asString().isEqualTo("in 2");
        assertThat(dbs.db(2).get(b("j"))).asString().isEqualTo("still 2");
        assertThat(dbs.db(0).size()).isZero();

        Databases torn = new Databases(16, clock);
        String before = select(0) + cmd("SET", "a", "1");
        AofLoader.Result r = load(write(before + cmd("MULTI") + select(2) + cmd("SET", "k", "v")), torn);
        assertThat(r.validBytes()).isEqualTo(before.length());
        assertThat(torn.keyCount()).isEqualTo(1);
    }

    @Test
    @Stage(lab = 4, value = 4)
    void whenTheTableHasASelectCommandTheReplayRunsItThroughThePipeline() throws IOException {
        Databases dbs = new Databases(16, clock);
        CommandTable table = PersistentServer.keyspaceCommands(dbs, ServerConfig.ephemeral());
        List<String> selects = new ArrayList<>();
        table.register(CommandSpec.builder("select", 2).docs("Change the selected database", "1.0.0", "connection", "O(1)")
                .handler(call -> { // lab 5 registers the real one
                    selects.add(call.argString(1));
                    call.client().db((int) Numbers.string2ll(call.arg(1)));
                    call.reply().raw(ReplyWriter.OK);
                }).build());
        CommandPipeline p = DataStoreServer.pipeline(table, dbs);
        AofLoader.Result r = AofLoader.load(write(select(0) + select(7) + cmd("SET", "k", "v")), p,
                AofLoader.loadingClient("aof"), dbs.count(), log::add);
        assertThat(selects).containsExactly("0", "7");
        assertThat(r.commands()).isEqualTo(3);
        assertThat(dbs.db(7).get(b("k"))).asString().isEqualTo("v");

        Path f = write(select(16)); // refused before the table's SELECT runs
        assertThatThrownBy(() -> AofLoader.load(f, p, AofLoader.loadingClient("aof"), dbs.count(), log::add))
                .isInstanceOf(AofFormatException.class).hasMessageContaining("ERR DB index is out of range");
        assertThat(selects).hasSize(2);
    }

    // ------------------------------------------------------------------- BGREWRITEAOF

    private Databases severalDatabases(Clock clock) {
        Databases dbs = new Databases(16, clock);
        dbs.db(0).set(b("a"), b("zero"));
        dbs.db(3).setExpireAt(b("b"), b("three"), clock.millis() + 3_600_000);
        dbs.db(15).set(b("c"), b("fifteen"));
        return dbs;
    }

    /** Rewrites {@code dbs} into {@code <dir>/appendonly.aof} (the background work runs at once) and returns its text. */
    private String rewrite(Path dir, Databases dbs) throws IOException {
        try (AppendOnlyFile aof = new AppendOnlyFile(dir, "appendonly.aof", FsyncPolicy.NO, 1, log::add)) {
            aof.startRewrite(KeyspaceCapture.of(dbs, ValueCodecs.strings(), dbs.clock().millis()), ValueCodecs.strings(),
                    Runnable::run);
            assertThat(aof.finishRewriteIfDone()).isTrue();
        }
        return Files.readString(dir.resolve("appendonly.aof"), StandardCharsets.UTF_8);
    }

    @Test
    @Points(2)
    void theRewriteSelectsEachNonEmptyDatabaseBeforeItsKeys() throws IOException {
        Databases dbs = severalDatabases(clock);
        assertThat(rewrite(dir, dbs)).isEqualTo(select(0) + cmd("SET", "a", "zero")
                + select(3) + cmd("SET", "b", "three") + cmd("PEXPIREAT", "b", Long.toString(NOW + 3_600_000))
                + select(15) + cmd("SET", "c", "fifteen"));
        assertThat(log).contains("Background AOF rewrite terminated with success");
    }

    @Test
    void aRewriteOfOneDatabaseIsAsBefore() throws IOException {
        DataStore one = new DataStore(clock);
        assertThat(rewrite(dir, Databases.single(one))).isEmpty();
        one.set(b("k"), b("v"));
        assertThat(rewrite(dir, Databases.single(one))).isEqualTo(select(0) + cmd("SET", "k", "v"));
        Databases sixteen = new Databases(16, clock);
        sixteen.db(4).set(b("k"), b("v"));
        assertThat(rewrite(dir, sixteen)).isEqualTo(select(4) + cmd("SET", "k", "v"));
    }

    @Test
    @Stage(lab = 4, value = 4)
    @Points(2)
    void theRewrittenFileReplaysToTheSameDatabases() throws IOException {
        Databases before = severalDatabases(clock);
        for (int i = 0; i < 1000; i++) { // more than one 64 KiB buffer
            before.db(i % 16).set(b("key:" + i), new byte[100]);
        }
        rewrite(dir, before);
        Databases after = new Databases(16, clock);
        load(dir.resolve("appendonly.aof"), after);
        for (int db = 0; db < 16; db++) {
            List<String> was = new ArrayList<>();
            List<String> is = new ArrayList<>();
            before.db(db).forEach((key, value, when) -> was.add(new String(key.bytes(), StandardCharsets.UTF_8) + "@" + when));
            after.db(db).forEach((key, value, when) -> is.add(new String(key.bytes(), StandardCharsets.UTF_8) + "@" + when));
            assertThat(is).as("database %d", db).containsExactlyInAnyOrderElementsOf(was);
        }
    }

    @Test
    @Points(2)
    void redisCheckAofAndARealRedisServerAcceptTheRewrittenFile(@TempDir Path copy) throws Exception {
        Databases dbs = severalDatabases(Clock.systemUTC()); // a real Redis compares TTLs with its own clock
        rewrite(dir, dbs);
        Path file = dir.resolve("appendonly.aof");
        ExternalTool.Result check = ExternalTool.require("redis-check-aof").run(file.toString());
        assertThat(check.out()).contains("AOF " + file + " is valid");
        assertThat(check.exitCode()).isZero();

        Files.copy(file, copy.resolve("appendonly.aof"));
        ExternalTool cli = ExternalTool.require("redis-cli");
        try (RealRedis redis = RealRedis.start("--appendonly", "yes", "--dir", copy.toString())) {
            String port = Integer.toString(redis.port());
            assertThat(cli.run("-p", port, "-n", "0", "GET", "a").out().trim()).isEqualTo("zero");
            assertThat(cli.run("-p", port, "-n", "3", "GET", "b").out().trim()).isEqualTo("three");
            assertThat(Long.parseLong(cli.run("-p", port, "-n", "3", "TTL", "b").out().trim())).isBetween(3590L, 3600L);
            assertThat(cli.run("-p", port, "-n", "15", "GET", "c").out().trim()).isEqualTo("fifteen");
            for (String db : List.of("0", "3", "15")) {
                assertThat(cli.run("-p", port, "-n", db, "DBSIZE").out().trim()).as("database %s", db).isEqualTo("1");
            }
            assertThat(cli.run("-p", port, "-n", "1", "DBSIZE").out().trim()).isEqualTo("0");
        }
    }
}
