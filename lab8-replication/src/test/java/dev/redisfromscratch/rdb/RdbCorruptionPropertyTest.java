package dev.redisfromscratch.rdb;

import static org.assertj.core.api.Assertions.assertThat;

import dev.redisfromscratch.snapshot.EntrySource;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * Damage that the checksum does not catch (the CRC is recomputed after the damage, or is 0) either
 * loads or is an {@link RdbFormatException}: never another exception, a hang or a huge allocation.
 */
class RdbCorruptionPropertyTest {
    private static final byte[] SAMPLE;

    static {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            // a small keyspace, so that a changed byte often lands in a length, a type or an encoding
            var dbs = KeyspaceView.emptyDatabases();
            var limits = dev.redisfromscratch.encoding.EncodingLimits.defaults();
            dbs.db(0).set(KeyspaceView.bytes("k"), KeyspaceView.bytes("value"));
            dbs.db(0).set(KeyspaceView.bytes("n"), KeyspaceView.bytes("70000"));
            dbs.db(0).put(KeyspaceView.bytes("l"), KeyspaceView.listOf(limits, "a", "1", "-300", "x".repeat(70)), 4_102_444_800_000L);
            dbs.db(0).put(KeyspaceView.bytes("i"), KeyspaceView.set(limits, "1", "2", "100000"));
            dbs.db(2).put(KeyspaceView.bytes("s"), KeyspaceView.set(limits, "a", "b"));
            RdbWriter.write(EntrySource.of(dbs), out);
        } catch (IOException e) {
            throw new ExceptionInInitializerError(e);
        }
        SAMPLE = out.toByteArray();
    }

    @org.junit.jupiter.api.Test
    void everyByteOfTheFileChangedToEveryTellingValue() {
        // the values that change a length's kind, a string's encoding, a listpack entry's, an opcode
        int[] telling = {0, 1, 2, 0x0A, 0x12, 0x3F, 0x40, 0x7F, 0x80, 0x81, 0xBF, 0xC0, 0xC1, 0xC2, 0xC3, 0xC4, 0xDF,
                0xE0, 0xEF, 0xF0, 0xF1, 0xF2, 0xF3, 0xF4, 0xF5, 0xF7, 0xF9, 0xFA, 0xFB, 0xFC, 0xFD, 0xFE, 0xFF};
        for (int at = 9; at < SAMPLE.length - 8; at++) {
            for (int v : telling) {
                check(at, (byte) v, false);
            }
            check(at, (byte) (SAMPLE[at] + 1), false);
            check(at, (byte) (SAMPLE[at] - 1), false);
        }
    }

    @Property(tries = 500)
    void aChangedByteLoadsOrIsAClearError(@ForAll @IntRange(min = 9, max = 10_000) int position, @ForAll byte value,
                                          @ForAll boolean zeroChecksum) {
        check(position % (SAMPLE.length - 8), value, zeroChecksum);
    }

    private static void check(int at, byte value, boolean zeroChecksum) {
        byte[] rdb = SAMPLE.clone();
        rdb[at] = value;
        long crc = zeroChecksum ? 0 : Crc64.update(0, rdb, 0, rdb.length - 8);
        for (int i = 0; i < 8; i++) {
            rdb[rdb.length - 8 + i] = (byte) (crc >>> (8 * i));
        }
        try {
            RdbReader.load(new ByteArrayInputStream(rdb), KeyspaceView.emptyDatabases());
        } catch (RdbFormatException expected) {
            assertThat(expected.getMessage()).isNotBlank();
        } catch (IOException e) {
            throw new AssertionError("byte " + at + " set to " + value + ": not an RdbFormatException", e);
        } catch (RuntimeException e) {
            throw new AssertionError("byte " + at + " set to " + value + ": not an RdbFormatException", e);
        }
    }
}
