package dev.redisfromscratch.snapshot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.redisfromscratch.store.DataStore;
import dev.redisfromscratch.testkit.ManualClock;
import dev.redisfromscratch.testkit.grading.Points;
import dev.redisfromscratch.testkit.grading.Stage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The atomic save of {@link SnapshotFile#save}: the old file or the new one, never a mix. */
@Stage(lab = 4, value = 1)
class SnapshotFileTest {
    @TempDir
    Path dir;
    private final ManualClock clock = new ManualClock();
    private final DataStore store = new DataStore(clock);
    private final long pid = ProcessHandle.current().pid();

    private SnapshotFile file() {
        return new SnapshotFile(dir, "dump.json", pid, ValueCodecs.strings());
    }

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private Stream<String> namesInDir() throws IOException {
        return Files.list(dir).map(p -> p.getFileName().toString());
    }

    @Test
    @Points(2)
    void aSaveLeavesTheSnapshotAndNoTempFile() throws IOException {
        store.set(b("a"), b("1"));
        assertThat(file().save(store::forEach, clock.millis())).isEqualTo(1);
        assertThat(namesInDir()).containsExactly("dump.json");
        assertThat(Files.readString(dir.resolve("dump.json"))).contains("\"key\":\"a\"");
    }

    @Test
    @Points(2)
    void theTempFileIsNamedAfterThePidBesideTheSnapshot() {
        assertThat(file().tempPath()).isEqualTo(dir.resolve("temp-" + pid + ".json"));
    }

    @Test
    @Points(4)
    void aSaveThatFailsHalfwayLeavesTheOldSnapshotUntouchedAndNoTempFile() throws IOException {
        store.set(b("old"), b("1"));
        file().save(store::forEach, clock.millis());
        byte[] before = Files.readAllBytes(dir.resolve("dump.json"));
        EntrySource failing = visitor -> {
            visitor.visit(new dev.redisfromscratch.store.Key(b("new")), b("2"), -1);
            throw new IllegalStateException("the disk is full, say");
        };
        assertThatThrownBy(() -> file().save(failing, clock.millis())).hasMessageContaining("disk is full");
        assertThat(Files.readAllBytes(dir.resolve("dump.json"))).isEqualTo(before);
        assertThat(namesInDir()).containsExactly("dump.json");
    }

    @Test
    @Points(2)
    void aMissingDirectoryFailsWithNoSuchFile() {
        SnapshotFile gone = new SnapshotFile(dir.resolve("missing"), "dump.json", pid, ValueCodecs.strings());
        assertThatThrownBy(() -> gone.save(store::forEach, clock.millis())).isInstanceOf(NoSuchFileException.class);
    }

    @Test
    void aSaveReplacesTheSnapshotWhole() throws IOException {
        for (int i = 0; i < 500; i++) {
            store.set(b("key:" + i), b("value"));
        }
        file().save(store::forEach, clock.millis());
        store.clear();
        store.set(b("only"), b("1"));
        file().save(store::forEach, clock.millis());
        assertThat(Files.readString(dir.resolve("dump.json"))).doesNotContain("key:").endsWith("\"count\":1}");
    }
}
