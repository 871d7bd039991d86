package dev.redisfromscratch.aof;

import static org.assertj.core.api.Assertions.assertThat;

import dev.redisfromscratch.testkit.grading.Points;
import dev.redisfromscratch.testkit.grading.Stage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What {@link AppendOnlyFile#feed} appends and when {@link AppendOnlyFile#flush} writes and fsyncs. */
@Stage(lab = 4, value = 3)
class AppendOnlyFileTest {
    @TempDir
    Path dir;
    private final List<String> log = new CopyOnWriteArrayList<>();
    private final List<AppendOnlyFile> opened = new ArrayList<>();

    private AppendOnlyFile open(FsyncPolicy policy) throws IOException {
        AppendOnlyFile aof = new AppendOnlyFile(dir, "appendonly.aof", policy, 1, log::add);
        opened.add(aof);
        return aof;
    }

    @AfterEach
    void close() throws IOException {
        for (AppendOnlyFile aof : opened) {
            aof.close();
        }
    }

    private static List<byte[]> cmd(String... args) {
        List<byte[]> argv = new ArrayList<>();
        for (String a : args) {
            argv.add(a.getBytes(StandardCharsets.UTF_8));
        }
        return argv;
    }

    private String file() throws IOException {
        return Files.readString(dir.resolve("appendonly.aof"), StandardCharsets.ISO_8859_1);
    }

    @Test
    @Points(4)
    void theFileStartsWithSelect0ThenEachCommandAsAMultibulk() throws IOException {
        AppendOnlyFile aof = open(FsyncPolicy.ALWAYS);
        aof.propagate(0, cmd("SET", "k", "v"));
        aof.propagate(0, cmd("DEL", "k"));
        aof.flush();
        assertThat(file()).isEqualTo("*2\r\n$6\r\nSELECT\r\n$1\r\n0\r\n"
                + "*3\r\n$3\r\nSET\r\n$1\r\nk\r\n$1\r\nv\r\n"
                + "*2\r\n$3\r\nDEL\r\n$1\r\nk\r\n");
    }

    @Test
    @Points(2)
    void nothingReachesTheFileBeforeAFlush() throws IOException {
        AppendOnlyFile aof = open(FsyncPolicy.ALWAYS);
        aof.propagate(0, cmd("SET", "k", "v"));
        assertThat(file()).isEmpty();
        aof.flush();
        assertThat(file()).endsWith("$1\r\nv\r\n");
    }

    @Test
    @Points(2)
    void anotherDatabaseIsSelectedBeforeItsCommandsOnlyWhenItChanges() throws IOException {
        AppendOnlyFile aof = open(FsyncPolicy.NO);
        aof.propagate(0, cmd("SET", "a", "1"));
        aof.propagate(3, cmd("SET", "b", "2"));
        aof.propagate(3, cmd("SET", "c", "3"));
        aof.flush();
        assertThat(file().split("SELECT", -1)).hasSize(3);
        assertThat(file()).contains("$6\r\nSELECT\r\n$1\r\n3\r\n*3\r\n$3\r\nSET\r\n$1\r\nb\r\n");
    }

    @Test
    @Points(3)
    void alwaysFsyncsOncePerFlushWhateverTheBatch() throws IOException {
        AppendOnlyFile aof = open(FsyncPolicy.ALWAYS);
        for (int i = 0; i < 16; i++) {
            aof.propagate(0, cmd("SET", "key:" + i, "v"));
        }
        aof.flush(); // a pipelined batch of 16: one write, one fsync (group commit)
        assertThat(aof.fsyncs()).isEqualTo(1);
        aof.propagate(0, cmd("SET", "one", "more"));
        aof.flush();
        assertThat(aof.fsyncs()).isEqualTo(2);
        aof.flush(); // nothing pending: no write, no fsync
        assertThat(aof.fsyncs()).isEqualTo(2);
    }

    @Test
    @Points(2)
    void everysecAndNoWriteAtOnceButDoNotFsyncOnTheServerThread() throws IOException {
        for (FsyncPolicy policy : List.of(FsyncPolicy.EVERYSEC, FsyncPolicy.NO)) {
            AppendOnlyFile aof = new AppendOnlyFile(dir, policy + ".aof", policy, 1, log::add);
            opened.add(aof);
            aof.propagate(0, cmd("SET", "k", "v"));
            aof.flush();
            assertThat(aof.fsyncs()).as(policy.toString()).isZero();
            assertThat(Files.size(dir.resolve(policy + ".aof"))).as(policy.toString()).isPositive();
        }
    }

    @Test
    void binaryArgumentsAreWrittenAsTheyAre() throws IOException {
        AppendOnlyFile aof = open(FsyncPolicy.ALWAYS);
        aof.propagate(0, List.of("SET".getBytes(StandardCharsets.US_ASCII), new byte[] {'\r', '\n', 0}, new byte[0]));
        aof.flush();
        assertThat(file()).endsWith("*3\r\n$3\r\nSET\r\n$3\r\n\r\n\0\r\n$0\r\n\r\n");
    }
}
