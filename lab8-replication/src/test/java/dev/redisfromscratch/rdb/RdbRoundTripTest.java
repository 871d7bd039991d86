package dev.redisfromscratch.rdb;

import static dev.redisfromscratch.rdb.KeyspaceView.bytes;
import static org.assertj.core.api.Assertions.assertThat;

import dev.redisfromscratch.encoding.EncodingLimits;
import dev.redisfromscratch.lists.ListValue;
import dev.redisfromscratch.sets.SetValue;
import dev.redisfromscratch.snapshot.EntrySource;
import dev.redisfromscratch.snapshot.KeyspaceCapture;
import dev.redisfromscratch.snapshot.ValueCodecs;
import dev.redisfromscratch.snapshot.CollectionCodecs;
import dev.redisfromscratch.store.Databases;
import dev.redisfromscratch.store.ExpiresIndex;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import org.junit.jupiter.api.Test;

/** What {@link RdbWriter} writes, {@link RdbReader} reads back as it was. */
class RdbRoundTripTest {
    private static final long FUTURE = 4_102_444_800_000L; // 2100-01-01, Unix ms

    static byte[] write(EntrySource source, ReplicationAux aux) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        long n = RdbWriter.write(source, out, aux);
        assertThat(n).isEqualTo(out.size());
        return out.toByteArray();
    }

    @Test
    void everyTypeTtlAndDatabaseComesBack() throws IOException {
        Databases dbs = KeyspaceView.sample(FUTURE);
        byte[] rdb = write(EntrySource.of(dbs), null);

        Databases loaded = KeyspaceView.emptyDatabases();
        RdbReader.Loaded result = RdbReader.read(new ByteArrayInputStream(rdb), loaded, EncodingLimits.defaults());

        assertThat(KeyspaceView.of(loaded)).isEqualTo(KeyspaceView.of(dbs));
        assertThat(result.keys()).isEqualTo(dbs.keyCount());
        assertThat(result.version()).isEqualTo(10);
        assertThat(result.auxText("redis-ver")).contains("7.0.15");
        assertThat(result.auxText("redis-bits")).contains("64");
        assertThat(result.auxText("aof-base")).contains("0");
        assertThat(result.replicationAux()).isEmpty();
    }

    @Test
    void theFileStartsWithTheMagicAndEndsWithEofAndTheChecksum() throws IOException {
        byte[] rdb = write(EntrySource.of(KeyspaceView.sample(FUTURE)), null);
        assertThat(new String(rdb, 0, 9, StandardCharsets.US_ASCII)).isEqualTo("REDIS0010");
        assertThat(rdb[rdb.length - 9] & 0xFF).isEqualTo(0xFF);
        long stored = 0;
        for (int i = 0; i < 8; i++) {
            stored |= (rdb[rdb.length - 8 + i] & 0xFFL) << (8 * i);
        }
        assertThat(stored).isEqualTo(Crc64.update(0, rdb, 0, rdb.length - 8));
    }

    @Test
    void anEmptyKeyspaceIsAValidFileWithNoDatabase() throws IOException {
        byte[] rdb = write(EntrySource.of(KeyspaceView.emptyDatabases()), null);
        assertThat(RdbReader.load(new ByteArrayInputStream(rdb), KeyspaceView.emptyDatabases())).isZero();
        assertThat(indexOf(rdb, (byte) RdbFormat.OPCODE_SELECTDB)).isEqualTo(-1);
    }

    @Test
    void theReplicationFieldsComeBack() throws IOException {
        String replId = "8371b4fb1155b71f4a04d3e1bc3e18c4a990aeeb";
        byte[] rdb = write(EntrySource.of(KeyspaceView.sample(FUTURE)), new ReplicationAux(3, replId, 123_456_789_012L));
        RdbReader.Loaded result = RdbReader.read(new ByteArrayInputStream(rdb), KeyspaceView.emptyDatabases(), EncodingLimits.defaults());
        assertThat(result.replicationAux()).contains(new ReplicationAux(3, replId, 123_456_789_012L));
        assertThat(List.copyOf(result.aux().keySet())).containsExactly("redis-ver", "redis-bits", "ctime", "used-mem",
                "repl-stream-db", "repl-id", "repl-offset", "aof-base");
    }

    @Test
    void aPointInTimeCaptureWritesTheKeysAsTheyWereWhenTaken() throws IOException {
        Databases dbs = KeyspaceView.sample(FUTURE);
        ValueCodecs codecs = ValueCodecs.strings();
        CollectionCodecs.register(codecs, EncodingLimits.defaults());
        var before = KeyspaceView.of(dbs);
        KeyspaceCapture capture = KeyspaceCapture.of(dbs, codecs, System.currentTimeMillis());
        dbs.db(0).set(bytes("plain"), bytes("changed after"));
        ((ListValue) dbs.db(0).lookup(bytes("list"))).pushTail(bytes("pushed after"), EncodingLimits.defaults());
        dbs.db(3).delete(bytes("plain"));

        Databases loaded = KeyspaceView.emptyDatabases();
        RdbReader.load(new ByteArrayInputStream(write(capture, null)), loaded);
        assertThat(KeyspaceView.of(loaded)).isEqualTo(before);
    }

    @Test
    void stringsThatAreCanonicalIntegersAreIntEncoded() throws IOException {
        Databases dbs = KeyspaceView.emptyDatabases();
        dbs.db(0).set(bytes("k"), bytes("-32768"));
        byte[] rdb = write(EntrySource.of(dbs), null);
        // type 0, key "k", then C1 00 80: INT16 -32768 little-endian
        assertThat(indexOf(rdb, new byte[] {0, 1, 'k', (byte) 0xC1, 0x00, (byte) 0x80})).isPositive();
    }

    @Test
    void aLongRepetitiveStringIsLzfCompressedAndAShortOneIsNot() throws IOException {
        Databases dbs = KeyspaceView.emptyDatabases();
        dbs.db(0).set(bytes("long"), bytes("abc".repeat(1000)));
        dbs.db(0).set(bytes("short"), bytes("a".repeat(20)));
        byte[] rdb = write(EntrySource.of(dbs), null);
        // C3 <compressed length> <original length: 3000, 14 bits: 4B B8>
        int at = indexOf(rdb, new byte[] {0, 4, 'l', 'o', 'n', 'g', (byte) 0xC3});
        assertThat(at).isPositive();
        assertThat(indexOf(rdb, new byte[] {0x4B, (byte) 0xB8})).isGreaterThan(at);
        assertThat(rdb.length).isLessThan(300);
        assertThat(indexOf(rdb, new byte[] {0, 5, 's', 'h', 'o', 'r', 't', 20, 'a'})).isPositive();
        Databases loaded = KeyspaceView.emptyDatabases();
        RdbReader.load(new ByteArrayInputStream(rdb), loaded);
        assertThat(KeyspaceView.of(loaded)).isEqualTo(KeyspaceView.of(dbs));
    }

    @Test
    void anIntsetIsWrittenAsType11AndAHashTableAsType2() throws IOException {
        EncodingLimits limits = EncodingLimits.defaults();
        Databases dbs = KeyspaceView.emptyDatabases();
        dbs.db(0).put(bytes("i"), KeyspaceView.set(limits, "3", "1", "2"));
        dbs.db(0).put(bytes("h"), KeyspaceView.set(limits, "a"));
        byte[] rdb = write(EntrySource.of(dbs), null);
        // 0B, key "i", a 14-byte string: width 2, count 3, 1 2 3
        assertThat(indexOf(rdb, new byte[] {11, 1, 'i', 14, 2, 0, 0, 0, 3, 0, 0, 0, 1, 0, 2, 0, 3, 0})).isPositive();
        assertThat(indexOf(rdb, new byte[] {2, 1, 'h', 1, 1, 'a'})).isPositive();
    }

    @Test
    void aLongListIsSplitIntoNodesOfAtMost8Kb() throws IOException {
        EncodingLimits limits = EncodingLimits.defaults();
        Databases dbs = KeyspaceView.emptyDatabases();
        ListValue list = new ListValue();
        for (int i = 0; i < 10_000; i++) {
            list.pushTail(bytes("element-" + i), limits);
        }
        dbs.db(0).put(bytes("l"), list);
        byte[] rdb = write(EntrySource.of(dbs), null);
        int at = indexOf(rdb, new byte[] {18, 1, 'l'}) + 3;
        assertThat(at).isGreaterThan(3);
        // the node count, a 6-bit length: 10000 entries of 14 bytes in 8 KB nodes
        int nodes = rdb[at];
        assertThat(nodes).isBetween(10_000 * 14 / 8192, 10_000 * 14 / 8192 + 2);
        Databases loaded = KeyspaceView.emptyDatabases();
        RdbReader.load(new ByteArrayInputStream(rdb), loaded);
        assertThat(KeyspaceView.of(loaded)).isEqualTo(KeyspaceView.of(dbs));
    }

    @Property(tries = 200)
    void anyKeyspaceComesBack(@ForAll("keyspaces") List<Tuple.Tuple4<Integer, byte[], Object, Long>> keys) throws IOException {
        Databases dbs = KeyspaceView.emptyDatabases();
        EncodingLimits limits = EncodingLimits.defaults();
        for (var k : keys) {
            Object value = k.get3() instanceof String[] list ? KeyspaceView.listOf(limits, list)
                    : k.get3() instanceof Set<?> set ? KeyspaceView.set(limits, set.toArray(String[]::new))
                    : k.get3();
            dbs.db(k.get1()).put(k.get2(), value, k.get4());
        }
        Databases loaded = KeyspaceView.emptyDatabases();
        long n = RdbReader.load(new ByteArrayInputStream(write(EntrySource.of(dbs), null)), loaded);
        assertThat(n).isEqualTo(dbs.keyCount());
        assertThat(KeyspaceView.of(loaded)).isEqualTo(KeyspaceView.of(dbs));
    }

    @Provide
    Arbitrary<List<Tuple.Tuple4<Integer, byte[], Object, Long>>> keyspaces() {
        Arbitrary<String> element = Arbitraries.oneOf(
                Arbitraries.longs().map(v -> Long.toString(v)),
                Arbitraries.integers().between(-200, 200).map(v -> Integer.toString(v)),
                Arbitraries.strings().ofMaxLength(80),
                Arbitraries.strings().withChars('a', 'b').ofMinLength(60).ofMaxLength(5000));
        Arbitrary<Object> value = Arbitraries.oneOf(
                Arbitraries.bytes().array(byte[].class).ofMaxSize(300).map(b -> (Object) b),
                element.map(e -> (Object) e.getBytes(StandardCharsets.UTF_8)),
                element.list().ofMinSize(1).ofMaxSize(400).map(l -> (Object) l.toArray(String[]::new)),
                element.set().ofMinSize(1).ofMaxSize(600).map(s -> (Object) s));
        Arbitrary<Long> expire = Arbitraries.oneOf(Arbitraries.just(ExpiresIndex.NO_EXPIRE),
                Arbitraries.longs().between(1, FUTURE * 10));
        return net.jqwik.api.Combinators.combine(Arbitraries.integers().between(0, 15),
                        Arbitraries.bytes().array(byte[].class).ofMaxSize(20), value, expire)
                .as(Tuple::of)
                .list().ofMaxSize(30)
                .uniqueElements(t -> t.get1() + "/" + Arrays.toString(t.get2()));
    }

    static int indexOf(byte[] haystack, byte needle) {
        return indexOf(haystack, new byte[] {needle});
    }

    static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
