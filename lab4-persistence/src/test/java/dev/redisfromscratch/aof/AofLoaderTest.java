package dev.redisfromscratch.aof;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.redisfromscratch.command.CommandPipeline;
import dev.redisfromscratch.config.ServerConfig;
import dev.redisfromscratch.server.DataStoreServer;
import dev.redisfromscratch.server.PersistentServer;
import dev.redisfromscratch.store.DataStore;
import dev.redisfromscratch.testkit.ExternalTool;
import dev.redisfromscratch.testkit.ManualClock;
import dev.redisfromscratch.testkit.grading.Points;
import dev.redisfromscratch.testkit.grading.Stage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Replaying the append-only file: whole commands, a torn tail cut off, damage refused with its offset. */
@Stage(lab = 4, value = 4)
class AofLoaderTest {
    private static final String SELECT = "*2\r\n$6\r\nSELECT\r\n$1\r\n0\r\n";
    private static final String SET_A = "*3\r\n$3\r\nSET\r\n$1\r\na\r\n$1\r\n1\r\n";
    private static final String SET_B = "*3\r\n$3\r\nSET\r\n$1\r\nb\r\n$1\r\n2\r\n";
    private static final String DEL_A = "*2\r\n$3\r\nDEL\r\n$1\r\na\r\n";

    @TempDir
    Path dir;
    private final ManualClock clock = new ManualClock(1_767_225_600_000L);
    private final DataStore store = new DataStore(clock);
    private final CommandPipeline pipeline = DataStoreServer.pipeline(PersistentServer.keyspaceCommands(store, ServerConfig.ephemeral()), store);
    private final List<String> log = new ArrayList<>();

    private Path write(String content) throws IOException {
        return Files.write(dir.resolve("appendonly.aof"), content.getBytes(StandardCharsets.ISO_8859_1));
    }

    private AofLoader.Result load(Path file) throws IOException {
        return AofLoader.load(file, pipeline, AofLoader.loadingClient("aof"), log::add);
    }

