package dev.redisfromscratch.resp;

import static dev.redisfromscratch.resp.RespRequestDecoderTest.allocatedBytesWhile;
import static dev.redisfromscratch.resp.RespRequestDecoderTest.buffer;
import static dev.redisfromscratch.resp.RespRequestDecoderTest.latin1;
import static dev.redisfromscratch.resp.RespRequestDecoderTest.show;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.redisfromscratch.protocol.ProtocolException;
import dev.redisfromscratch.protocol.QueryBuffer;
import dev.redisfromscratch.testkit.grading.Stage;
import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@Stage(lab = 3, value = 3)
class RespReplyParserTest {
    private final RespReplyParser parser = new RespReplyParser();

    private RespValue parse(String wire) throws ProtocolException {
        QueryBuffer in = buffer(wire);
        RespValue value = parser.next(in);
        assertThat(in.readable()).as("bytes left after %s", show(wire)).isZero();
        return value;
    }

    @Nested
    class EveryType {
        @Test
        void simpleString() throws Exception {
            assertThat(parse("+OK\r\n")).isEqualTo(SimpleString.OK);
            assertThat(parse("+\r\n")).isEqualTo(new SimpleString(""));
        }

        @Test
        void simpleStringKeepsEveryByteAsOneChar() throws Exception {
            assertThat(parse("+caf\u00e9 \0\r\n")).isEqualTo(new SimpleString("caf\u00e9 \0"));
        }

        @Test
        void error() throws Exception {
            RespValue value = parse("-WRONGTYPE Operation against a key holding the wrong kind of value\r\n");
            assertThat(value).isEqualTo(new SimpleError("WRONGTYPE Operation against a key holding the wrong kind of value"));
            assertThat(((SimpleError) value).code()).isEqualTo("WRONGTYPE");
        }

        @Test
        void integersIncludingTheExtremesOf64Bits() throws Exception {
            assertThat(parse(":0\r\n")).isEqualTo(new RespInteger(0));
            assertThat(parse(":-2\r\n")).isEqualTo(new RespInteger(-2));
            assertThat(parse(":9223372036854775807\r\n")).isEqualTo(new RespInteger(Long.MAX_VALUE));
            assertThat(parse(":-9223372036854775808\r\n")).isEqualTo(new RespInteger(Long.MIN_VALUE));
        }

        @Test
        void bulkStringWithCrLfAndNulInside() throws Exception {
            assertThat(parse("$7\r\na\r\nb\0c\n\r\n")).isEqualTo(new BulkString(latin1("a\r\nb\0c\n")));
        }

        @Test
        void emptyBulkStringIsNotNull() throws Exception {
            assertThat(parse("$0\r\n\r\n")).isEqualTo(new BulkString(new byte[0]));
            assertThat(parse("$-1\r\n")).isEqualTo(NullBulkString.INSTANCE);
        }

        @Test
        void emptyArrayIsNotNull() throws Exception {
            assertThat(parse("*0\r\n")).isEqualTo(RespArray.EMPTY);
            assertThat(parse("*-1\r\n")).isEqualTo(NullArray.INSTANCE);
        }

        @Test
        void arrayOfMixedTypesIncludingNulls() throws Exception {
            assertThat(parse("*5\r\n:1\r\n$1\r\na\r\n$-1\r\n+OK\r\n*-1\r\n")).isEqualTo(RespArray.of(
                    new RespInteger(1), BulkString.of("a"), NullBulkString.INSTANCE, SimpleString.OK, NullArray.INSTANCE));
        }

        @Test
        void nestedArrays() throws Exception {
            // [[1, [a]], [], b]
            assertThat(parse("*3\r\n*2\r\n:1\r\n*1\r\n$1\r\na\r\n*0\r\n$1\r\nb\r\n")).isEqualTo(RespArray.of(
                    RespArray.of(new RespInteger(1), RespArray.of(BulkString.of("a"))),
                    RespArray.EMPTY,
                    BulkString.of("b")));
        }

        @Test
        void nestingTenThousandDeepNeedsNoJavaStack() throws Exception {
            RespValue value = parse("*1\r\n".repeat(10_000) + ":7\r\n");
            for (int depth = 0; depth < 10_000; depth++) {
                value = ((RespArray) value).get(0);
            }
            assertThat(value).isEqualTo(new RespInteger(7));
        }
    }

    @Nested
    class PartialInput {
        private static final String REPLIES = "+OK\r\n" + "*3\r\n*2\r\n:1\r\n$3\r\na\r\n\r\n$-1\r\n*-1\r\n"
                + "-ERR no\r\n" + "$0\r\n\r\n";

