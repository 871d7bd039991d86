package dev.redisfromscratch.resp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.redisfromscratch.protocol.ProtocolException;
import dev.redisfromscratch.protocol.QueryBuffer;
import dev.redisfromscratch.protocol.ReplyWriter;
import dev.redisfromscratch.testkit.grading.Stage;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@Stage(lab = 3, value = 1)
class RespRequestDecoderTest {
    private static final String SET = "*3\r\n$3\r\nSET\r\n$3\r\nkey\r\n$5\r\nvalue\r\n";
    private static final String GET = "*2\r\n$3\r\nGET\r\n$3\r\nkey\r\n";

    private RespRequestDecoder decoder = new RespRequestDecoder();

    @Nested
    class CompleteRequests {
        @Test
        void setCommandBecomesItsThreeArguments() throws Exception {
            QueryBuffer in = buffer(SET);
            assertThat(texts(decoder.next(in))).containsExactly("SET", "key", "value");
            assertThat(in.readable()).isZero();
        }

        @Test
        void bulkStringsMayHoldCrLfAndNulBytes() throws Exception {
            QueryBuffer in = buffer("*2\r\n$4\r\nECHO\r\n$7\r\na\r\nb\0c\n\r\n");
            List<byte[]> args = decoder.next(in);
            assertThat(args.get(1)).containsExactly('a', '\r', '\n', 'b', 0, 'c', '\n');
        }

        @Test
        void anEmptyBulkStringIsAnEmptyArgument() throws Exception {
            assertThat(texts(new RespRequestDecoder().next(buffer("*2\r\n$4\r\nECHO\r\n$0\r\n\r\n")))).containsExactly("ECHO", "");
        }

        @Test
        void everyByteValueSurvivesInAPayload() throws Exception {
            byte[] all = new byte[256];
            for (int i = 0; i < all.length; i++) {
                all[i] = (byte) i;
            }
            QueryBuffer in = new QueryBuffer();
            in.append(multibulk(List.of("ECHO".getBytes(StandardCharsets.US_ASCII), all)));
            assertThat(decoder.next(in).get(1)).containsExactly(all);
        }

        @Test
        void pipelinedRequestsComeOutOneAtATimeInOrder() throws Exception {
            QueryBuffer in = buffer(SET + GET + "*1\r\n$4\r\nPING\r\n");
            assertThat(texts(decoder.next(in))).containsExactly("SET", "key", "value");
            assertThat(in.readable()).isEqualTo(GET.length() + 14);
            assertThat(texts(decoder.next(in))).containsExactly("GET", "key");
            assertThat(texts(decoder.next(in))).containsExactly("PING");
            assertThat(decoder.next(in)).isNull();
        }

        @Test
        void zeroAndNegativeCountsAreSkippedAsEmptyRequests() throws Exception {
            QueryBuffer in = buffer("*0\r\n*-1\r\n*-7\r\n" + GET);
            assertThat(decoder.next(in)).isEmpty();
            assertThat(decoder.next(in)).isEmpty();
            assertThat(decoder.next(in)).isEmpty();
            assertThat(texts(decoder.next(in))).containsExactly("GET", "key");
        }

        @Test
        void aLargePayloadArrivesWhole() throws Exception {
            QueryBuffer in = new QueryBuffer();
            in.append(multibulk(List.of("ECHO".getBytes(StandardCharsets.US_ASCII), new byte[100_000])));
            assertThat(decoder.next(in).get(1)).hasSize(100_000);
        }
    }

    @Nested
    class InlineCommands {
        @Test
        void aFirstByteOtherThanStarIsAnInlineCommandWithRedisQuoting() throws Exception {
            assertThat(texts(new RespRequestDecoder().next(buffer("SET k \"a b\"\r\n")))).containsExactly("SET", "k", "a b");
        }

        @Test
        void inlineAndMultibulkRequestsMixInOneBuffer() throws Exception {
            QueryBuffer in = buffer("PING\n" + GET + "ECHO 'x y'\r\n");
            assertThat(texts(decoder.next(in))).containsExactly("PING");
            assertThat(texts(decoder.next(in))).containsExactly("GET", "key");
            assertThat(texts(decoder.next(in))).containsExactly("ECHO", "x y");
        }

        @Test
        void anEmptyInlineLineIsAnEmptyRequest() throws Exception {
            assertThat(new RespRequestDecoder().next(buffer("\r\n"))).isEmpty();
        }

        @Test
        void unbalancedQuotesAreTheInlineProtocolError() {
            assertThatThrownBy(() -> new RespRequestDecoder().next(buffer("SET k \"abc\r\n")))
                    .isInstanceOf(ProtocolException.class).hasMessage("unbalanced quotes in request");
        }

