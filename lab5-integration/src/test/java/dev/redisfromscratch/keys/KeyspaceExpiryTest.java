package dev.redisfromscratch.keys;

import static org.assertj.core.api.Assertions.assertThat;

import dev.redisfromscratch.client.Client;
import dev.redisfromscratch.command.CommandPipeline;
import dev.redisfromscratch.command.CommandTable;
import dev.redisfromscratch.config.ServerConfig;
import dev.redisfromscratch.protocol.InlineFramer;
import dev.redisfromscratch.server.DataStoreServer;
import dev.redisfromscratch.server.PersistentServer;
import dev.redisfromscratch.store.Databases;
import dev.redisfromscratch.testkit.ManualClock;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Keys whose time has passed, seen by the key commands, in process: the commands run through the
 * pipeline with no cron thread, so nothing reclaims a key unless a command does, and every
 * propagated effect is recorded.
 */
class KeyspaceExpiryTest {
    private final ManualClock clock = new ManualClock();
    private final Databases dbs = new Databases(16, clock);
    private final List<String> propagated = new ArrayList<>();
    private final Client client = new Client("127.0.0.1:1", new InlineFramer());
    private CommandPipeline pipeline;

    @BeforeEach
    void compose() {
        CommandTable table = PersistentServer.keyspaceCommands(dbs, ServerConfig.ephemeral());
        KeyspaceCommands.register(table, dbs);
        pipeline = DataStoreServer.pipeline(table, dbs);
        pipeline.addPropagationListener((db, argv) -> propagated.add(db + " "
                + argv.stream().map(a -> new String(a, StandardCharsets.ISO_8859_1)).collect(Collectors.joining(" "))));
    }

    /** Runs one command; returns its reply's bytes as text. */
    private String run(String... args) {
        pipeline.processCommand(client, Arrays.stream(args).map(a -> a.getBytes(StandardCharsets.ISO_8859_1)).toList());
        String reply = new String(client.reply().toByteArray(), StandardCharsets.ISO_8859_1);
        client.reply().reset();
        return reply;
    }

    private void setExpired(String key) {
        run("SET", key, "v", "PX", "100");
        clock.advance(Duration.ofSeconds(1));
        propagated.clear();
    }

    @Test
    void keysLeavesAnExpiredKeyOutButInPlace() {
        run("SET", "live", "v");
        setExpired("k");
        assertThat(run("KEYS", "*")).isEqualTo("*1\r\n$4\r\nlive\r\n");
        assertThat(run("DBSIZE")).isEqualTo(":2\r\n");
        assertThat(propagated).isEmpty();
    }

    @Test
    void scanLeavesAnExpiredKeyOutAndReclaimsIt() {
        run("SET", "live", "v");
        setExpired("k");
        assertThat(run("SCAN", "0")).isEqualTo("*2\r\n$1\r\n0\r\n*1\r\n$4\r\nlive\r\n");
        assertThat(run("DBSIZE")).isEqualTo(":1\r\n");
        assertThat(propagated).containsExactly("0 DEL k");
    }

    @Test
    void scanWithAPatternThatRejectsAnExpiredKeyLeavesItInPlace() {
        setExpired("k");
        assertThat(run("SCAN", "0", "MATCH", "x*")).isEqualTo("*2\r\n$1\r\n0\r\n*0\r\n");
        assertThat(run("DBSIZE")).isEqualTo(":1\r\n");
    }

    @Test
    void scanTypeNoneReturnsAKeyThatExpiredOnTheWayAsRedisDoes() {
        // the TYPE check reclaims the key and finds "none"; the expiry check then finds nothing to expire
        setExpired("k");
        assertThat(run("SCAN", "0", "TYPE", "none")).isEqualTo("*2\r\n$1\r\n0\r\n*1\r\n$1\r\nk\r\n");
        assertThat(run("DBSIZE")).isEqualTo(":0\r\n");
    }

    @Test
    void typeRenameMoveCopyTouchObjectAndExpiretimeSeeNoKey() {
        setExpired("k");
        assertThat(run("TYPE", "k")).isEqualTo("+none\r\n");
        setExpired("k");
        assertThat(run("RENAME", "k", "x")).isEqualTo("-ERR no such key\r\n");
        assertThat(run("RENAMENX", "k", "x")).isEqualTo("-ERR no such key\r\n");
        setExpired("k");
        assertThat(run("MOVE", "k", "1")).isEqualTo(":0\r\n");
        setExpired("k");
        assertThat(run("COPY", "k", "x")).isEqualTo(":0\r\n");
        setExpired("k");
        assertThat(run("TOUCH", "k", "k")).isEqualTo(":0\r\n");
        setExpired("k");
        assertThat(run("OBJECT", "ENCODING", "k")).isEqualTo("$-1\r\n");
        setExpired("k");
        assertThat(run("EXPIRETIME", "k")).isEqualTo(":-2\r\n");
        assertThat(run("DBSIZE")).isEqualTo(":0\r\n");
        assertThat(run("EXISTS", "x")).isEqualTo(":0\r\n");
    }

    @Test
    void randomkeyReclaimsTheExpiredKeysItDraws() {
        setExpired("k");
        assertThat(run("RANDOMKEY")).isEqualTo("$-1\r\n");
        assertThat(propagated).containsExactly("0 DEL k");
    }

    @Test
    void selectIsNotPropagatedAndTheWritesAfterItCarryTheirDatabase() {
        run("SELECT", "4");
        run("SET", "a", "1");
        run("SWAPDB", "4", "5");
        run("SELECT", "5");
        run("MOVE", "a", "6");
        run("SELECT", "6");
        run("EXPIREAT", "a", "4102444800");
        run("PEXPIRE", "a", "1000");
        assertThat(propagated).containsExactly("4 SET a 1", "4 SWAPDB 4 5", "5 MOVE a 6", "6 PEXPIREAT a 4102444800000",
                "6 PEXPIREAT a " + (clock.millis() + 1000));
    }
}
