package dev.redisfromscratch.server;

import static dev.redisfromscratch.testkit.blackbox.Reply.bulk;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.redisfromscratch.snapshot.SnapshotFormatException;
import dev.redisfromscratch.testkit.ManualClock;
import dev.redisfromscratch.testkit.blackbox.WireClient;
import dev.redisfromscratch.testkit.grading.Points;
import dev.redisfromscratch.testkit.grading.Stage;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The snapshot read back at startup: data survives a restart, and a damaged file stops the server. */
@Stage(lab = 4, value = 2)
class RestartTest {
    @TempDir
    Path dir;

    private static WireClient connect(PersistentServerFixture f) throws Exception {
        return WireClient.connect("127.0.0.1", f.port, Duration.ofSeconds(10));
    }

    @Test
    @Points(5)
    void keysValuesAndTtlsSurviveARestart() throws Exception {
        ManualClock clock = new ManualClock();
        try (PersistentServerFixture first = PersistentServerFixture.in(dir, clock, "save", "3600 1").start();
             WireClient c = connect(first)) {
            c.command("SET", "name", "Alice").expect("+OK\r\n");
            c.command("SET", "bin", "\r\n\0\u00ff").expect("+OK\r\n");
            c.command("SET", "session", "s1", "EX", "100").expect("+OK\r\n");
            c.command("SET", "soon", "gone", "PX", "500").expect("+OK\r\n");
        } // close(): saves, as SHUTDOWN would
        clock.advance(Duration.ofSeconds(10)); // the server is down for 10 s
        try (PersistentServerFixture second = PersistentServerFixture.in(dir, clock).start();
             WireClient c = connect(second)) {
            c.command("GET", "name").expect(bulk("Alice"));
            c.command("GET", "bin").expect(bulk("\r\n\0\u00ff"));
            c.command("TTL", "session").expect(":90\r\n");
            c.command("GET", "soon").expect("$-1\r\n");
            c.command("DBSIZE").expect(":3\r\n");
            assertThat(second.log).contains("Done loading snapshot dump.json, keys loaded: 3, keys expired: 1.");
        }
    }

    @Test
    @Points(4)
    void aDamagedSnapshotStopsTheStartAndIsLeftAsItIs() throws Exception {
        byte[] bad = "{\"format\":\"redis-from-scratch snapshot\",\"version\":1,\"keys\":[{\"key\":\"a\",\"ty"
                .getBytes(StandardCharsets.UTF_8);
        Files.write(dir.resolve("dump.json"), bad);
        PersistentServerFixture f = PersistentServerFixture.in(dir, "save", "3600 1");
        assertThatThrownBy(f::start).isInstanceOf(SnapshotFormatException.class)
                .hasMessageStartingWith("Bad snapshot file " + dir.resolve("dump.json") + " at line 1, column ");
        f.close(); // never started: must not save over the damaged file
        assertThat(Files.readAllBytes(dir.resolve("dump.json"))).isEqualTo(bad);
    }

    @Test
    @Points(2)
    void theMainPrintsOneLineAndExitsWithStatus1() throws Exception {
        Files.writeString(dir.resolve("dump.json"), "{\"format\":\"redis-from-scratch snapshot\",\"version\":1,\"keys\":[");
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream original = System.err;
        int status;
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            status = new CommandLine(new PersistentServerMain()).execute("--port", "0", "--dir", dir.toString());
        } finally {
            System.setErr(original);
        }
        assertThat(status).isEqualTo(1);
        assertThat(Arrays.asList(err.toString(StandardCharsets.UTF_8).split("\n")))
                .singleElement().asString().startsWith("Bad snapshot file ").contains("dump.json at line 1");
    }

    @Test
    @Points(2)
    void withoutAppendonlyTheSnapshotIsLoadedAndWithItTheSnapshotIsIgnored() throws Exception {
        try (PersistentServerFixture first = PersistentServerFixture.in(dir).start(); WireClient c = connect(first)) {
            c.command("SET", "k", "from-snapshot").expect("+OK\r\n");
            c.command("SAVE").expect("+OK\r\n");
        }
        try (PersistentServerFixture f = PersistentServerFixture.in(dir).start(); WireClient c = connect(f)) {
            c.command("GET", "k").expect(bulk("from-snapshot"));
        }
        // as Redis: with appendonly yes only the append-only file counts (here there is none yet)
        try (PersistentServerFixture f = PersistentServerFixture.in(dir, "appendonly", "yes").start(); WireClient c = connect(f)) {
            c.command("GET", "k").expect("$-1\r\n");
        }
    }
}