        @Test
        void anInlineLineOver64KiBWithoutNewlineIsTooBig() throws Exception {
            assertThat(new RespRequestDecoder().next(buffer("x".repeat(64 * 1024)))).isNull();
            assertThatThrownBy(() -> new RespRequestDecoder().next(buffer("x".repeat(64 * 1024 + 1))))
                    .isInstanceOf(ProtocolException.class).hasMessage("too big inline request");
        }
    }

    @Nested
    class PartialInput {
        @Test
        void everyProperPrefixOfARequestNeedsMoreAndTheRestCompletesIt() throws Exception {
            for (int length = 1; length < SET.length(); length++) {
                RespRequestDecoder fresh = new RespRequestDecoder();
                QueryBuffer in = buffer(SET.substring(0, length));
                assertThat(fresh.next(in)).as("prefix of %d bytes", length).isNull();
                in.append(latin1(SET.substring(length)));
                assertThat(texts(fresh.next(in))).as("then the rest").containsExactly("SET", "key", "value");
                assertThat(in.readable()).isZero();
            }
        }

        @Test
        void whatANeedMoreConsumedIsWholeHeadersAndArgumentsOnly() throws Exception {
            // *3 $3 SET $3 key $5 val|ue\r\n: the count, three headers and two arguments are taken;
            // the half payload stays in the buffer.
            QueryBuffer in = buffer(SET.substring(0, SET.length() - 4));
            assertThat(decoder.next(in)).isNull();
            assertThat(decoder.state()).isEqualTo(RespRequestDecoder.State.BULK_PAYLOAD);
            assertThat(in.toString()).isEqualTo("val");
        }

        @Test
        void everySplitPointOfAPipelinedBufferYieldsTheSameRequests() throws Exception {
            String all = SET + "*0\r\n" + "*2\r\n$4\r\nECHO\r\n$4\r\n\r\n\0\n\r\n" + "PING\r\n" + GET;
            List<List<String>> expected = List.of(
                    List.of("SET", "key", "value"), List.of(), List.of("ECHO", "\r\n\0\n"), List.of("PING"),
                    List.of("GET", "key"));
            for (int split = 0; split <= all.length(); split++) {
                decoder = new RespRequestDecoder();
                QueryBuffer in = buffer(all.substring(0, split));
                List<List<String>> seen = new ArrayList<>();
                drain(in, seen);
                in.append(latin1(all.substring(split)));
                drain(in, seen);
                assertThat(seen).as("split at %d", split).isEqualTo(expected);
                assertThat(in.readable()).isZero();
                assertThat(decoder.state()).isEqualTo(RespRequestDecoder.State.MULTIBULK_COUNT);
            }
        }

        @Test
        void bytesFedOneAtATimeProduceNothingUntilTheLastByte() throws Exception {
            QueryBuffer in = new QueryBuffer();
            byte[] bytes = latin1(SET);
            for (int i = 0; i < bytes.length - 1; i++) {
                in.append(bytes, i, 1);
                assertThat(decoder.next(in)).isNull();
            }
            in.append(bytes, bytes.length - 1, 1);
            assertThat(texts(decoder.next(in))).containsExactly("SET", "key", "value");
        }

        @Test
        void eachConnectionHasItsOwnDecoderBecauseADecoderRemembersWhereItStopped() throws Exception {
            RespRequestDecoder firstDecoder = new RespRequestDecoder();
            RespRequestDecoder secondDecoder = new RespRequestDecoder();
            QueryBuffer first = buffer(SET.substring(0, 20));
            QueryBuffer second = buffer(GET);
            assertThat(firstDecoder.next(first)).isNull();
            assertThat(texts(secondDecoder.next(second))).containsExactly("GET", "key");
            first.append(latin1(SET.substring(20)));
            assertThat(texts(firstDecoder.next(first))).containsExactly("SET", "key", "value");
        }

        @Test
        void aHeaderIsJudgedOnlyOnceItsLineHasArrived() throws Exception {
            // Redis waits for the CR and one byte after it before looking at a header at all.
            assertThat(new RespRequestDecoder().next(buffer("*1\r\n+PING"))).isNull();
            assertThat(new RespRequestDecoder().next(buffer("*1\r\n+PING\r"))).isNull();
            assertThat(new RespRequestDecoder().next(buffer("*abc\r"))).isNull();
        }
    }