    private byte[] get(String key) {
        return store.get(key.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    @Points(4)
    void everyCommandIsRunAgainInOrder() throws IOException {
        Path f = write(SELECT + SET_A + SET_B + DEL_A
                + "*3\r\n$9\r\nPEXPIREAT\r\n$1\r\nb\r\n$13\r\n" + (clock.millis() + 5000) + "\r\n");
        AofLoader.Result r = load(f);
        assertThat(get("a")).isNull();
        assertThat(get("b")).asString().isEqualTo("2");
        assertThat(store.expireTime("b".getBytes(StandardCharsets.UTF_8))).isEqualTo(clock.millis() + 5000);
        assertThat(r.truncated()).isFalse();
        assertThat(r.validBytes()).isEqualTo(Files.size(f));
        assertThat(log).isEmpty();
    }

    @Test
    @Points(4)
    void aTornLastCommandIsCutOffWithRedisLogLines() throws IOException {
        String whole = SELECT + SET_A;
        Path f = write(whole + SET_B.substring(0, 17));
        AofLoader.Result r = load(f);
        assertThat(get("a")).asString().isEqualTo("1");
        assertThat(get("b")).isNull();
        assertThat(r.truncated()).isTrue();
        assertThat(log).containsExactly(
                "!!! Warning: short read while loading the AOF file appendonly.aof!!!",
                "!!! Truncating the AOF appendonly.aof at offset " + whole.length() + " !!!",
                "AOF appendonly.aof loaded anyway because aof-load-truncated is enabled");
        assertThat(Files.size(f)).isEqualTo(whole.length());
    }

    @Test
    @Points(3)
    void cutAtAnyByteTheWholeCommandsBeforeTheCutAreLoadedAndNothingElse() throws IOException {
        String[] commands = {SELECT, SET_A, SET_B, DEL_A};
        String all = String.join("", commands);
        for (int cut = 0; cut <= all.length(); cut++) {
            DataStore fresh = new DataStore(clock);
            CommandPipeline p = DataStoreServer.pipeline(PersistentServer.keyspaceCommands(fresh, ServerConfig.ephemeral()), fresh);
            Path f = write(all.substring(0, cut));
            AofLoader.Result r = AofLoader.load(f, p, AofLoader.loadingClient("aof"), line -> { });
            int whole = 0;
            int end = 0;
            for (String c : commands) {
                if (end + c.length() > cut) {
                    break;
                }
                end += c.length();
                whole++;
            }
            assertThat(r.validBytes()).as("cut at %d", cut).isEqualTo(end);
            assertThat(Files.size(f)).as("cut at %d", cut).isEqualTo(end);
            assertThat(fresh.exists("a".getBytes(StandardCharsets.UTF_8))).as("cut at %d", cut).isEqualTo(whole == 2 || whole == 3);
            assertThat(fresh.exists("b".getBytes(StandardCharsets.UTF_8))).as("cut at %d", cut).isEqualTo(whole >= 3);
        }
    }

    @Test
    @Points(4)
    void damageBeforeTheLastCommandIsRefusedAtTheOffsetRedisCheckAofReports() throws IOException {
        String good = SELECT + SET_A;
        Path f = write(good + "X" + SET_B.substring(1) + DEL_A); // the '*' of SET b flipped
        assertThatThrownBy(() -> load(f))
                .isInstanceOf(AofFormatException.class)
                .hasMessageContaining("Bad file format reading the append only file")
                .hasMessageContaining("at offset " + good.length())
                .satisfies(e -> assertThat(((AofFormatException) e).offset()).isEqualTo(good.length()));
        assertThat(log.get(0)).isEqualTo("Bad file format reading the append only file appendonly.aof: make a backup of "
                + "your AOF file, then use ./redis-check-aof --fix <filename.manifest>");
        assertThat(Files.size(f)).as("a refused file is left as it is").isEqualTo(good.length() + SET_B.length() + DEL_A.length());

        ExternalTool.find("redis-check-aof").ifPresent(tool -> {
            Matcher m = Pattern.compile("ok_up_to=(\\d+)").matcher(tool.run(f.toString()).out());
            assertThat(m.find()).isTrue();
            assertThat(Long.parseLong(m.group(1))).isEqualTo(good.length());
        });
    }

    @Test
    @Points(2)
    void aTransactionCutBeforeItsExecIsRevertedWhole() throws IOException {
        String before = SELECT + SET_A;
        Path f = write(before + "*1\r\n$5\r\nMULTI\r\n" + SET_B + DEL_A);
        AofLoader.Result r = load(f);
        assertThat(get("a")).asString().isEqualTo("1");
        assertThat(get("b")).isNull();
        assertThat(r.validBytes()).isEqualTo(before.length());
        assertThat(Files.size(f)).isEqualTo(before.length());
    }

    @Test
    void aWholeTransactionIsApplied() throws IOException {
        load(write(SELECT + "*1\r\n$5\r\nMULTI\r\n" + SET_A + SET_B + "*1\r\n$4\r\nEXEC\r\n"));
        assertThat(get("a")).isNotNull();
        assertThat(get("b")).isNotNull();
    }

    @Test
    void anUnknownCommandIsRefused() throws IOException {
        Path f = write(SELECT + "*2\r\n$4\r\nNOPE\r\n$1\r\nx\r\n");
        assertThatThrownBy(() -> load(f)).isInstanceOf(AofFormatException.class)
                .hasMessageContaining("Unknown command 'NOPE' reading the append only file appendonly.aof");
    }

    @Test
    void anEmptyFileLoadsNothing() throws IOException {
        AofLoader.Result r = load(write(""));
        assertThat(r).isEqualTo(new AofLoader.Result(0, 0, 0, false));
        assertThat(Arrays.asList(store.size())).containsExactly(0);
    }
}
