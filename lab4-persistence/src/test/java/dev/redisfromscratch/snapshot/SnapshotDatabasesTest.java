package dev.redisfromscratch.snapshot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.redisfromscratch.store.DataStore;
import dev.redisfromscratch.store.Databases;
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
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A snapshot of numbered databases: each key comes back in its own database, with its TTL; a file
 * written before database markers existed loads unchanged; a marker naming a database the server
 * does not have, or out of order, is refused with where it is.
 */
@Stage(lab = 4, value = 2)
class SnapshotDatabasesTest {
    private static final long NOW = 1_767_225_600_000L;
    private static final String HEADER = "{\"format\":\"redis-from-scratch snapshot\",\"version\":1,\n\"keys\":[";

    @TempDir
    Path dir;
    private final ManualClock clock = new ManualClock(NOW);

    private SnapshotFile file() {
        return new SnapshotFile(dir, "dump.json", 1, ValueCodecs.strings());
    }

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** Database number → (key → value@expireAt), for every non-empty database. */
    private static Map<Integer, Map<String, String>> contents(Databases dbs) {
        Map<Integer, Map<String, String>> all = new TreeMap<>();
        for (int db = 0; db < dbs.count(); db++) {
            Map<String, String> keys = new TreeMap<>();
            dbs.db(db).forEach((key, value, when) -> keys.put(new String(key.bytes(), StandardCharsets.UTF_8),
                    Arrays.toString((byte[]) value) + "@" + when));
            if (!keys.isEmpty()) {
                all.put(db, keys);
            }
        }
        return all;
    }

    private Databases sixteenWithKeys() {
        Databases dbs = new Databases(16, clock);
        for (int i = 0; i < 20; i++) {
            dbs.db(0).set(b("zero:" + i), b("v" + i));
        }
        dbs.db(1).setExpireAt(b("one"), b("1"), NOW + 10_000);
        dbs.db(9).set(b("nine"), new byte[] {0, (byte) 0xff});
        dbs.db(9).set(b("zero:1"), b("the same name as a key of database 0"));
        dbs.db(15).setExpireAt(b("last"), b("15"), NOW + 3_600_000);
        return dbs;
    }

    private void write(String keysAndCount) throws IOException {
        Files.writeString(dir.resolve("dump.json"), HEADER + keysAndCount);
    }

    @Test
    @Points(4)
    void everyKeyComesBackInItsOwnDatabaseWithItsTtl() throws IOException {
        Databases before = sixteenWithKeys();
        assertThat(file().save(EntrySource.of(before), NOW)).isEqualTo(24);

        Databases after = new Databases(16, clock);
        SnapshotReader.Counts counts = file().load(after, NOW);

        assertThat(counts).isEqualTo(new SnapshotReader.Counts(24, 0));
        assertThat(contents(after)).isEqualTo(contents(before)).containsOnlyKeys(0, 1, 9, 15);
        assertThat(after.db(1).expireTime(b("one"))).isEqualTo(NOW + 10_000);
        assertThat(after.db(9).get(b("zero:1"))).asString().isEqualTo("the same name as a key of database 0");
    }

    @Test
    @Points(2)
    void aBackgroundSavesCaptureOfEveryDatabaseLoadsTheSame() throws IOException {
        Databases before = sixteenWithKeys();
        KeyspaceCapture capture = KeyspaceCapture.of(before, ValueCodecs.strings(), NOW);
        Map<Integer, Map<String, String>> atCapture = contents(before);
        before.db(9).set(b("after"), b("the capture")); // not in the capture
        before.db(0).clear();
        file().save(capture, NOW);

        Databases after = new Databases(16, clock);
        file().load(after, NOW);
        assertThat(contents(after)).isEqualTo(atCapture);
    }

    @Test
    void keysOfAnyDatabaseThatExpiredWhileTheServerWasDownAreDroppedAndCounted() throws IOException {
        file().save(EntrySource.of(sixteenWithKeys()), NOW);
        clock.advance(Duration.ofMinutes(1));
        Databases after = new Databases(16, clock);
        assertThat(file().load(after, clock.millis())).isEqualTo(new SnapshotReader.Counts(23, 1));
        assertThat(after.db(1).size()).isZero();
        assertThat(after.db(15).size()).isEqualTo(1);
    }

    @Test
    @Points(2)
    void aFileWithoutMarkersLoadsIntoDatabase0AsBefore() throws IOException {
        write("\n{\"key\":\"user:1\",\"type\":\"string\",\"value\":\"alice\"},\n"
                + "{\"key\":\"session:9\",\"type\":\"string\",\"value\":{\"base64\":\"AAEC/w==\"},\"expireAt\":" + (NOW + 1000) + "}\n"
                + "],\n\"count\":2}");
        DataStore one = new DataStore(clock);
        assertThat(file().load(one, NOW)).isEqualTo(new SnapshotReader.Counts(2, 0));
        assertThat(one.get(b("user:1"))).asString().isEqualTo("alice");

        Databases sixteen = new Databases(16, clock);
        assertThat(file().load(sixteen, NOW)).isEqualTo(new SnapshotReader.Counts(2, 0));
        assertThat(sixteen.db(0).get(b("session:9"))).isEqualTo(new byte[] {0, 1, 2, (byte) 0xff});
        assertThat(sixteen.db(0).expireTime(b("session:9"))).isEqualTo(NOW + 1000);
        assertThat(sixteen.keyCount()).isEqualTo(2);
    }

