package dev.redisfromscratch.store;

import static dev.redisfromscratch.testkit.blackbox.Reply.bulk;
import static dev.redisfromscratch.testkit.blackbox.Request.inline;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.redisfromscratch.testkit.blackbox.BlackBox;
import dev.redisfromscratch.testkit.blackbox.ServerUnderTest;
import dev.redisfromscratch.testkit.blackbox.TtlWindow;
import dev.redisfromscratch.testkit.blackbox.WireClient;
import dev.redisfromscratch.testkit.grading.Points;
import dev.redisfromscratch.testkit.grading.Stage;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Lab 2's server from outside: inline commands over a real socket, replies checked byte for byte.
 * It is the clock-free half of {@link DataStoreServerTest}: SET and its options, GET, DEL, EXISTS,
 * EXPIRE, TTL, PTTL and PERSIST, and their errors. Nothing here waits for time to pass: a TTL read
 * back is checked against a {@link TtlWindow}, which measures the time that passed.
 *
 * <p>Every reply is Redis 7's, so the same tests grade any server ({@code ./lab grade 2 --server
 * HOST:PORT}) and pass against a real {@code redis-server} (the grader's self-test). Each test
 * works on keys of its own from the seed ({@link ServerUnderTest#key}), so a shared server holding
 * other keys grades the same: DBSIZE, which counts them all, is only checked for a lower bound.
 */
@BlackBox(local = DataStoreLocalServer.class)
@Points(2)
@Stage(lab = 2, value = 4) // its server also runs the active expiry cycle once keys have a TTL
class DataStoreBlackBoxTest {
    private static final String SYNTAX_ERROR = "-ERR syntax error\r\n";
    private static final String NOT_AN_INTEGER = "-ERR value is not an integer or out of range\r\n";

    private static String wrongArity(String command) {
        return "-ERR wrong number of arguments for '" + command + "' command\r\n";
    }

    // --- SET and GET (Redis: t_string.c) ------------------------------------------------------

    @Test
    @Points(4)
    void setThenGet(ServerUnderTest server) throws Exception {
        String key = server.key("greeting");
        String value = server.letters(1 + server.value().length());
        try (WireClient c = server.connect()) {
            c.inline("SET " + key + " " + value).expect("+OK\r\n");
            c.inline("GET " + key).expect(bulk(value));
            c.inline("GET " + server.key("missing")).expect("$-1\r\n");
        }
    }

    @Test
    void commandNamesAreCaseInsensitive(ServerUnderTest server) throws Exception {
        String key = server.key("case");
        try (WireClient c = server.connect()) {
            c.send(inline("set " + key + " v"), inline("gEt " + key), inline("Del " + key))
                    .expect("+OK\r\n", "$1\r\nv\r\n", ":1\r\n");
        }
    }

    @Test
    @Points(3)
    void quotedKeysAndValuesAreBinarySafe(ServerUnderTest server) throws Exception {
        String key = server.key("bin");
        String empty = server.key("empty");
        try (WireClient c = server.connect()) {
            // the key gets a space and \r\n; the value \r\n, NUL and byte 0xff
            c.send(inline("SET \"" + key + " \\r\\n\" \"a\\r\\nb\\x00c\\xff\""), inline("GET \"" + key + " \\r\\n\""),
                    inline("EXISTS " + key), inline("SET " + empty + " \"\""), inline("GET " + empty))
                    .expect("+OK\r\n", "$7\r\na\r\nb\0c\u00ff\r\n", ":0\r\n", "+OK\r\n", "$0\r\n\r\n");
        }
    }

    @Test
    void nxSetsOnlyAMissingKey(ServerUnderTest server) throws Exception {
        String key = server.key("nx");
        try (WireClient c = server.connect()) {
            c.send(inline("SET " + key + " first NX"), inline("SET " + key + " second nx"), inline("GET " + key))
                    .expect("+OK\r\n", "$-1\r\n", "$5\r\nfirst\r\n");
        }
    }

    @Test
    void xxSetsOnlyAnExistingKey(ServerUnderTest server) throws Exception {
        String key = server.key("xx");
        try (WireClient c = server.connect()) {
            c.send(inline("SET " + key + " first XX"), inline("GET " + key), inline("SET " + key + " first"),
                    inline("SET " + key + " second XX"), inline("GET " + key))
                    .expect("$-1\r\n", "$-1\r\n", "+OK\r\n", "+OK\r\n", "$6\r\nsecond\r\n");
        }
    }

    @Test
    void getOptionRepliesTheOldValue(ServerUnderTest server) throws Exception {
        String key = server.key("getset");
        try (WireClient c = server.connect()) {
            c.send(inline("SET " + key + " v GET"), inline("SET " + key + " v2 GET"), inline("SET " + key + " v3 XX GET"),
                    inline("GET " + key))
                    .expect("$-1\r\n", "$1\r\nv\r\n", "$2\r\nv2\r\n", "$2\r\nv3\r\n");
        }
    }

    @Test
    void getWithNxRepliesTheOldValueAndLeavesItInPlace(ServerUnderTest server) throws Exception {
        String key = server.key("nxget");
        String fresh = server.key("nxget-fresh");
        try (WireClient c = server.connect()) {
            c.send(inline("SET " + key + " old"), inline("SET " + key + " new NX GET"), inline("GET " + key),
                    inline("SET " + fresh + " new NX GET"), inline("GET " + fresh))
                    .expect("+OK\r\n", "$3\r\nold\r\n", "$3\r\nold\r\n", "$-1\r\n", "$3\r\nnew\r\n");
        }
    }

    @Test
    @Points(3)
    void exSetsATimeToLiveInSeconds(ServerUnderTest server) throws Exception {
        String key = server.key("ex");
        TtlWindow window = TtlWindow.startingNow(Duration.ofSeconds(100));
        try (WireClient c = server.connect()) {
            c.send(inline("SET " + key + " v EX 100"), inline("TTL " + key), inline("PTTL " + key)).expect("+OK\r\n");
            window.expectTtl(c);
            window.expectPttl(c);
        }
    }

    @Test
    @Points(3)
    void pxSetsATimeToLiveInMilliseconds(ServerUnderTest server) throws Exception {
        String key = server.key("px");
        TtlWindow window = TtlWindow.startingNow(Duration.ofMillis(100_700));
        try (WireClient c = server.connect()) {
            c.send(inline("SET " + key + " v PX 100700"), inline("PTTL " + key), inline("TTL " + key)).expect("+OK\r\n");
            window.expectPttl(c);
            window.expectTtl(c);
        }
    }

    @Test
    void exatAndPxatSetAnAbsoluteExpireTime(ServerUnderTest server) throws Exception {
        // An hour ahead of this machine's clock: the server's clock may differ by a little, so the
        // TTL is not read back; PERSIST replying 1 shows that a time to live was set.
        long inAnHour = System.currentTimeMillis() / 1000 + 3600;
        String exat = server.key("exat");
        String pxat = server.key("pxat");
        try (WireClient c = server.connect()) {
            c.send(inline("SET " + exat + " v EXAT " + inAnHour), inline("EXISTS " + exat), inline("PERSIST " + exat),
                    inline("SET " + pxat + " v PXAT " + inAnHour * 1000), inline("PERSIST " + pxat))
                    .expect("+OK\r\n", ":1\r\n", ":1\r\n", "+OK\r\n", ":1\r\n");
        }
    }

    @Test
    void anExpireTimeInThePastStoresAKeyThatIsAlreadyGone(ServerUnderTest server) throws Exception {
        String exat = server.key("past-exat");
        String pxat = server.key("past-pxat");
        try (WireClient c = server.connect()) {
            c.send(inline("SET " + exat + " v EXAT 1"), inline("GET " + exat),
                    inline("SET " + pxat + " v PXAT 1"), inline("EXISTS " + pxat))
                    .expect("+OK\r\n", "$-1\r\n", "+OK\r\n", ":0\r\n");
        }
    }

    @Test
    void keepTtlKeepsTheTimeToLiveAndAPlainSetRemovesIt(ServerUnderTest server) throws Exception {
        String key = server.key("keepttl");
        TtlWindow window = TtlWindow.startingNow(Duration.ofSeconds(100));
        try (WireClient c = server.connect()) {
            c.send(inline("SET " + key + " v EX 100"), inline("SET " + key + " v2 KEEPTTL"), inline("TTL " + key))
                    .expect("+OK\r\n", "+OK\r\n");
            window.expectTtl(c);
            c.send(inline("GET " + key), inline("SET " + key + " v3"), inline("TTL " + key))
                    .expect("$2\r\nv2\r\n", "+OK\r\n", ":-1\r\n");
        }
    }

    @Test
    void aRepeatedTimeOptionTakesTheLastValue(ServerUnderTest server) throws Exception {
        String key = server.key("twice");
        TtlWindow window = TtlWindow.startingNow(Duration.ofSeconds(200));
        try (WireClient c = server.connect()) {
            c.send(inline("SET " + key + " v EX 10 EX 200"), inline("TTL " + key)).expect("+OK\r\n");
            window.expectTtl(c);
        }
    }

    @Test
    @Points(3)
    void badOptionCombinationsAreSyntaxErrors(ServerUnderTest server) throws Exception {
        String k = server.key("syntax");
        try (WireClient c = server.connect()) {
            c.send(inline("SET " + k + " v NX XX"), inline("SET " + k + " v XX NX"), inline("SET " + k + " v FOO"),
                    inline("SET " + k + " v EX"), inline("SET " + k + " v EX 10 PX 100"),
                    inline("SET " + k + " v EX 10 KEEPTTL"), inline("SET " + k + " v KEEPTTL PXAT 100"),
                    inline("SET " + k + " v EXAT 10 EX 10"), inline("SET " + k + " v PERSIST"), inline("GET " + k))
                    .expect(SYNTAX_ERROR, SYNTAX_ERROR, SYNTAX_ERROR, SYNTAX_ERROR, SYNTAX_ERROR, SYNTAX_ERROR,
                            SYNTAX_ERROR, SYNTAX_ERROR, SYNTAX_ERROR, "$-1\r\n"); // none of them stored anything
        }
    }

    @Test
    void aTimeThatIsNotAnIntegerIsRejected(ServerUnderTest server) throws Exception {
        String k = server.key("nan");
        try (WireClient c = server.connect()) {
            c.send(inline("SET " + k + " v EX abc"), inline("SET " + k + " v PX 1.5"),
                    inline("SET " + k + " v EX 99999999999999999999"), inline("SET " + k + " v EX +5"),
                    inline("SET " + k + " v EX 007"), inline("GET " + k))
                    .expect(NOT_AN_INTEGER, NOT_AN_INTEGER, NOT_AN_INTEGER, NOT_AN_INTEGER, NOT_AN_INTEGER, "$-1\r\n");
        }
    }

    @Test
    void aTimeThatIsNotPositiveOrOverflowsIsAnInvalidExpireTime(ServerUnderTest server) throws Exception {
        String k = server.key("invalid");
        String invalid = "-ERR invalid expire time in 'set' command\r\n";
        try (WireClient c = server.connect()) {
            c.send(inline("SET " + k + " v EX 0"), inline("SET " + k + " v EX -5"), inline("SET " + k + " v PX 0"),
                    inline("SET " + k + " v EXAT 0"), inline("SET " + k + " v PXAT -1"),
                    inline("SET " + k + " v EX 9223372036854776"), // × 1000 overflows
                    inline("SET " + k + " v PX 9223372036854775807"), // + now overflows
                    inline("GET " + k))
                    .expect(invalid, invalid, invalid, invalid, invalid, invalid, invalid, "$-1\r\n");
        }
    }

    @Test
    void theSyntaxIsCheckedFirstThenTheTimeThenTheOldValueIsRead(ServerUnderTest server) throws Exception {
        String k = server.key("order");
        try (WireClient c = server.connect()) {
            c.send(inline("SET " + k + " v EX abc FOO"), inline("SET " + k + " v"), inline("SET " + k + " v2 GET EX 0"),
                    inline("GET " + k))
                    .expect(SYNTAX_ERROR, "+OK\r\n", "-ERR invalid expire time in 'set' command\r\n", "$1\r\nv\r\n");
        }
    }

    @Test
    void setAndGetWithTheWrongNumberOfArguments(ServerUnderTest server) throws Exception {
        String k = server.key("arity");
        try (WireClient c = server.connect()) {
            c.send(inline("SET " + k), inline("SET"), inline("GET"), inline("GET " + k + " " + k))
                    .expect(wrongArity("set"), wrongArity("set"), wrongArity("get"), wrongArity("get"));
        }
    }

    // --- DEL, EXISTS, DBSIZE (Redis: db.c) -----------------------------------------------------

    @Test
    @Points(3)
    void delCountsTheKeysThatExisted(ServerUnderTest server) throws Exception {
        String a = server.key("a");
        String b = server.key("b");
        try (WireClient c = server.connect()) {
            c.send(inline("SET " + a + " 1"), inline("SET " + b + " 2"), inline("DEL " + a + " " + b + " " + server.key("c")),
                    inline("DEL " + a), inline("GET " + b))
                    .expect("+OK\r\n", "+OK\r\n", ":2\r\n", ":0\r\n", "$-1\r\n");
        }
    }

    @Test
    void delOfTheSameKeyTwiceCountsItOnce(ServerUnderTest server) throws Exception {
        String a = server.key("twice");
        try (WireClient c = server.connect()) {
            c.send(inline("SET " + a + " 1"), inline("DEL " + a + " " + a)).expect("+OK\r\n", ":1\r\n");
        }
    }

    @Test
    void existsCountsEveryMentionOfAKey(ServerUnderTest server) throws Exception {
        String a = server.key("a");
        String nope = server.key("nope");
        try (WireClient c = server.connect()) {
            c.send(inline("SET " + a + " 1"), inline("EXISTS " + a), inline("EXISTS " + a + " " + a + " " + a + " " + nope),
                    inline("EXISTS " + nope))
                    .expect("+OK\r\n", ":1\r\n", ":3\r\n", ":0\r\n");
        }
    }

    @Test
    void dbsizeCountsAtLeastTheKeysJustSet(ServerUnderTest server) throws Exception {
        try (WireClient c = server.connect()) {
            c.send(inline("SET " + server.key("a") + " 1"), inline("SET " + server.key("b") + " 2"), inline("DBSIZE"))
                    .expect("+OK\r\n", "+OK\r\n");
            long size = c.expectIntegerReply();
            assertTrue(size >= 2, () -> "DBSIZE replied " + size + " right after two new keys were set: it counts every key");
        }
    }

    @Test
    void keyCommandsWithTheWrongNumberOfArguments(ServerUnderTest server) throws Exception {
        try (WireClient c = server.connect()) {
            c.send(inline("DEL"), inline("EXISTS"), inline("DBSIZE x"))
                    .expect(wrongArity("del"), wrongArity("exists"), wrongArity("dbsize"));
        }
    }

    // --- EXPIRE, TTL, PTTL, PERSIST (Redis: expire.c) ------------------------------------------

    @Test
    void expireOfAMissingKeyIsZero(ServerUnderTest server) throws Exception {
        String nope = server.key("nope");
        try (WireClient c = server.connect()) {
            c.send(inline("EXPIRE " + nope + " 10"), inline("EXISTS " + nope)).expect(":0\r\n", ":0\r\n");
        }
    }

    @Test
    @Points(3)
    void expireSetsATimeToLiveThatTtlAndPttlReport(ServerUnderTest server) throws Exception {
        String key = server.key("expire");
        try (WireClient c = server.connect()) {
            c.inline("SET " + key + " v").expect("+OK\r\n");
            TtlWindow window = TtlWindow.startingNow(Duration.ofSeconds(100));
            c.send(inline("EXPIRE " + key + " 100"), inline("TTL " + key), inline("PTTL " + key)).expect(":1\r\n");
            window.expectTtl(c);
            window.expectPttl(c);
        }
    }

    @Test
    void aNegativeOrZeroTimeToLiveDeletesTheKeyAndRepliesOne(ServerUnderTest server) throws Exception {
        String a = server.key("a");
        String b = server.key("b");
        try (WireClient c = server.connect()) {
            c.send(inline("SET " + a + " v"), inline("SET " + b + " v"), inline("EXPIRE " + a + " -1"),
                    inline("EXPIRE " + b + " 0"), inline("EXISTS " + a + " " + b), inline("EXPIRE " + b + " -1"))
                    .expect("+OK\r\n", "+OK\r\n", ":1\r\n", ":1\r\n", ":0\r\n", ":0\r\n");
        }
    }

    @Test
    void nxSetsATimeToLiveOnlyWhereThereIsNoneAndXxOnlyWhereThereIsOne(ServerUnderTest server) throws Exception {
        String key = server.key("nxxx");
        try (WireClient c = server.connect()) {
            c.send(inline("SET " + key + " v"), inline("EXPIRE " + key + " 100 XX"), inline("TTL " + key))
                    .expect("+OK\r\n", ":0\r\n", ":-1\r\n");
            TtlWindow hundred = TtlWindow.startingNow(Duration.ofSeconds(100));
            c.send(inline("EXPIRE " + key + " 100 NX"), inline("EXPIRE " + key + " 200 nx"), inline("TTL " + key))
                    .expect(":1\r\n", ":0\r\n");
            hundred.expectTtl(c);
            TtlWindow fifty = TtlWindow.startingNow(Duration.ofSeconds(50));
            c.send(inline("EXPIRE " + key + " 50 XX"), inline("TTL " + key)).expect(":1\r\n");
            fifty.expectTtl(c);
        }
    }

    @Test
    void gtOnlyExtendsAndNeverAppliesToAKeyWithoutTimeToLive(ServerUnderTest server) throws Exception {
        String key = server.key("gt");
        try (WireClient c = server.connect()) {
            c.send(inline("SET " + key + " v"), inline("EXPIRE " + key + " 100 GT"), inline("TTL " + key),
                    inline("EXPIRE " + key + " 100"), inline("EXPIRE " + key + " 50 GT"))
                    .expect("+OK\r\n", ":0\r\n", ":-1\r\n", ":1\r\n", ":0\r\n");
            TtlWindow window = TtlWindow.startingNow(Duration.ofSeconds(200));
            c.send(inline("EXPIRE " + key + " 200 GT"), inline("TTL " + key)).expect(":1\r\n");
            window.expectTtl(c);
        }
    }

    @Test
    void ltOnlyShortensAndAlwaysAppliesToAKeyWithoutTimeToLive(ServerUnderTest server) throws Exception {
        String key = server.key("lt");
        try (WireClient c = server.connect()) {
            c.send(inline("SET " + key + " v"), inline("EXPIRE " + key + " 100 LT"), inline("EXPIRE " + key + " 200 LT"))
                    .expect("+OK\r\n", ":1\r\n", ":0\r\n");
            TtlWindow window = TtlWindow.startingNow(Duration.ofSeconds(50));
            c.send(inline("EXPIRE " + key + " 50 lt"), inline("TTL " + key)).expect(":1\r\n");
            window.expectTtl(c);
        }
    }

    @Test
    void expireOptionErrorsComeBeforeTheTimeIsRead(ServerUnderTest server) throws Exception {
        String k = server.key("opts");
        String nxAndOthers = "-ERR NX and XX, GT or LT options at the same time are not compatible\r\n";
        try (WireClient c = server.connect()) {
            c.send(inline("SET " + k + " v"), inline("EXPIRE " + k + " abc FOO"), inline("EXPIRE " + k + " 10 NX XX"),
                    inline("EXPIRE " + k + " 10 NX GT"), inline("EXPIRE " + k + " 10 GT LT"),
                    inline("EXPIRE " + k + " 10 XX GT"), inline("EXPIRE " + k + " abc"), inline("EXPIRE " + k + " 1.5"),
                    inline("TTL " + k))
                    .expect("+OK\r\n", "-ERR Unsupported option FOO\r\n", nxAndOthers, nxAndOthers,
                            "-ERR GT and LT options at the same time are not compatible\r\n",
                            ":0\r\n", // XX with GT is allowed; the key has no time to live, so XX does nothing
                            NOT_AN_INTEGER, NOT_AN_INTEGER, ":-1\r\n");
        }
    }

    @Test
    void anOverflowingTimeToLiveIsAnInvalidExpireTime(ServerUnderTest server) throws Exception {
        String k = server.key("overflow");
        String invalid = "-ERR invalid expire time in 'expire' command\r\n";
        try (WireClient c = server.connect()) {
            c.send(inline("SET " + k + " v"), inline("EXPIRE " + k + " 9223372036854775807"),
                    inline("EXPIRE " + k + " -9223372036854775807"),
                    inline("EXPIRE " + k + " 9223372036854775"), // × 1000 fits, + now overflows
                    inline("EXPIRE " + server.key("nope") + " 9223372036854775807"), inline("TTL " + k))
                    .expect("+OK\r\n", invalid, invalid, invalid, invalid, ":-1\r\n");
        }
    }

    @Test
    void ttlAndPttlOfMissingAndPersistentKeys(ServerUnderTest server) throws Exception {
        String nope = server.key("nope");
        String key = server.key("forever");
        try (WireClient c = server.connect()) {
            c.send(inline("TTL " + nope), inline("PTTL " + nope), inline("SET " + key + " v"), inline("TTL " + key),
                    inline("PTTL " + key))
                    .expect(":-2\r\n", ":-2\r\n", "+OK\r\n", ":-1\r\n", ":-1\r\n");
        }
    }

    @Test
    void persistRemovesATimeToLiveAndRepliesWhetherThereWasOne(ServerUnderTest server) throws Exception {
        String key = server.key("persist");
        try (WireClient c = server.connect()) {
            c.send(inline("PERSIST " + server.key("nope")), inline("SET " + key + " v EX 100"), inline("PERSIST " + key),
                    inline("PERSIST " + key), inline("TTL " + key), inline("GET " + key))
                    .expect(":0\r\n", "+OK\r\n", ":1\r\n", ":0\r\n", ":-1\r\n", "$1\r\nv\r\n");
        }
    }

    @Test
    void expiryCommandsWithTheWrongNumberOfArguments(ServerUnderTest server) throws Exception {
        String k = server.key("arity");
        try (WireClient c = server.connect()) {
            c.send(inline("EXPIRE " + k), inline("TTL"), inline("TTL " + k + " " + k), inline("PTTL"), inline("PERSIST"))
                    .expect(wrongArity("expire"), wrongArity("ttl"), wrongArity("ttl"), wrongArity("pttl"),
                            wrongArity("persist"));
        }
    }

    // --- one keyspace for every request and every client ---------------------------------------

    @Test
    @Points(3)
    void pipelinedRequestsAreAnsweredInOrder(ServerUnderTest server) throws Exception {
        String a = server.key("a");
        String value = server.letters(12);
        try (WireClient c = server.connect()) {
            c.send(inline("SET " + a + " " + value), inline("GET " + a), inline("DEL " + a), inline("GET " + a),
                    inline("EXISTS " + a))
                    .expect("+OK\r\n", bulk(value), ":1\r\n", "$-1\r\n", ":0\r\n");
        }
    }

    @Test
    @Points(3)
    void theNextClientSeesTheSameKeyspace(ServerUnderTest server) throws Exception {
        String key = server.key("shared");
        String value = server.letters(10);
        try (WireClient c = server.connect()) {
            c.inline("SET " + key + " " + value).expect("+OK\r\n");
        }
        try (WireClient c = server.connect()) {
            c.inline("GET " + key).expect(bulk(value));
        }
    }
}
