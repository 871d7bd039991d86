package dev.redisfromscratch.resp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.redisfromscratch.protocol.ProtocolException;
import dev.redisfromscratch.protocol.QueryBuffer;
import dev.redisfromscratch.testkit.grading.Stage;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.statistics.Statistics;

/**
 * Properties that hold for all inputs, checked on a thousand generated ones each (jqwik):
 * <ul>
 *   <li>whatever bytes arrive, the parsers answer a value, "need more" (consuming nothing) or a
 *       {@link ProtocolException}: never another exception, never a loop without progress;
 *   <li>a valid stream, cut into arbitrary chunks, parses to the same values as when whole;
 *   <li>serialize then parse gives back the value, and parse then serialize the bytes.
 * </ul>
 * When a property fails, jqwik shrinks the input to a minimal one and prints it.
 */
@Stage(lab = 3, value = 3)
class RespPropertyTest {
    private final RespReplyParser parser = new RespReplyParser();

    // ---- arbitrary input: only values, need-more or protocol errors ----

    @Stage(lab = 3, value = 1)
    @Property
    void anyBytesGiveTheRequestDecoderOnlyRequestsNeedMoreOrAProtocolError(@ForAll @Size(max = 300) byte[] bytes) {
        drain(bytes, new RespRequestDecoder()::next, false);
    }

    @Stage(lab = 3, value = 1)
    @Property
    void anyRespLikeNoiseGivesTheRequestDecoderOnlyRequestsNeedMoreOrAProtocolError(@ForAll("respNoise") byte[] bytes) {
        countOutcome(drain(bytes, new RespRequestDecoder()::next, false));
    }

    @Property
    void anyBytesGiveTheReplyParserOnlyValuesNeedMoreOrAProtocolError(@ForAll @Size(max = 300) byte[] bytes) {
        drain(bytes, parser::next, true);
    }

    @Property
    void anyRespLikeNoiseGivesTheReplyParserOnlyValuesNeedMoreOrAProtocolError(@ForAll("respNoise") byte[] bytes) {
        countOutcome(drain(bytes, parser::next, true));
    }

    /** One call of a parser: a request or value, or {@code null} for need-more. */
    interface Parse {
        Object next(QueryBuffer in) throws ProtocolException;
    }

    /**
     * Calls {@code parse} until it needs more or fails; anything but ProtocolException escapes and
     * fails the property.
     *
     * @param stateless the reply parser keeps no state, so a need-more consumes nothing; the request
     *     decoder keeps the headers and arguments it has read, so it may consume them
     *
     * @return how it ended: "protocol error", "need more" at once, or "parsed" (at least one result)
     */
    private static String drain(byte[] bytes, Parse parse, boolean stateless) {
        QueryBuffer in = new QueryBuffer();
        in.append(bytes);
        String outcome = "need more";
        try {
            while (true) {
                int before = in.readable();
                if (parse.next(in) == null) {
                    if (stateless) {
                        assertThat(in.readable()).as("need-more consumes nothing").isEqualTo(before);
                    }
                    return outcome;
                }
                assertThat(in.readable()).as("a result consumes its bytes").isLessThan(before);
                outcome = "parsed";
            }
        } catch (ProtocolException expected) {
            assertThat(expected.getMessage()).isNotBlank();
            return "protocol error";
        }
    }

    /** Counts outcomes; the noise is only useful if it reaches each of them, which is checked. */
    private static void countOutcome(String outcome) {
        Statistics.label("outcome").collect(outcome);
        Statistics.label("outcome").coverage(outcomes -> {
            outcomes.check("parsed").count(n -> n > 0);
            outcomes.check("need more").count(n -> n > 0);
            outcomes.check("protocol error").count(n -> n > 0);
        });
    }

    /**
     * Pieces of RESP glued at random, starting like a multibulk: whole headers and values, lone
     * type bytes, CR, LF, NUL, numbers good and bad (limits and one past them), and any bytes.
     */
    @Provide
    Arbitrary<byte[]> respNoise() {
        Arbitrary<String> wellFormed = Arbitraries.of("*1\r\n", "*2\r\n", "*0\r\n", "*-1\r\n", "$4\r\nPING\r\n",
                "$3\r\nGET\r\n", "$0\r\n\r\n", "$-1\r\n", ":1\r\n", "+OK\r\n", "-ERR x\r\n");
        Arbitrary<String> broken = Arbitraries.of("*", "$", "+", "-", ":", "\r\n", "\r", "\n", "\0", " ", "x", "\"", "'");
        Arbitrary<String> numbers = Arbitraries.of("0", "1", "2", "-1", "-2", "01", "+1", "1048576", "1048577", "2147483647",
                "536870912", "536870913", "2147483648", "99999999999999999999", "9223372036854775808");
        Arbitrary<String> anyBytes = Arbitraries.strings().withCharRange('\0', '\u00ff').ofMaxLength(6);
        Arbitrary<String> piece = Arbitraries.frequencyOf(
                Tuple.of(12, wellFormed), Tuple.of(1, broken), Tuple.of(1, numbers), Tuple.of(1, anyBytes));
        Arbitrary<String> first = Arbitraries.of("*", "*1\r\n", "*2\r\n", "*3\r\n");
        return Combinators.combine(first, piece.list().ofMaxSize(20))
                .as((start, pieces) -> (start + String.join("", pieces)).getBytes(StandardCharsets.ISO_8859_1));
    }

