package dev.redisfromscratch.server;

import static dev.redisfromscratch.server.ServerCommandsParityTest.resp;
import static org.assertj.core.api.Assertions.assertThat;

import dev.redisfromscratch.aof.FsyncPolicy;
import dev.redisfromscratch.persistence.SavePoints;
import dev.redisfromscratch.resp.RespValue;
import dev.redisfromscratch.resp.SimpleString;
import dev.redisfromscratch.resp.client.RespClient;
import dev.redisfromscratch.testkit.RawClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

/**
 * {@code CONFIG SET} takes effect: each parameter this server lets change at run time changes what
 * it does, at once, and a failed {@code CONFIG SET} changes nothing. The replies, errors included,
 * are compared with Redis in {@link ServerCommandsParityTest}.
 */
class ConfigSetTest {
    private static final RespValue OK = new SimpleString("OK");

    /** Waits, with a deadline, for what the cron or a background save does on its own time. */
    private static void await(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.onSpinWait();
        }
    }

    private static InfoText info(RespClient c, String... sections) {
        try {
            return InfoText.of(c, sections);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void timeoutClosesClientsIdleForLongerThanTheNewValue() throws Exception {
        try (IntegratedServerFixture f = IntegratedServerFixture.start();
             RespClient admin = new RespClient("127.0.0.1", f.port);
             RawClient idle = RawClient.connect(f.port)) {
            idle.send(resp("PING")).read("+PONG\r\n");
            assertThat(admin.call("CONFIG", "SET", "timeout", "10")).isEqualTo(OK);
            f.clock.advance(Duration.ofSeconds(6));
            admin.call("PING"); // the admin is active; the other client is not
            f.clock.advance(Duration.ofSeconds(5));
            assertThat(idle.isClosedByServer()).isTrue();
            assertThat(admin.call("PING")).isEqualTo(new SimpleString("PONG"));
        }
    }

    @Test
    void maxclientsRefusesTheNextConnection() throws Exception {
        try (IntegratedServerFixture f = IntegratedServerFixture.start();
             RespClient admin = new RespClient("127.0.0.1", f.port)) {
            assertThat(admin.call("CONFIG", "SET", "maxclients", "1")).isEqualTo(OK);
            try (RawClient extra = RawClient.connect(f.port)) {
                assertThat(extra.readUntilClosed()).isEqualTo("-ERR max number of clients reached\r\n");
            }
            admin.call("CONFIG", "SET", "maxclients", "4294967295");
            try (RawClient extra = RawClient.connect(f.port)) {
                extra.send(resp("PING")).read("+PONG\r\n");
            }
        }
    }

    @Test
    void requirepassAppliesToNewClientsAndEmptyRemovesIt() throws Exception {
        try (IntegratedServerFixture f = IntegratedServerFixture.start();
             RespClient admin = new RespClient("127.0.0.1", f.port)) {
            assertThat(admin.call("CONFIG", "SET", "requirepass", "s3cret")).isEqualTo(OK);
            assertThat(admin.call("PING")).as("a client connected before stays in").isEqualTo(new SimpleString("PONG"));
            try (RawClient late = RawClient.connect(f.port)) {
                late.send(resp("PING")).read("-NOAUTH Authentication required.\r\n");
                admin.call("CONFIG", "SET", "requirepass", "");
                late.send(resp("PING")).read("+PONG\r\n");
            }
            assertThat(admin.call("CONFIG", "GET", "requirepass").toString()).contains("requirepass");
        }
    }

    @Test
    void hzIsKeptBetweenOneAndFiveHundredAndTheCronFollowsIt() throws Exception {
        try (IntegratedServerFixture f = IntegratedServerFixture.start();
             RespClient admin = new RespClient("127.0.0.1", f.port);
             RawClient idle = RawClient.connect(f.port)) {
            idle.send(resp("PING")).read("+PONG\r\n");
            admin.call("CONFIG", "SET", "hz", "100000");
            assertThat(f.config.hz()).isEqualTo(500);
            assertThat(f.config.cronIntervalMillis()).isEqualTo(2);
            admin.call("CONFIG", "SET", "hz", "4", "timeout", "1");
            assertThat(info(admin, "server").number("hz")).isEqualTo(4);
            f.clock.advance(Duration.ofSeconds(2));
            assertThat(idle.isClosedByServer()).as("the cron still runs, four times a second").isTrue();
        }
    }

    @Test
    void saveChangesTheSavePointsTheCronChecks() throws Exception {
        try (IntegratedServerFixture f = IntegratedServerFixture.start();
             RespClient c = new RespClient("127.0.0.1", f.port)) {
            assertThat(c.call("CONFIG", "SET", "save", "100 1")).isEqualTo(OK);
            assertThat(f.server.persistence().config().savePoints())
                    .isEqualTo(new SavePoints(List.of(new SavePoints.Point(100, 1))));
            c.call("SET", "k", "v");
            f.clock.advance(Duration.ofSeconds(101));
            await("the save point's background save", () -> info(c, "persistence").number("rdb_changes_since_last_save") == 0);
            assertThat(f.dir.resolve("dump.json")).exists();
            c.call("CONFIG", "SET", "save", "");
            assertThat(f.server.persistence().config().savePoints().isEmpty()).isTrue();
        }
    }

    @Test
    void appendonlyTurnsTheFileOnWithTheWholeKeyspaceAndOffAgain() throws Exception {
        try (IntegratedServerFixture f = IntegratedServerFixture.start();
             RespClient c = new RespClient("127.0.0.1", f.port)) {
            Path aof = f.dir.resolve("appendonly.aof");
            c.call("SET", "before", "1");
            assertThat(c.call("CONFIG", "SET", "appendonly", "yes")).isEqualTo(OK);
            assertThat(info(c, "persistence").number("aof_enabled")).isEqualTo(1);
            c.call("SET", "during", "2");
            await("the rewrite", () -> info(c, "persistence").number("aof_rewrite_in_progress") == 0
                    && Files.exists(aof) && read(aof).contains("before"));
            c.call("SET", "after", "3");
            c.call("CONFIG", "SET", "appendfsync", "always");
            assertThat(f.server.persistence().appendOnlyFile().policy()).isEqualTo(FsyncPolicy.ALWAYS);
            c.call("SET", "always", "4");
            assertThat(read(aof)).contains("before", "during", "after", "always");
            assertThat(info(c, "persistence").number("aof_current_size")).isEqualTo(Files.size(aof));
            assertThat(c.call("CONFIG", "SET", "appendonly", "no")).isEqualTo(OK);
            c.call("SET", "off", "5");
            assertThat(read(aof)).doesNotContain("off");
            assertThat(info(c, "persistence").number("aof_enabled")).isZero();
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, java.nio.charset.StandardCharsets.ISO_8859_1);
        } catch (java.io.IOException e) {
            return "";
        }
    }

    @Test
    void aFailedApplyRestoresEveryValueOfTheCall() throws Exception {
        try (IntegratedServerFixture f = IntegratedServerFixture.start();
             RespClient c = new RespClient("127.0.0.1", f.port)) {
            Files.createDirectory(f.dir.resolve("appendonly.aof")); // the file cannot be created
            assertThat(c.call("CONFIG", "SET", "timeout", "7", "appendonly", "yes").toString())
                    .contains("ERR CONFIG SET failed (possibly related to argument 'appendonly') - "
                            + "Unable to turn on AOF. Check server logs.");
            assertThat(f.config.all()).containsEntry("timeout", "0").containsEntry("appendonly", "no");
            assertThat(f.server.persistence().appendOnlyFile()).isNull();
        }
    }

    @Test
    void protoMaxBulkLenAppliesToConnectedClientsToo() throws Exception {
        try (IntegratedServerFixture f = IntegratedServerFixture.start();
             RespClient admin = new RespClient("127.0.0.1", f.port);
             RawClient connected = RawClient.connect(f.port)) {
            connected.send(resp("PING")).read("+PONG\r\n");
            admin.call("CONFIG", "SET", "proto-max-bulk-len", "1mb");
            connected.send("*2\r\n$4\r\nECHO\r\n$1048577\r\n");
            assertThat(connected.readUntilClosed()).isEqualTo("-ERR Protocol error: invalid bulk length\r\n");
            admin.call("CONFIG", "SET", "proto-max-bulk-len", "4gb"); // Redis's range; above INT_MAX acts as INT_MAX
            try (RawClient fresh = RawClient.connect(f.port)) {
                fresh.send("*2\r\n$4\r\nECHO\r\n$1048577\r\n" + "x".repeat(1048577) + "\r\n");
                assertThat(fresh.readLine()).isEqualTo("$1048577\r\n");
            }
        }
    }

    @Test
    void stopWritesOnBgsaveErrorNoLetsWritesThroughAfterAFailedSave() throws Exception {
        try (IntegratedServerFixture f = IntegratedServerFixture.start("save", "3600 1");
             RespClient c = new RespClient("127.0.0.1", f.port)) {
            Files.createDirectory(f.dir.resolve("dump.json")); // the save cannot rename its file over it
            c.call("BGSAVE");
            await("the failed background save", () -> "err".equals(info(c, "persistence").value("rdb_last_bgsave_status")));
            assertThat(c.call("SET", "k", "v").toString()).contains("MISCONF");
            assertThat(c.call("CONFIG", "SET", "stop-writes-on-bgsave-error", "no")).isEqualTo(OK);
            assertThat(c.call("SET", "k", "v")).isEqualTo(OK);
            c.call("CONFIG", "SET", "stop-writes-on-bgsave-error", "yes");
            assertThat(c.call("SET", "k", "v").toString()).contains("MISCONF");
        }
    }
}