    @Test
    @Points(2)
    void aMarkerOfADatabaseTheServerDoesNotHaveIsRefusedWithWhereItIs() throws IOException {
        write("{\"key\":\"a\",\"type\":\"string\",\"value\":\"1\"},\n{\"select\":3},{\"key\":\"b\",\"type\":\"string\",\"value\":\"2\"}],"
                + "\"count\":2}");
        Throwable thrown = catchThrowable(() -> file().load(new DataStore(clock), NOW));
        assertThat(thrown).isInstanceOf(SnapshotFormatException.class);
        SnapshotFormatException e = (SnapshotFormatException) thrown;
        assertThat(e.line()).isEqualTo(3);
        assertThat(e.getMessage()).doesNotContain("\n")
                .startsWith("Bad snapshot file " + dir.resolve("dump.json") + " at line 3, column ")
                .contains("(byte " + e.byteOffset() + ")")
                .contains("database 3 is out of range (this server has 1 database)");

        assertThat(file().load(new Databases(4, clock), NOW)).isEqualTo(new SnapshotReader.Counts(2, 0));
    }

    @ParameterizedTest
    @ValueSource(strings = {"16", "-1", "2147483648", "99999999999999999999"})
    void aDatabaseNumberOutOfRangeIsRefused(String n) throws IOException {
        write("{\"select\":" + n + "},{\"key\":\"b\",\"type\":\"string\",\"value\":\"2\"}],\"count\":1}");
        assertThatThrownBy(() -> file().load(new Databases(16, clock), NOW))
                .isInstanceOf(SnapshotFormatException.class)
                .hasMessageContaining("database " + n + " is out of range (this server has 16 databases)");
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"3\"", "3.0", "null", "[3]", "{\"n\":3}"})
    void aDatabaseNumberThatIsNotAnIntegerIsRefused(String n) throws IOException {
        write("{\"select\":" + n + "}],\"count\":0}");
        assertThatThrownBy(() -> file().load(new Databases(16, clock), NOW))
                .isInstanceOf(SnapshotFormatException.class)
                .hasMessageContaining("expected a database number for \"select\"");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "{\"select\":0}",                    // database 0 needs no marker, and the writer never writes one
        "{\"select\":5},{\"select\":5}",     // a database twice
        "{\"select\":5},{\"select\":2}"})    // backwards
    void aMarkerThatDoesNotMoveForwardIsRefused(String markers) throws IOException {
        write(markers + "],\"count\":0}");
        assertThatThrownBy(() -> file().load(new Databases(16, clock), NOW))
                .isInstanceOf(SnapshotFormatException.class)
                .hasMessageContaining("does not come after database");
    }

    @Test
    void aMarkerWithMoreThanItsNumberIsRefusedAndAKeyStillNeedsItsKeyFirst() throws IOException {
        write("{\"select\":3,\"key\":\"a\",\"type\":\"string\",\"value\":\"1\"}],\"count\":1}");
        assertThatThrownBy(() -> file().load(new Databases(16, clock), NOW))
                .isInstanceOf(SnapshotFormatException.class).hasMessageContaining("} after the database number");
        write("{\"type\":\"string\",\"key\":\"a\",\"value\":\"1\"}],\"count\":1}");
        assertThatThrownBy(() -> file().load(new Databases(16, clock), NOW))
                .isInstanceOf(SnapshotFormatException.class).hasMessageContaining("expected field \"key\"");
    }

    @Test
    void countCountsKeysNotMarkersAndAMarkerWithNoKeysIsAccepted() throws IOException {
        write("{\"select\":2},{\"select\":7},{\"key\":\"k\",\"type\":\"string\",\"value\":\"v\"}],\"count\":1}");
        Databases dbs = new Databases(16, clock);
        assertThat(file().load(dbs, NOW)).isEqualTo(new SnapshotReader.Counts(1, 0));
        assertThat(dbs.db(7).get(b("k"))).asString().isEqualTo("v");
        assertThat(dbs.keyCount()).isEqualTo(1);
    }

    @Test
    @Points(2)
    void aSnapshotOfSeveralDatabasesCutAnywhereIsRefused() throws IOException {
        Databases before = new Databases(16, clock);
        before.db(0).set(b("a"), b("1"));
        before.db(4).set(b("b"), b("2"));
        before.db(12).set(b("c"), b("3"));
        file().save(EntrySource.of(before), NOW);
        byte[] whole = Files.readAllBytes(dir.resolve("dump.json"));
        List<Integer> loaded = new ArrayList<>();
        for (int cut = 0; cut < whole.length; cut++) {
            Files.write(dir.resolve("dump.json"), Arrays.copyOf(whole, cut));
            int at = cut;
            assertThatThrownBy(() -> file().load(new Databases(16, clock), NOW))
                    .as("cut after %d of %d bytes", at, whole.length)
                    .isInstanceOf(SnapshotFormatException.class);
        }
        Files.write(dir.resolve("dump.json"), whole);
        Databases after = new Databases(16, clock);
        file().load(after, NOW);
        for (int db = 0; db < 16; db++) {
            loaded.add(after.db(db).size());
        }
        assertThat(loaded).containsExactly(1, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0);
    }
}
