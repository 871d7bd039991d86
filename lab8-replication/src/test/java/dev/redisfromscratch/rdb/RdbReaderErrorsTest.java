package dev.redisfromscratch.rdb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.redisfromscratch.snapshot.EntrySource;
import dev.redisfromscratch.store.Databases;
import dev.redisfromscratch.testkit.RealRedis;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;

/** What the reader refuses, and that it says what and where. */
class RdbReaderErrorsTest {
    private static final long FUTURE = 4_102_444_800_000L;

    private static byte[] sampleRdb() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        RdbWriter.write(EntrySource.of(KeyspaceView.sample(FUTURE)), out);
        return out.toByteArray();
    }

    private static long load(byte[] rdb) throws IOException {
        return RdbReader.load(new ByteArrayInputStream(rdb), KeyspaceView.emptyDatabases());
    }

    /** {@code REDIS0010}, the given body, {@code EOF} and its CRC64. */
    static byte[] file(String bodyHex) {
        byte[] head = "REDIS0010".getBytes(StandardCharsets.US_ASCII);
        byte[] body = HexFormat.of().parseHex(bodyHex.replace(" ", ""));
        byte[] f = new byte[head.length + body.length + 9];
        System.arraycopy(head, 0, f, 0, head.length);
        System.arraycopy(body, 0, f, head.length, body.length);
        f[head.length + body.length] = (byte) 0xFF;
        long crc = Crc64.update(0, f, 0, f.length - 8);
        for (int i = 0; i < 8; i++) {
            f[f.length - 8 + i] = (byte) (crc >>> (8 * i));
        }
        return f;
    }

    @Test
    void aWrongChecksumIsRefused() throws IOException {
        byte[] rdb = sampleRdb();
        rdb[rdb.length - 1] ^= 1;
        assertThatThrownBy(() -> load(rdb)).isInstanceOf(RdbFormatException.class)
                .hasMessageStartingWith("Wrong RDB checksum at offset " + (rdb.length - 8));
    }

    @Test
    void aChangedByteInTheDataIsCaught() throws IOException {
        byte[] rdb = sampleRdb();
        int at = RdbRoundTripTest.indexOf(rdb, "value".getBytes(StandardCharsets.US_ASCII));
        rdb[at] = 'V';
        assertThatThrownBy(() -> load(rdb)).isInstanceOf(RdbFormatException.class).hasMessageContaining("Wrong RDB checksum");
    }

    @Test
    void aZeroChecksumMeansNotComputedAndIsAccepted() throws IOException {
        byte[] rdb = sampleRdb();
        Arrays.fill(rdb, rdb.length - 8, rdb.length, (byte) 0);
        assertThat(load(rdb)).isEqualTo(KeyspaceView.sample(FUTURE).keyCount());
    }

    @Test
    void everyTruncationIsAClearError() throws IOException {
        byte[] rdb = file("fe00 fb0201 fc 00e40b5402000000 00 01 6b 01 76  12 01 6c 01 02 0a 0a000000 0100 81 61 02 ff"
                + " 0b 01 73 0a 02000000 01000000 0700");
        assertThat(load(rdb)).isEqualTo(3);
        for (int cut = 0; cut < rdb.length; cut++) {
            byte[] part = Arrays.copyOf(rdb, cut);
            assertThatThrownBy(() -> load(part)).as("cut at %d", cut).isInstanceOf(RdbFormatException.class)
                    .satisfies(e -> assertThat(e.getMessage()).containsAnyOf("ends early", "not an RDB file"));
        }
    }

    @Test
    void aTruncatedBigFileSaysWhereItEnds() throws IOException {
        byte[] rdb = sampleRdb();
        byte[] part = Arrays.copyOf(rdb, rdb.length / 2);
        assertThatThrownBy(() -> load(part)).isInstanceOf(RdbFormatException.class)
                .hasMessage("the RDB ends early: no more bytes at offset " + part.length + " (a truncated file or payload)");
    }

    @Test
    void anUnknownTypeNamesItsByteAndOffset() {
        // SELECTDB 0 at offset 9, then type 0x2a at offset 11
        assertThatThrownBy(() -> load(file("fe00 2a 016b 0176"))).isInstanceOf(RdbFormatException.class)
                .hasMessage("unknown value type 0x2a (42) at offset 11 (not a type or opcode of RDB version 10)");
    }

    @Test
    void aKnownTypeThisLabDoesNotLoadIsNamed() {
        // type 4, HASH: key "h", one field f = v
        assertThatThrownBy(() -> load(file("fe00 04 0168 01 0166 0176"))).isInstanceOf(RdbFormatException.class)
                .hasMessage("unsupported in this lab: a value of type HASH (4) for key 'h' (this reader loads strings, lists and sets) at offset 11");
    }

    @Test
    void aHashOrAFunctionFromARealRedisIsRefusedClearly() throws IOException {
        try (RealRedis redis = RealRedis.start(); Jedis jedis = new Jedis("127.0.0.1", redis.port())) {
            jedis.hset("h", "f", "v");
            jedis.save();
            byte[] withHash = Files.readAllBytes(redis.dir().resolve("dump.rdb"));
            assertThatThrownBy(() -> load(withHash)).isInstanceOf(RdbFormatException.class)
                    .hasMessageContaining("a value of type HASH_LISTPACK (16) for key 'h'");

            jedis.del("h");
            jedis.functionLoad("#!lua name=lib\nredis.register_function('f', function() return 1 end)");
            jedis.save();
            byte[] withFunction = Files.readAllBytes(redis.dir().resolve("dump.rdb"));
            assertThatThrownBy(() -> load(withFunction)).isInstanceOf(RdbFormatException.class)
                    .hasMessageContaining("unsupported in this lab: a function library (FUNCTION2, 0xf5");
        }
    }

    @Test
    void version11IsRefusedAsRedis70RefusesIt() {
        byte[] rdb = file("");
        rdb[8] = '1';
        rdb[7] = '1';
        assertThatThrownBy(() -> load(rdb)).isInstanceOf(RdbFormatException.class)
                .hasMessageStartingWith("Can't handle RDB format version 11");
    }

    @Test
    void somethingElseIsNotAnRdbFile() {
        assertThatThrownBy(() -> load("{\"format\":\"redis-from-scratch\"}".getBytes(StandardCharsets.US_ASCII)))
                .isInstanceOf(RdbFormatException.class).hasMessageStartingWith("not an RDB file");
    }

    @Test
    void theSmallestFileOfOldVersionsLoads() throws IOException {
        // REDIS0009, EOF, CRC64 (redis-behaviour.md)
        assertThat(load(HexFormat.of().parseHex("524544495330303039ff9aac7abcfb0fad74"))).isZero();
        // version 4 had no checksum
        assertThat(load("REDIS0004\u00ff".getBytes(StandardCharsets.ISO_8859_1))).isZero();
    }

    @Test
    void oldEncodingsLoad() throws IOException {
        // type 1 (a plain list), type 2 (a plain set), FD: an expire time in seconds
        Databases dbs = KeyspaceView.emptyDatabases();
        RdbReader.load(new ByteArrayInputStream(file("fe00 01 016c 02 0161 0162  fd 00e1f505 02 0173 01 c005")), dbs);
        assertThat(KeyspaceView.of(dbs)).containsEntry("0/l", new KeyspaceView.Entry("list", java.util.List.of("a", "b"), -1))
                .containsEntry("0/s", new KeyspaceView.Entry("set", java.util.Set.of("5"), 100_000_000_000L));
    }

    @Test
    void aPlainQuicklistNodeIsOneElement() throws IOException {
        // a list of two nodes: PLAIN "big", then PACKED ["a"]
        Databases dbs = KeyspaceView.emptyDatabases();
        RdbReader.load(new ByteArrayInputStream(file("fe00 12 016c 02 01 03626967 02 0a 0a000000 0100 81 61 02 ff")), dbs);
        assertThat(KeyspaceView.of(dbs)).containsEntry("0/l", new KeyspaceView.Entry("list", java.util.List.of("big", "a"), -1));
    }

    @Test
    void aListpackSetOfRedis72Loads() throws IOException {
        // type 20: a listpack of "a" and 7
        Databases dbs = KeyspaceView.emptyDatabases();
        RdbReader.load(new ByteArrayInputStream(file("fe00 14 0173 0c 0c000000 0200 81 61 02 07 01 ff")), dbs);
        assertThat(KeyspaceView.of(dbs)).containsEntry("0/s", new KeyspaceView.Entry("set", java.util.Set.of("a", "7"), -1));
    }

    @Test
    void moduleDataIsRefusedClearly() {
        assertThatThrownBy(() -> load(file("f7 81 0000000000000001 02"))).isInstanceOf(RdbFormatException.class)
                .hasMessage("unsupported in this lab: module data (MODULE_AUX, 0xf7) at offset 9");
    }

    @Test
    void aDatabaseThisServerDoesNotHaveIsRefused() {
        assertThatThrownBy(() -> load(file("fe14 00 016b 0176"))).isInstanceOf(RdbFormatException.class)
                .hasMessage("SELECTDB 20 at offset 9: this server has 16 databases (the RDB was written by a server with more)");
    }

    @Test
    void aDuplicatedKeyIsRefused() {
        assertThatThrownBy(() -> load(file("fe00 00 016b 0176 00 016b 0177"))).isInstanceOf(RdbFormatException.class)
                .hasMessage("RDB has duplicated key 'k' in DB 0 at offset 16");
    }

    @Test
    void aCorruptListpackIsRefused() {
        // a quicklist node whose listpack header claims 12 bytes in an 11-byte string
        assertThatThrownBy(() -> load(file("fe00 12 016c 01 02 0b 0c000000 0100 81 61 02 ff"))).isInstanceOf(RdbFormatException.class)
                .hasMessage("corrupt listpack of key 'l' at offset 15: its header says 12 bytes, the string has 11");
        // an entry that runs past the end
        assertThatThrownBy(() -> load(file("fe00 12 016c 01 02 0b 0b000000 0100 8f 61 02 ff"))).isInstanceOf(RdbFormatException.class)
                .hasMessageStartingWith("corrupt listpack of key 'l' at offset 15: entry 0 runs past its end");
    }

    @Test
    void aCorruptIntsetIsRefused() {
        assertThatThrownBy(() -> load(file("fe00 0b 0173 0a 02000000 02000000 0700"))).isInstanceOf(RdbFormatException.class)
                .hasMessage("corrupt intset of key 's' at offset 11: 2 integers of 2 bytes do not fill its 10 bytes");
        assertThatThrownBy(() -> load(file("fe00 0b 0173 0c 02000000 02000000 0700 0500"))).isInstanceOf(RdbFormatException.class)
                .hasMessageContaining("not in ascending order");
    }

    @Test
    void emptyCollectionsAreSkippedAsRedisSkipsThem() throws IOException {
        Databases dbs = KeyspaceView.emptyDatabases();
        RdbReader.Loaded loaded = RdbReader.read(new ByteArrayInputStream(file("fe00 02 0173 00  12 016c 00  00 016b 0176")), dbs,
                dev.redisfromscratch.encoding.EncodingLimits.defaults());
        assertThat(loaded.keys()).isEqualTo(1);
        assertThat(loaded.emptyKeysSkipped()).isEqualTo(2);
        assertThat(KeyspaceView.of(dbs)).containsOnlyKeys("0/k");
    }
}
