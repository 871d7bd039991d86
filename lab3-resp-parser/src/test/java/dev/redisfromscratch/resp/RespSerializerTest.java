package dev.redisfromscratch.resp;

import static dev.redisfromscratch.resp.RespRequestDecoderTest.latin1;
import static org.assertj.core.api.Assertions.assertThat;

import dev.redisfromscratch.protocol.ReplyWriter;
import dev.redisfromscratch.testkit.grading.Stage;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

@Stage(lab = 3, value = 2)
class RespSerializerTest {
    private static String wire(RespValue value) {
        return new String(RespSerializer.serialize(value), StandardCharsets.ISO_8859_1);
    }

    @Test
    void simpleStringIsAPlusLine() {
        assertThat(wire(SimpleString.OK)).isEqualTo("+OK\r\n");
    }

    @Test
    void simpleStringBytesAboveAsciiGoOutAsThemselves() {
        assertThat(RespSerializer.serialize(new SimpleString("\u00e9"))).containsExactly('+', 0xE9, '\r', '\n');
    }

    @Test
    void errorIsAMinusLine() {
        assertThat(wire(new SimpleError("ERR syntax error"))).isEqualTo("-ERR syntax error\r\n");
    }

    @Test
    void integerIsAColonLine() {
        assertThat(wire(new RespInteger(-2))).isEqualTo(":-2\r\n");
        assertThat(wire(new RespInteger(Long.MIN_VALUE))).isEqualTo(":-9223372036854775808\r\n");
    }

    @Test
    void bulkStringIsLengthThenPayloadThenCrLf() {
        assertThat(wire(new BulkString(latin1("a\r\n\0")))).isEqualTo("$4\r\na\r\n\0\r\n");
        assertThat(wire(new BulkString(new byte[0]))).isEqualTo("$0\r\n\r\n");
    }

    @Test
    void nullsAreMinusOneLengths() {
        assertThat(wire(NullBulkString.INSTANCE)).isEqualTo("$-1\r\n");
        assertThat(wire(NullArray.INSTANCE)).isEqualTo("*-1\r\n");
    }

    @Test
    void arrayIsACountThenEachElementNestedOrNot() {
        RespValue value = RespArray.of(new RespInteger(1), RespArray.of(BulkString.of("a"), NullBulkString.INSTANCE),
                RespArray.EMPTY);
        assertThat(wire(value)).isEqualTo("*3\r\n:1\r\n*2\r\n$1\r\na\r\n$-1\r\n*0\r\n");
    }

    @Test
    void writeAppendsToARepliesAlreadyInTheWriter() {
        ReplyWriter out = new ReplyWriter().raw(ReplyWriter.OK);
        RespSerializer.write(new RespInteger(3), out);
        assertThat(new String(out.toByteArray(), StandardCharsets.ISO_8859_1)).isEqualTo("+OK\r\n:3\r\n");
    }

    @Test
    void encodeCommandIsAMultibulkOfBulkStrings() {
        assertThat(new String(Protocol.encodeCommand("SET", "k", "v"), StandardCharsets.ISO_8859_1))
                .isEqualTo("*3\r\n$3\r\nSET\r\n$1\r\nk\r\n$1\r\nv\r\n");
    }

    @Test
    void encodeCommandCountsBytesNotCharsForUtf8() {
        assertThat(new String(Protocol.encodeCommand("ECHO", "\u00e9"), StandardCharsets.ISO_8859_1))
                .isEqualTo("*2\r\n$4\r\nECHO\r\n$2\r\n\u00c3\u00a9\r\n");
    }

    @Test
    void encodeCommandOfRawBytesKeepsThemExactly() {
        byte[] wire = Protocol.encodeCommand(List.of(new byte[] {'G', 'E', 'T'}, new byte[] {0, '\r', (byte) 0xFF}));
        assertThat(wire).containsExactly(latin1("*2\r\n$3\r\nGET\r\n$3\r\n\0\r\u00ff\r\n"));
    }

    @Test
    void theServerReplyWriterAndTheSerializerProduceTheSameBytes() {
        ReplyWriter direct = new ReplyWriter().arrayHeader(2).bulk("a").nullBulk();
        assertThat(RespSerializer.serialize(RespArray.of(BulkString.of("a"), NullBulkString.INSTANCE)))
                .containsExactly(direct.toByteArray());
    }
}
