package dev.redisfromscratch.snapshot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.redisfromscratch.store.DataStore;
import dev.redisfromscratch.store.Databases;
import dev.redisfromscratch.testkit.ManualClock;
import dev.redisfromscratch.testkit.grading.Points;
import dev.redisfromscratch.testkit.grading.Stage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/** The snapshot's JSON, as {@link SnapshotWriter} and {@link SnapshotFormat#writeBytes} write it. */
@Stage(lab = 4, value = 1)
class SnapshotWriterTest {
    private final ManualClock clock = new ManualClock(1_767_225_600_000L);
    private final DataStore store = new DataStore(clock);

    private String written() throws IOException {
        return written(store::forEach);
    }

    private String written(EntrySource source) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new SnapshotWriter(ValueCodecs.strings()).write(out, source, clock.millis());
        return out.toString(StandardCharsets.UTF_8);
    }

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    @Points(3)
    void oneKeyIsTheFormatVersionTheKeyAndTheCount() throws IOException {
        store.set(b("user:1"), b("alice"));
        assertThat(written()).isEqualTo("{\"format\":\"redis-from-scratch snapshot\",\"version\":1,"
                + "\"keys\":[{\"key\":\"user:1\",\"type\":\"string\",\"value\":\"alice\"}],\"count\":1}");
    }

    @Test
    void anEmptyKeyspaceIsAnEmptyArray() throws IOException {
        assertThat(written()).isEqualTo("{\"format\":\"redis-from-scratch snapshot\",\"version\":1,\"keys\":[],\"count\":0}");
    }

    @Test
    @Points(2)
    void aKeyWithATtlCarriesItsAbsoluteExpireTimeInMilliseconds() throws IOException {
        store.setExpireAt(b("session"), b("x"), clock.millis() + 60_000);
        assertThat(written()).contains("{\"key\":\"session\",\"type\":\"string\",\"value\":\"x\",\"expireAt\":"
                + (clock.millis() + 60_000) + "}");
    }

    @Test
    @Points(2)
    void keysAlreadyExpiredAreNotWrittenNorCounted() throws IOException {
        store.set(b("kept"), b("1"));
        store.setExpireAt(b("gone"), b("2"), clock.millis() + 1000);
        clock.advance(Duration.ofSeconds(2)); // expired, but not reclaimed: still in the dict
        assertThat(store.size()).isEqualTo(2);
        assertThat(written()).doesNotContain("gone").endsWith("],\"count\":1}");
    }

    @Test
    @Points(2)
    void utf8TextStaysReadableInTheFile() throws IOException {
        store.set(b("café:☕"), b("naïve \"quoted\" line\nbreak"));
        assertThat(written()).contains("\"key\":\"café:☕\"").contains("\"value\":\"naïve \\\"quoted\\\" line\\nbreak\"");
    }

    @Test
    @Points(3)
    void bytesThatAreNotUtf8AreBase64AndMarked() throws IOException {
        byte[] key = {'k', (byte) 0xff};
        byte[] value = {0, 1, 2, (byte) 0xc3}; // a cut-off two-byte sequence
        store.set(key, value);
        assertThat(written()).contains("{\"key\":{\"base64\":\"" + Base64.getEncoder().encodeToString(key) + "\"},"
                + "\"type\":\"string\",\"value\":{\"base64\":\"" + Base64.getEncoder().encodeToString(value) + "\"}}");
    }

    @Test
    void overlongAndSurrogateEncodingsAreNotText() {
        assertThat(SnapshotFormat.isUtf8(new byte[] {(byte) 0xc0, (byte) 0x80})).isFalse();             // overlong NUL
        assertThat(SnapshotFormat.isUtf8(new byte[] {(byte) 0xed, (byte) 0xa0, (byte) 0x80})).isFalse(); // a surrogate
        assertThat(SnapshotFormat.isUtf8(b("plain ascii \0 with nul"))).isTrue();
    }

    @Test
    @Points(2)
    void aMarkerGoesBeforeTheFirstKeyOfEachDatabaseButTheFirstAndEmptyDatabasesWriteNothing() throws IOException {
        Databases dbs = new Databases(16, clock);
        dbs.db(0).set(b("a"), b("zero"));
        dbs.db(3).set(b("b"), b("three"));
        dbs.db(7).setExpireAt(b("gone"), b("x"), clock.millis() + 1000); // expired at save time: no key, no marker
        dbs.db(15).setExpireAt(b("c"), b("fifteen"), clock.millis() + 60_000);
        clock.advance(Duration.ofSeconds(2));
        String expected = "{\"format\":\"redis-from-scratch snapshot\",\"version\":1,\"keys\":["
                + "{\"key\":\"a\",\"type\":\"string\",\"value\":\"zero\"},"
                + "{\"select\":3},{\"key\":\"b\",\"type\":\"string\",\"value\":\"three\"},"
                + "{\"select\":15},{\"key\":\"c\",\"type\":\"string\",\"value\":\"fifteen\",\"expireAt\":"
                + (clock.millis() - 2000 + 60_000) + "}],\"count\":3}";
        assertThat(written(EntrySource.of(dbs))).isEqualTo(expected);
        assertThat(written(KeyspaceCapture.of(dbs, ValueCodecs.strings(), clock.millis()))).isEqualTo(expected);
    }

    @Test
    @Points(2)
    void oneDatabaseWritesNoMarkerSoItsFileIsTheSameByteForByte() throws IOException {
        store.set(b("user:1"), b("alice"));
        store.setExpireAt(b("session:9"), new byte[] {0, 1, 2, (byte) 0xff}, clock.millis() + 5000);
        String before = written(); // the one-database path, as it was: store::forEach
        assertThat(before).doesNotContain("select");
        assertThat(written(EntrySource.of(Databases.single(store)))).isEqualTo(before);
        assertThat(written(KeyspaceCapture.of(store, ValueCodecs.strings(), clock.millis()))).isEqualTo(before);

        Databases sixteen = new Databases(16, clock); // keys in database 0 only: no marker either
        sixteen.db(0).set(b("user:1"), b("alice"));
        assertThat(written(EntrySource.of(sixteen))).isEqualTo("{\"format\":\"redis-from-scratch snapshot\","
                + "\"version\":1,\"keys\":[{\"key\":\"user:1\",\"type\":\"string\",\"value\":\"alice\"}],\"count\":1}");
        assertThat(written(EntrySource.of(new Databases(16, clock)))).isEqualTo(
                "{\"format\":\"redis-from-scratch snapshot\",\"version\":1,\"keys\":[],\"count\":0}");
    }
}