        @Test
        void everySplitPointOfPipelinedRepliesYieldsTheSameValues() throws Exception {
            List<RespValue> expected = List.of(
                    SimpleString.OK,
                    RespArray.of(RespArray.of(new RespInteger(1), new BulkString(latin1("a\r\n"))),
                            NullBulkString.INSTANCE, NullArray.INSTANCE),
                    new SimpleError("ERR no"),
                    new BulkString(new byte[0]));
            for (int split = 0; split <= REPLIES.length(); split++) {
                QueryBuffer in = buffer(REPLIES.substring(0, split));
                List<RespValue> seen = new ArrayList<>();
                int consumed = drain(in, seen);
                assertThat(in.toString()).as("split at %d", split).isEqualTo(show(REPLIES.substring(consumed, split)));
                in.append(latin1(REPLIES.substring(split)));
                drain(in, seen);
                assertThat(seen).as("split at %d", split).isEqualTo(expected);
            }
        }

        @Test
        void everyProperPrefixOfANestedReplyNeedsMoreAndConsumesNothing() throws Exception {
            String reply = "*2\r\n*1\r\n+a\r\n$2\r\nbc\r\n";
            for (int length = 1; length < reply.length(); length++) {
                QueryBuffer in = buffer(reply.substring(0, length));
                assertThat(parser.next(in)).as("prefix %s", show(reply.substring(0, length))).isNull();
                assertThat(in.readable()).isEqualTo(length);
            }
        }

        @Test
        void hugeHeadersWaitForTheirBytesWithoutAllocatingForThem() throws Exception {
            QueryBuffer in = buffer("*2147483647\r\n$536870912\r\n" + "x".repeat(10_000));
            parser.next(in);
            List<RespValue> answers = new ArrayList<>(1);
            long allocated = allocatedBytesWhile(() -> answers.add(parser.next(in)));
            assertThat(answers).containsOnlyNulls();
            assertThat(allocated).isLessThan(16 * 1024);
        }

        @Test
        void readReplyReadsUntilAWholeReplyAndLeavesTheNextOneBuffered() throws Exception {
            QueryBuffer buffer = new QueryBuffer();
            var stream = new ByteArrayInputStream(latin1("$5\r\nhello\r\n:1\r\n"));
            assertThat(Protocol.readReply(buffer, stream)).isEqualTo(BulkString.of("hello"));
            assertThat(Protocol.readReply(buffer, stream)).isEqualTo(new RespInteger(1));
            assertThat(Protocol.readReply(buffer, stream)).isNull();
        }

        @Test
        void readReplyReportsAConnectionClosedMidReply() {
            var stream = new ByteArrayInputStream(latin1("$5\r\nhel"));
            assertThatThrownBy(() -> Protocol.readReply(new QueryBuffer(), stream)).isInstanceOf(EOFException.class);
        }

        private int drain(QueryBuffer in, List<RespValue> seen) throws ProtocolException {
            int before = in.readable();
            RespValue value;
            while ((value = parser.next(in)) != null) {
                seen.add(value);
            }
            return before - in.readable();
        }
    }

    @Nested
    class MalformedReplies {
        @ParameterizedTest
        @ValueSource(strings = {"!3\r\n", "x", "\r\n", " +OK\r\n", "OK\r\n"})
        void anUnknownTypeByteIsRejectedAtOnce(String wire) {
            assertError(wire, "unexpected reply type byte '" + wire.charAt(0) + "'");
        }

        @ParameterizedTest
        @ValueSource(strings = {"+OK\n", "+OK\rX", ":1\n", "$1\nx\r\n", "-ERR a\nb\r\n"})
        void aLineMustEndInCrLf(String wire) {
            assertError(wire, "line not ended by CRLF");
        }

        @ParameterizedTest
        @ValueSource(strings = {":\r\n", ":+1\r\n", ":01\r\n", ":1.5\r\n", ":9223372036854775808\r\n"})
        void anIntegerFollowsRedisStrictNumberRules(String wire) {
            assertError(wire, "invalid integer");
        }

        @ParameterizedTest
        @ValueSource(strings = {"$-2\r\n", "$x\r\n", "$536870913\r\n", "$\r\n"})
        void aBulkLengthMustBeMinusOneOrUpTo512Mb(String wire) {
            assertError(wire, "invalid bulk length");
        }

        @ParameterizedTest
        @ValueSource(strings = {"*-2\r\n", "*x\r\n", "*2147483648\r\n", "*1\r\n*-3\r\n"})
        void anArrayCountMustBeMinusOneOrAnInt(String wire) {
            assertError(wire, "invalid multibulk length");
        }

        @Test
        void aBulkPayloadLongerThanItsHeaderSaysIsCaught() {
            assertError("$3\r\nhello\r\n", "bulk payload not followed by CRLF");
        }

        @Test
        void anErrorDeepInsideAnArrayIsFoundBeforeAnythingIsBuilt() {
            assertError("*2\r\n:1\r\n*1\r\n?\r\n", "unexpected reply type byte '?'");
        }

        private void assertError(String wire, String message) {
            assertThatThrownBy(() -> parser.next(buffer(wire))).as("reply %s", show(wire))
                    .isInstanceOf(ProtocolException.class).hasMessage(message);
        }
    }
}