    @Nested
    class MalformedInput {
        @ParameterizedTest
        @ValueSource(strings = {"*abc\r\n", "*\r\n", "*+1\r\n", "*01\r\n", "* 1\r\n", "*1 \r\n", "*-0\r\n", "*-\r\n",
            "*2147483648\r\n", "*9223372036854775807\r\n", "*99999999999999999999\r\n",
            "*123456789012345678901\r\n", "*1\n$4\r\nPING\r\n"})
        void aCountThatIsNotANumberOrTooLargeIsAnInvalidMultibulkLength(String input) {
            assertProtocolError(input, "invalid multibulk length");
        }

        @ParameterizedTest
        @ValueSource(strings = {"$xyz\r\n", "$\r\n", "$-1\r\n", "$-5\r\n", "$+4\r\n", "$04\r\n", "$4 \r\n",
            "$536870913\r\n", "$9223372036854775808\r\n"})
        void aLengthThatIsNotANumberNegativeOrOver512MbIsAnInvalidBulkLength(String header) {
            assertProtocolError("*1\r\n" + header, "invalid bulk length");
        }

        @Test
        void anArgumentThatIsNotABulkStringIsRejectedNamingItsFirstByte() {
            assertProtocolError("*1\r\n+PING\r\n", "expected '$', got '+'");
            assertProtocolError("*2\r\n$3\r\nGET\r\n:1\r\n", "expected '$', got ':'");
            assertProtocolError("*1\r\n*1\r\n$4\r\nPING\r\n", "expected '$', got '*'");
            assertProtocolError("*1\r\n\u00ff\r\n", "expected '$', got '\u00ff'");
        }

        @Test
        void aCrAsTheFirstByteIsRepliedAsASpaceLikeRedis() {
            ProtocolException e = protocolError("*1\r\n\r\n");
            // redis-server 7.0.15 answers this exact line (its error formatter maps CR and LF to spaces).
            assertThat(new String(new ReplyWriter().error(e.replyText()).toByteArray(), StandardCharsets.ISO_8859_1))
                    .isEqualTo("-ERR Protocol error: expected '$', got ' '\r\n");
        }

        @Test
        void aCountLineOver64KiBWithoutCrIsATooBigMbulkCountString() throws Exception {
            // Redis's check is "more than 64 KiB buffered and no CR": the star plus 65535 digits is fine.
            assertThat(new RespRequestDecoder().next(buffer("*" + "1".repeat(64 * 1024 - 1)))).isNull();
            assertProtocolError("*" + "1".repeat(64 * 1024), "too big mbulk count string");
        }

        @Test
        void aLengthLineOver64KiBWithoutCrIsATooBigBulkCountString() throws Exception {
            // Counted from the header's own first byte, not from the start of the request.
            assertThat(new RespRequestDecoder().next(buffer("*1\r\n$" + "1".repeat(64 * 1024 - 1)))).isNull();
            assertProtocolError("*1\r\n$" + "1".repeat(64 * 1024), "too big bulk count string");
        }

        @Test
        void theErrorComesAfterTheGoodRequestsBeforeIt() throws Exception {
            QueryBuffer in = buffer(GET + "*1\r\n+PING\r\n");
            assertThat(texts(decoder.next(in))).containsExactly("GET", "key");
            assertThatThrownBy(() -> decoder.next(in)).hasMessage("expected '$', got '+'");
        }
    }

    /** Behaviour where Redis 7.0.15 is lenient or C-specific; each was checked against redis-server. */
    @Nested
    class RedisQuirksWeKeep {
        @Test
        void theTwoBytesAfterAPayloadAreSkippedWithoutBeingChecked() throws Exception {
            // redis-server replies +PONG +PONG to this buffer.
            QueryBuffer in = buffer("*1\r\n$4\r\nPINGxx*1\r\n$4\r\nPING\r\n");
            assertThat(texts(decoder.next(in))).containsExactly("PING");
            assertThat(texts(decoder.next(in))).containsExactly("PING");
        }

        @Test
        void theByteAfterAHeadersCrIsSkippedWithoutBeingChecked() throws Exception {
            assertThat(texts(new RespRequestDecoder().next(buffer("*1\rX$4\rYPING\r\n")))).containsExactly("PING");
        }

        @Test
        void aPayloadLengthThatDisagreesWithTheCrlfsFramesByTheLength() throws Exception {
            // $3 claims "a\r\n" as the value; "\r\n" then stands where the next header should be.
            QueryBuffer in = buffer("*3\r\n$3\r\nSET\r\n$1\r\nk\r\n$3\r\na\r\n\r\n$3\r\nGET\r\n");
            assertThat(texts(decoder.next(in))).containsExactly("SET", "k", "a\r\n");
        }