    // ---- valid streams cut anywhere ----

    @Stage(lab = 3, value = 1)
    @Property
    void pipelinedCommandsCutIntoAnyChunksDecodeToTheSameArguments(
            @ForAll("commands") List<List<byte[]>> commands,
            @ForAll @Size(min = 1, max = 8) List<@IntRange(min = 1, max = 24) Integer> chunkSizes) throws Exception {
        ByteArrayOutputStream wire = new ByteArrayOutputStream();
        for (List<byte[]> command : commands) {
            wire.writeBytes(RespRequestDecoderTest.multibulk(command));
        }
        List<List<byte[]>> decoded = new ArrayList<>();
        RespRequestDecoder decoder = new RespRequestDecoder();
        QueryBuffer in = new QueryBuffer();
        for (byte[] chunk : cut(wire.toByteArray(), chunkSizes)) {
            in.append(chunk);
            List<byte[]> args;
            while ((args = decoder.next(in)) != null) {
                decoded.add(args);
            }
        }
        assertThat(in.readable()).isZero();
        assertThat(decoded).hasSameSizeAs(commands);
        for (int i = 0; i < commands.size(); i++) {
            assertThat(decoded.get(i)).as("command %d", i).containsExactlyElementsOf(commands.get(i));
        }
    }

    @Property
    void pipelinedRepliesCutIntoAnyChunksParseToTheSameValues(
            @ForAll("replyLists") List<RespValue> replies,
            @ForAll @Size(min = 1, max = 8) List<@IntRange(min = 1, max = 24) Integer> chunkSizes) throws Exception {
        ByteArrayOutputStream wire = new ByteArrayOutputStream();
        for (RespValue reply : replies) {
            wire.writeBytes(RespSerializer.serialize(reply));
        }
        List<RespValue> parsed = new ArrayList<>();
        QueryBuffer in = new QueryBuffer();
        for (byte[] chunk : cut(wire.toByteArray(), chunkSizes)) {
            in.append(chunk);
            RespValue value;
            while ((value = parser.next(in)) != null) {
                parsed.add(value);
            }
        }
        assertThat(in.readable()).isZero();
        assertThat(parsed).isEqualTo(replies);
    }

    // ---- round trips ----

    @Property
    void serializeThenParseGivesTheValueBackAndParseThenSerializeTheBytes(@ForAll("values") RespValue value) throws Exception {
        byte[] wire = RespSerializer.serialize(value);
        QueryBuffer in = new QueryBuffer();
        in.append(wire);
        RespValue parsed = parser.next(in);
        assertThat(parsed).isEqualTo(value);
        assertThat(in.readable()).isZero();
        assertThat(RespSerializer.serialize(parsed)).containsExactly(wire);
    }

    @Stage(lab = 3, value = 1)
    @Property
    void encodeCommandThenDecodeGivesTheArgumentsBack(@ForAll("command") List<byte[]> command) throws Exception {
        QueryBuffer in = new QueryBuffer();
        in.append(RespRequestDecoderTest.multibulk(command));
        assertThat(new RespRequestDecoder().next(in)).containsExactlyElementsOf(command);
        assertThat(in.readable()).isZero();
    }

    // ---- generators ----

    @Provide
    Arbitrary<List<byte[]>> command() {
        return Arbitraries.bytes().array(byte[].class).ofMaxSize(40).list().ofMinSize(1).ofMaxSize(6);
    }

    @Provide
    Arbitrary<List<List<byte[]>>> commands() {
        return command().list().ofMinSize(1).ofMaxSize(5);
    }

    @Provide
    Arbitrary<RespValue> values() {
        return value(3);
    }

    @Provide
    Arbitrary<List<RespValue>> replyLists() {
        return value(2).list().ofMinSize(1).ofMaxSize(5);
    }

    /** Any RESP2 value, with arrays nested at most {@code depth} deep. */
    private Arbitrary<RespValue> value(int depth) {
        Arbitrary<String> line = Arbitraries.strings().withCharRange('\0', '\u00ff').excludeChars('\r', '\n').ofMaxLength(20);
        Arbitrary<RespValue> scalar = Arbitraries.oneOf(
                line.map(SimpleString::new),
                line.map(SimpleError::new),
                Arbitraries.longs().map(RespInteger::new),
                Arbitraries.bytes().array(byte[].class).ofMaxSize(30).map(BulkString::new),
                Arbitraries.of(NullBulkString.INSTANCE, NullArray.INSTANCE, RespArray.EMPTY));
        if (depth == 0) {
            return scalar;
        }
        Arbitrary<RespValue> array = value(depth - 1).list().ofMaxSize(4).map(RespArray::new);
        return Arbitraries.frequencyOf(Tuple.of(3, scalar), Tuple.of(1, array));
    }

    /** Cuts {@code bytes} into chunks of the given sizes, used in turn and repeated. */
    private static List<byte[]> cut(byte[] bytes, List<Integer> sizes) {
        List<byte[]> chunks = new ArrayList<>();
        int pos = 0;
        for (int i = 0; pos < bytes.length; i++) {
            int size = Math.min(sizes.get(i % sizes.size()), bytes.length - pos);
            chunks.add(java.util.Arrays.copyOfRange(bytes, pos, pos + size));
            pos += size;
        }
        return chunks;
    }
}
