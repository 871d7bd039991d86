package dev.redisfromscratch.snapshot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.redisfromscratch.store.DataStore;
import dev.redisfromscratch.testkit.ManualClock;
import dev.redisfromscratch.testkit.TempDirs;
import dev.redisfromscratch.testkit.grading.Points;
import dev.redisfromscratch.testkit.grading.Stage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterProperty;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Save, then load: any bytes come back, TTLs come back as absolute times, keys that expired while
 * the server was down are dropped and counted, and a damaged file is refused with where it broke.
 */
@Stage(lab = 4, value = 2)
class SnapshotRoundTripTest {
    private static final long NOW = 1_767_225_600_000L;

    @TempDir
    Path dir;

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static SnapshotFile file(Path dir) {
        return new SnapshotFile(dir, "dump.json", 1, ValueCodecs.strings());
    }

    @Provide
    Arbitrary<byte[]> anyBytes() {
        return Arbitraries.oneOf(
                Arbitraries.bytes().array(byte[].class).ofMaxSize(40),                       // anything, mostly not UTF-8
                Arbitraries.strings().ofMaxLength(20).map(s -> s.getBytes(StandardCharsets.UTF_8))); // text, any script

    }

    private Path propertyDir;

    @AfterProperty
    void cleanUp() throws IOException {
        TempDirs.delete(propertyDir);
        propertyDir = null;
    }

    @Property(tries = 200)
    @Points(4)
    void anyKeysAndValuesRoundTrip(@ForAll("anyBytes") byte[] k1, @ForAll("anyBytes") byte[] v1,
                                   @ForAll("anyBytes") byte[] k2, @ForAll("anyBytes") byte[] v2) throws IOException {
        propertyDir = TempDirs.create("snapshot-property");
        ManualClock clock = new ManualClock(NOW);
        DataStore before = new DataStore(clock);
        before.set(k1, v1);
        before.setExpireAt(k2, v2, NOW + 5000); // k2 may equal k1: then it replaces it, TTL and all
        file(propertyDir).save(before::forEach, NOW);

        DataStore after = new DataStore(clock);
        SnapshotReader.Counts counts = file(propertyDir).load(after, NOW);

        assertThat(counts.loaded()).isEqualTo(before.size());
        assertThat(counts.expired()).isZero();
        Map<String, String> was = contents(before);
        assertThat(contents(after)).isEqualTo(was);
    }

    /** Each key (hex) → its value (hex) and expire time. */
    private static Map<String, String> contents(DataStore store) {
        Map<String, String> all = new LinkedHashMap<>();
        store.forEach((key, value, when) -> all.put(Arrays.toString(key.bytes()), Arrays.toString((byte[]) value) + "@" + when));
        return all;
    }

    @Test
    @Points(3)
    void keysThatExpiredWhileTheServerWasDownAreDroppedAndCounted() throws IOException {
        ManualClock clock = new ManualClock(NOW);
        DataStore before = new DataStore(clock);
        before.set(b("forever"), b("1"));
        before.setExpireAt(b("short"), b("2"), NOW + 1_000);
        before.setExpireAt(b("long"), b("3"), NOW + 3_600_000);
        file(dir).save(before::forEach, NOW);

        clock.advance(Duration.ofMinutes(1));
        DataStore after = new DataStore(clock);
        SnapshotReader.Counts counts = file(dir).load(after, clock.millis());

        assertThat(counts).isEqualTo(new SnapshotReader.Counts(2, 1));
        assertThat(after.get(b("short"))).isNull();
        assertThat(after.expireTime(b("long"))).isEqualTo(NOW + 3_600_000);
        assertThat(after.expireTime(b("forever"))).isEqualTo(-1);
    }

    @Test
    @Points(4)
    void aSnapshotCutAnywhereIsRefusedAndNeverHalfLoaded() throws IOException {
        DataStore before = new DataStore(new ManualClock(NOW));
        for (int i = 0; i < 3; i++) {
            before.set(b("key:" + i), b("value " + i));
        }
        file(dir).save(before::forEach, NOW);
        byte[] whole = Files.readAllBytes(dir.resolve("dump.json"));
        for (int cut = 0; cut < whole.length; cut++) {
            Files.write(dir.resolve("dump.json"), Arrays.copyOf(whole, cut));
            DataStore after = new DataStore(new ManualClock(NOW));
            int at = cut;
            assertThatThrownBy(() -> file(dir).load(after, NOW))
                    .as("cut after %d of %d bytes", at, whole.length)
                    .isInstanceOf(SnapshotFormatException.class)
                    .hasMessageContaining("dump.json");
        }
    }

    @Test
    @Points(3)
    void theRefusalIsOneLineNamingTheFileLineColumnAndByte() throws IOException {
        Files.writeString(dir.resolve("dump.json"),
                "{\"format\":\"redis-from-scratch snapshot\",\"version\":1,\n\"keys\":[{\"key\":\"a\",\"type\":\"string\",\"value\":");
        Throwable thrown = org.assertj.core.api.Assertions.catchThrowable(
                () -> file(dir).load(new DataStore(new ManualClock(NOW)), NOW));
        assertThat(thrown).isInstanceOf(SnapshotFormatException.class);
        SnapshotFormatException e = (SnapshotFormatException) thrown;
        assertThat(e.line()).isEqualTo(2);
        assertThat(e.byteOffset()).isPositive();
        assertThat(e.getMessage()).doesNotContain("\n")
                .startsWith("Bad snapshot file " + dir.resolve("dump.json") + " at line 2, column ")
                .contains("(byte " + e.byteOffset() + ")");
    }

    @Test
    @Points(2)
    void anotherFileOrALaterVersionIsRefusedBeforeAnyKeyIsRead() throws IOException {
        Files.writeString(dir.resolve("dump.json"), "{\"format\":\"something else\",\"version\":1,\"keys\":[],\"count\":0}");
        assertThatThrownBy(() -> file(dir).load(new DataStore(new ManualClock(NOW)), NOW))
                .isInstanceOf(SnapshotFormatException.class).hasMessageContaining("not a snapshot");
        Files.writeString(dir.resolve("dump.json"), "{\"format\":\"redis-from-scratch snapshot\",\"version\":2,\"keys\":[],\"count\":0}");
        assertThatThrownBy(() -> file(dir).load(new DataStore(new ManualClock(NOW)), NOW))
                .isInstanceOf(SnapshotFormatException.class).hasMessageContaining("version 2");
    }

    @Test
    void aWrongCountIsRefused() throws IOException {
        Files.writeString(dir.resolve("dump.json"), "{\"format\":\"redis-from-scratch snapshot\",\"version\":1,"
                + "\"keys\":[{\"key\":\"a\",\"type\":\"string\",\"value\":\"1\"}],\"count\":2}");
        assertThatThrownBy(() -> file(dir).load(new DataStore(new ManualClock(NOW)), NOW))
                .isInstanceOf(SnapshotFormatException.class).hasMessageContaining("\"count\" is 2 but 1 keys were read");
    }
}