        @Test
        void aNulByteHidesTheCrOfAHeaderAsStrchrDoesSoWeWait() throws Exception {
            assertThat(new RespRequestDecoder().next(buffer("*1\0\r\n$4\r\nPING\r\n"))).isNull();
            assertThat(new RespRequestDecoder().next(buffer("*1\r\n\0\r\n"))).isNull();
        }

        @Test
        void aNulHiddenCrBecomesTooBigPast64KiB() {
            assertProtocolError("*1\0" + "1".repeat(70_000) + "\r\n", "too big mbulk count string");
            assertProtocolError("*1\r\n$\0" + "1".repeat(70_000) + "\r\n", "too big bulk count string");
        }
    }

    @Nested
    class HugeHeaders {
        @Test
        void aMaximalBulkLengthWaitsForItsBytesWithoutAllocatingThem() throws Exception {
            String headers = "*2\r\n$3\r\nSET\r\n$536870912\r\n";
            QueryBuffer in = buffer(headers + "v".repeat(10_000));
            decoder.next(in); // load and link the classes once
            long allocated = allocatedBytesWhile(() -> {
                for (int i = 0; i < 1_000; i++) {
                    if (decoder.next(in) != null) {
                        throw new AssertionError("a request with a missing payload was framed");
                    }
                }
            });
            // A thousand "need more" answers allocate nothing: not the 512 MB, not even the 10 KB.
            assertThat(allocated).isLessThan(16 * 1024);
            assertThat(in.readable()).as("the headers were consumed, the payload waits").isEqualTo(10_000);
        }

        @Test
        void aMaximalCountWaitsWithoutAllocatingAnArgumentList() throws Exception {
            StringBuilder partial = new StringBuilder("*1048576\r\n");
            for (int i = 0; i < 1_000; i++) {
                partial.append("$1\r\nx\r\n");
            }
            QueryBuffer in = buffer(partial.toString());
            decoder.next(in);
            List<List<byte[]>> answer = new ArrayList<>(1);
            long allocated = allocatedBytesWhile(() -> answer.add(decoder.next(in)));
            assertThat(answer).containsOnlyNulls();
            assertThat(allocated).isLessThan(16 * 1024);
        }

        @Test
        void anIntMaxCountWithAFewArgumentsCostsKilobytesNotGigabytes() throws Exception {
            // Redis 7 accepts any count up to INT_MAX. An array sized from the header would be
            // 2^31 references, 8 GiB; the list starts at 1024 slots and grows as arguments arrive.
            QueryBuffer in = buffer("*2147483647\r\n$3\r\nSET\r\n$1\r\nk\r\n$1\r\nv\r\n");
            new RespRequestDecoder().next(buffer("*1\r\n$1\r\nx\r\n")); // load and link the classes once
            List<List<byte[]>> answer = new ArrayList<>(1);
            long allocated = allocatedBytesWhile(() -> answer.add(decoder.next(in)));
            assertThat(answer).containsOnlyNulls();
            assertThat(decoder.state()).isEqualTo(RespRequestDecoder.State.BULK_LENGTH);
            assertThat(allocated).isLessThan(16 * 1024);
        }

        @Test
        void aCountAboveIntMaxFailsAtOnceWithoutAllocatingIt() throws Exception {
            QueryBuffer in = buffer("*2147483648\r\n");
            List<String> errors = new ArrayList<>(2);
            ThrowingRunnable decode = () -> {
                try {
                    decoder.next(buffer("*2147483648\r\n"));
                } catch (ProtocolException e) {
                    errors.add(e.getMessage());
                }
            };
            decode.run(); // load and link the classes once
            long allocated = allocatedBytesWhile(decode);
            assertThat(errors).containsExactly("invalid multibulk length", "invalid multibulk length");
            // The buffer, the exception and its message: a few kilobytes at most.
            assertThat(allocated).isLessThan(24 * 1024);
            assertThat(in.readable()).isPositive();
        }
    }

    /**
     * The limits lab 5 sets per client: Redis's smaller ones before {@code AUTH} while a password is
     * set ({@link RespRequestDecoder#unauthenticatedWhile}), and {@code proto-max-bulk-len} changed
     * at run time ({@link RespRequestDecoder#maxBulkLength(int)}).
     */
    @Nested
    class PerClientLimits {
        private final java.util.concurrent.atomic.AtomicBoolean mustAuthenticate = new java.util.concurrent.atomic.AtomicBoolean(true);

        private RespRequestDecoder restricted() {
            RespRequestDecoder d = new RespRequestDecoder();
            d.unauthenticatedWhile(mustAuthenticate::get);
            return d;
        }

