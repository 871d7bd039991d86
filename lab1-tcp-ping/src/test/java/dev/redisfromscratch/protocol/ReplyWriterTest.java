package dev.redisfromscratch.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ReplyWriterTest {
    private final ReplyWriter w = new ReplyWriter();

    private String wire() {
        return new String(w.toByteArray(), StandardCharsets.ISO_8859_1);
    }

    @Test
    void writesEachRespTypeInItsWireFormat() {
        w.simpleString("OK").error("ERR x").integer(-42).integer(0).integer(Long.MIN_VALUE)
                .bulk("hi").nullBulk().arrayHeader(2).nullArray();
        assertThat(wire()).isEqualTo("+OK\r\n-ERR x\r\n:-42\r\n:0\r\n:-9223372036854775808\r\n"
                + "$2\r\nhi\r\n$-1\r\n*2\r\n*-1\r\n");
    }

    @Test
    void bulkStringsAreBinarySafe() {
        w.bulk(new byte[] {'a', '\r', '\n', 0, 'b'});
        assertThat(wire()).isEqualTo("$5\r\na\r\n\0b\r\n");
    }

    @Test
    void errorsNeverCarryLineBreaksFromUserInput() {
        w.error("ERR bad\r\nthing");
        assertThat(wire()).isEqualTo("-ERR bad  thing\r\n");
    }

    @Test
    void capacityIsTheBuffersSizeWhichOnlyGrows() throws Exception {
        assertThat(w.capacity()).isEqualTo(1024);
        w.bulk(new byte[5000]);
        int grown = w.capacity();
        assertThat(grown).isGreaterThanOrEqualTo(5000);
        w.flushTo(new java.io.ByteArrayOutputStream());
        assertThat(w.capacity()).isEqualTo(grown); // its peak: CLIENT LIST's rbs and rbp
    }

    @Test
    void growsPastItsInitialCapacityAndResetsAfterFlush() throws Exception {
        byte[] big = new byte[100_000];
        w.bulk(big);
        assertThat(w.size()).isEqualTo(100_000 + "$100000\r\n".length() + 2);
        var out = new java.io.ByteArrayOutputStream();
        w.flushTo(out);
        assertThat(out.size()).isEqualTo(100_000 + 11);
        assertThat(w.size()).isZero();
    }
}
