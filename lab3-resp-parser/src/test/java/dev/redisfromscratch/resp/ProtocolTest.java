package dev.redisfromscratch.resp;

import static dev.redisfromscratch.resp.RespRequestDecoderTest.buffer;
import static dev.redisfromscratch.resp.RespRequestDecoderTest.texts;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.redisfromscratch.protocol.QueryBuffer;
import dev.redisfromscratch.testkit.grading.Stage;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The facade, and the value types' own rules (equality, one-line texts). */
class ProtocolTest {
    @Stage(lab = 3, value = 2)
    @Test
    void aCommandEncodedByTheClientIsParsedBackByTheServer() throws Exception {
        QueryBuffer in = new QueryBuffer();
        in.append(Protocol.encodeCommand("SET", "key", "a b\r\nc"));
        assertThat(texts(Protocol.requestDecoder().next(in))).containsExactly("SET", "key", "a b\r\nc");
    }

    @Stage(lab = 3, value = 3)
    @Test
    void aReplySerializedByTheServerIsParsedBackByTheClient() throws Exception {
        RespValue reply = RespArray.of(SimpleString.OK, new RespInteger(5), RespArray.of(NullBulkString.INSTANCE));
        QueryBuffer in = new QueryBuffer();
        in.append(Protocol.serialize(reply));
        assertThat(Protocol.parseReply(in)).isEqualTo(reply);
    }

    @Stage(lab = 3, value = 1)
    @Test
    void eachClientGetsItsOwnDecoderBecauseADecoderKeepsState() {
        assertThat(Protocol.requestDecoder()).isNotSameAs(Protocol.requestDecoder()).isInstanceOf(RespRequestDecoder.class);
    }

    @Stage(lab = 3, value = 1)
    @Test
    void requestFramerAnswersInlineCommandsToo() throws Exception {
        assertThat(texts(Protocol.requestDecoder().next(buffer("ECHO \"hi there\"\n")))).containsExactly("ECHO", "hi there");
    }

    @Test
    void bulkStringsAreEqualByContentNotByArray() {
        BulkString a = new BulkString(new byte[] {1, 2, 3});
        BulkString b = new BulkString(new byte[] {1, 2, 3});
        assertThat(a).isEqualTo(b).hasSameHashCodeAs(b).isNotEqualTo(new BulkString(new byte[] {1, 2}));
        assertThat(RespArray.of(a)).isEqualTo(RespArray.of(b));
    }

    @Test
    void bulkStringToStringQuotesTheBytesLikeRedisCli() {
        assertThat(new BulkString(new byte[] {'a', '"', '\r', '\n', 0, (byte) 0xFF})).hasToString("BulkString[\"a\\\"\\r\\n\\x00\\xff\"]");
    }

    @Test
    void nullsAreNotEmptyValues() {
        assertThat(NullBulkString.INSTANCE).isEqualTo(new NullBulkString()).isNotEqualTo(new BulkString(new byte[0]));
        assertThat(NullArray.INSTANCE).isEqualTo(new NullArray()).isNotEqualTo(RespArray.EMPTY);
    }

    @Test
    void simpleStringsAndErrorsMustBeOneLineOfBytes() {
        assertThatThrownBy(() -> new SimpleString("a\r\nb")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SimpleError("ERR\n")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SimpleString("\u20ac")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void anArrayKeepsItsOwnCopyOfTheElements() {
        List<RespValue> elements = new ArrayList<>(List.of(new RespInteger(1)));
        RespArray array = new RespArray(elements);
        elements.add(new RespInteger(2));
        assertThat(array.size()).isEqualTo(1);
        assertThatThrownBy(() -> array.elements().add(new RespInteger(3))).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void bulkStringRejectsNullBytesInFavourOfTheNullValue() {
        assertThatThrownBy(() -> new BulkString(null)).isInstanceOf(NullPointerException.class);
    }
}