        @Test
        void beforeAuthenticatingTenArgumentsAndSixteenKiBPassButNoMore() throws Exception {
            RespRequestDecoder d = restricted();
            assertThat(d.next(buffer("*10\r\n"))).isNull(); // ten is allowed: wait for them
            assertThat(texts(restricted().next(buffer("*1\r\n$16384\r\n" + "x".repeat(16384) + "\r\n"))))
                    .containsExactly("x".repeat(16384));
            assertThatThrownBy(() -> restricted().next(buffer("*11\r\n")))
                    .isInstanceOf(ProtocolException.class).hasMessage("unauthenticated multibulk length");
            assertThatThrownBy(() -> restricted().next(buffer("*1\r\n$16385\r\n")))
                    .isInstanceOf(ProtocolException.class).hasMessage("unauthenticated bulk length");
        }

        @Test
        void theUsualErrorsComeFirstAsInRedis() {
            assertThatThrownBy(() -> restricted().next(buffer("*2147483648\r\n"))).hasMessage("invalid multibulk length");
            assertThatThrownBy(() -> restricted().next(buffer("*1\r\n$536870913\r\n"))).hasMessage("invalid bulk length");
        }

        @Test
        void theLimitsLiftOnceTheClientHasAuthenticatedAndInlineRequestsHaveNone() throws Exception {
            RespRequestDecoder d = restricted();
            mustAuthenticate.set(false);
            assertThat(d.next(buffer("*11\r\n"))).isNull();
            mustAuthenticate.set(true);
            String longInline = "ECHO " + "y".repeat(20_000) + "\r\n";
            assertThat(texts(restricted().next(buffer(longInline)))).containsExactly("ECHO", "y".repeat(20_000));
        }

        @Test
        void maxBulkLengthChangesFromTheNextHeader() throws Exception {
            RespRequestDecoder d = new RespRequestDecoder();
            d.maxBulkLength(1024 * 1024);
            assertThatThrownBy(() -> d.next(buffer("*1\r\n$1048577\r\n"))).hasMessage("invalid bulk length");
            d.maxBulkLength(2 * 1024 * 1024);
            assertThat(d.next(buffer("*1\r\n$1048577\r\n"))).isNull();
        }
    }

    // ---- helpers ----

    private void assertProtocolError(String input, String redisText) {
        assertThat(protocolError(input).getMessage()).as("input %s", show(input)).isEqualTo(redisText);
    }

    private ProtocolException protocolError(String input) {
        QueryBuffer in = buffer(input);
        try {
            List<byte[]> args = new RespRequestDecoder().next(in);
            throw new AssertionError("expected a protocol error for " + show(input) + ", got " + args);
        } catch (ProtocolException e) {
            return e;
        }
    }

    /** Frames every complete request; returns how many bytes were consumed. */
    private int drain(QueryBuffer in, List<List<String>> seen) throws ProtocolException {
        int before = in.readable();
        List<byte[]> args;
        while ((args = decoder.next(in)) != null) {
            seen.add(texts(args));
        }
        return before - in.readable();
    }

    interface ThrowingRunnable {
        void run() throws Exception;
    }

    /** Bytes allocated on the heap by this thread while {@code body} runs (HotSpot's TLAB accounting). */
    static long allocatedBytesWhile(ThrowingRunnable body) throws Exception {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        assumeTrue(threads.isThreadAllocatedMemorySupported() && threads.isThreadAllocatedMemoryEnabled(),
                "this JVM cannot count allocated bytes per thread");
        long id = Thread.currentThread().getId();
        threads.getThreadAllocatedBytes(id);
        long before = threads.getThreadAllocatedBytes(id);
        body.run();
        return threads.getThreadAllocatedBytes(id) - before;
    }

    /**
     * The multibulk a client sends for {@code args}, written with lab 1's ReplyWriter (so that the
     * decoder's tests do not depend on lab 3's serializer, a later stage).
     */
    static byte[] multibulk(List<byte[]> args) {
        ReplyWriter out = new ReplyWriter().arrayHeader(args.size()); // *<count>\r\n
        args.forEach(out::bulk);                                      // $<len>\r\n<arg>\r\n each
        return out.toByteArray();
    }

    static QueryBuffer buffer(String latin1) {
        QueryBuffer in = new QueryBuffer();
        in.append(latin1(latin1));
        return in;
    }

    static byte[] latin1(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    static List<String> texts(List<byte[]> args) {
        return args == null ? null : args.stream().map(b -> new String(b, StandardCharsets.ISO_8859_1)).toList();
    }

    static String show(String s) {
        return s.replace("\r", "\\r").replace("\n", "\\n");
    }
}
