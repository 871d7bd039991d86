package dev.redisfromscratch.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.redisfromscratch.config.ServerConfig;
import dev.redisfromscratch.server.DataStoreServer;
import dev.redisfromscratch.tcp.BlockingServer;
import dev.redisfromscratch.testkit.ManualClock;
import dev.redisfromscratch.testkit.RawClient;
import dev.redisfromscratch.testkit.grading.Stage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Lab 2's server over a real socket on an ephemeral port: inline requests in, exact RESP bytes out.
 * The store runs on a {@link ManualClock}, so TTLs are exact and expiry happens when the test says.
 */
@Stage(lab = 2, value = 4)
class DataStoreServerTest {
    /** 2026-01-01T00:00:00Z, where every ManualClock starts, in Unix seconds. */
    private static final long START_SECONDS = 1_767_225_600L;

    private final ManualClock clock = new ManualClock();
    private BlockingServer server;
    private RawClient client;

    @BeforeEach
    void start() throws IOException {
        server = startServer(new DataStore(clock));
        client = RawClient.connect(server.port());
    }

    @AfterEach
    void stop() throws IOException {
        client.close();
        server.close();
    }

    private static BlockingServer startServer(DataStore store) throws IOException {
        BlockingServer s = DataStoreServer.create(ServerConfig.ephemeral(), store, line -> { });
        s.start();
        return s;
    }

    /** Sends one inline request and asserts the exact reply bytes. */
    private void exchange(String request, String expectedReply) throws IOException {
        client.send(request);
        assertThat(client.read(expectedReply)).as("reply to %s", RawClient.show(request.getBytes(StandardCharsets.ISO_8859_1)))
                .isEqualTo(expectedReply);
    }

    private static String wrongArity(String command) {
        return "-ERR wrong number of arguments for '" + command + "' command\r\n";
    }

    @Nested
    class SetAndGet {
        @Test
        void setReplysOkAndGetReturnsABulkString() throws IOException {
            exchange("SET greeting hello\r\n", "+OK\r\n");
            exchange("GET greeting\r\n", "$5\r\nhello\r\n");
        }

        @Test
        void getOfAMissingKeyIsTheNullBulkString() throws IOException {
            exchange("GET nope\r\n", "$-1\r\n");
        }

        @Test
        void commandNamesAreCaseInsensitive() throws IOException {
            exchange("set k v\r\n", "+OK\r\n");
            exchange("gEt k\r\n", "$1\r\nv\r\n");
        }

        @Test
        void binaryKeysAndValuesSurviveTheRoundTrip() throws IOException {
            exchange("SET \"a\\r\\nb\" \"x\\x00y\\xff\"\r\n", "+OK\r\n");
            exchange("GET \"a\\r\\nb\"\r\n", "$4\r\nx\0y\u00ff\r\n");
            exchange("GET a\r\n", "$-1\r\n");
        }

        @Test
        void anEmptyValueIsAnEmptyBulkString() throws IOException {
            exchange("SET k \"\"\r\n", "+OK\r\n");
            exchange("GET k\r\n", "$0\r\n\r\n");
        }

        @Test
        void nxSetsOnlyAMissingKey() throws IOException {
            exchange("SET k first NX\r\n", "+OK\r\n");
            exchange("SET k second nx\r\n", "$-1\r\n");
            exchange("GET k\r\n", "$5\r\nfirst\r\n");
        }

        @Test
        void xxSetsOnlyAnExistingKey() throws IOException {
            exchange("SET k first XX\r\n", "$-1\r\n");
            exchange("GET k\r\n", "$-1\r\n");
            exchange("SET k first\r\n", "+OK\r\n");
            exchange("SET k second XX\r\n", "+OK\r\n");
            exchange("GET k\r\n", "$6\r\nsecond\r\n");
        }

        @Test
        void exAndPxSetATtl() throws IOException {
            exchange("SET a v EX 10\r\n", "+OK\r\n");
            exchange("TTL a\r\n", ":10\r\n");
            exchange("SET b v PX 1500\r\n", "+OK\r\n");
            exchange("PTTL b\r\n", ":1500\r\n");
            exchange("TTL b\r\n", ":2\r\n"); // (1500 + 500) / 1000
        }

        @Test
        void exatAndPxatSetAnAbsoluteExpireTime() throws IOException {
            exchange("SET a v EXAT " + (START_SECONDS + 100) + "\r\n", "+OK\r\n");
            exchange("TTL a\r\n", ":100\r\n");
            exchange("SET b v PXAT " + (START_SECONDS * 1000 + 2_500) + "\r\n", "+OK\r\n");
            exchange("PTTL b\r\n", ":2500\r\n");
        }

        @Test
        void anExatInThePastStoresAKeyThatIsAlreadyGone() throws IOException {
            exchange("SET k v EXAT 1\r\n", "+OK\r\n");
            exchange("GET k\r\n", "$-1\r\n");
        }

        @Test
        void setWithoutKeepTtlRemovesTheTtlAndKeepTtlKeepsIt() throws IOException {
            exchange("SET k v EX 100\r\n", "+OK\r\n");
            exchange("SET k v2 KEEPTTL\r\n", "+OK\r\n");
            exchange("TTL k\r\n", ":100\r\n");
            exchange("SET k v3\r\n", "+OK\r\n");
            exchange("TTL k\r\n", ":-1\r\n");
        }

        @Test
        void aRepeatedTimeOptionTakesTheLastValue() throws IOException {
            exchange("SET k v EX 10 EX 20\r\n", "+OK\r\n");
            exchange("TTL k\r\n", ":20\r\n");
        }

        @Test
        void getOptionRepliesTheOldValue() throws IOException {
            exchange("SET k v GET\r\n", "$-1\r\n");
            exchange("SET k v2 GET\r\n", "$1\r\nv\r\n");
            exchange("GET k\r\n", "$2\r\nv2\r\n");
        }

        @Test
        void getWithNxRepliesTheOldValueAndLeavesItInPlace() throws IOException {
            exchange("SET k old\r\n", "+OK\r\n");
            exchange("SET k new NX GET\r\n", "$3\r\nold\r\n");
            exchange("GET k\r\n", "$3\r\nold\r\n");
        }

        @Test
        void whenKeyExpires_getReturnsNull() throws IOException {
            exchange("SET k v PX 100\r\n", "+OK\r\n");
            clock.advance(Duration.ofMillis(100));
            exchange("GET k\r\n", "$1\r\nv\r\n"); // at its expire time a key still exists
            clock.advance(Duration.ofMillis(1));
            exchange("GET k\r\n", "$-1\r\n");
            exchange("DBSIZE\r\n", ":0\r\n"); // the GET reclaimed it
        }

        @Test
        void badOptionCombinationsAreSyntaxErrors() throws IOException {
            String syntax = "-ERR syntax error\r\n";
            exchange("SET k v NX XX\r\n", syntax);
            exchange("SET k v XX NX\r\n", syntax);
            exchange("SET k v FOO\r\n", syntax);
            exchange("SET k v EX\r\n", syntax);
            exchange("SET k v EX 10 PX 100\r\n", syntax);
            exchange("SET k v EX 10 KEEPTTL\r\n", syntax);
            exchange("SET k v KEEPTTL PXAT 100\r\n", syntax);
            exchange("SET k v EXAT 10 EX 10\r\n", syntax);
            exchange("SET k v PERSIST\r\n", syntax);
            exchange("GET k\r\n", "$-1\r\n"); // none of them stored anything
        }

        @Test
        void aTimeThatIsNotAnIntegerIsRejected() throws IOException {
            String notInteger = "-ERR value is not an integer or out of range\r\n";
            exchange("SET k v EX abc\r\n", notInteger);
            exchange("SET k v PX 1.5\r\n", notInteger);
            exchange("SET k v EX 99999999999999999999\r\n", notInteger);
        }

        @Test
        void aTimeThatIsNotPositiveOrOverflowsIsAnInvalidExpireTime() throws IOException {
            String invalid = "-ERR invalid expire time in 'set' command\r\n";
            exchange("SET k v EX 0\r\n", invalid);
            exchange("SET k v EX -5\r\n", invalid);
            exchange("SET k v PX 0\r\n", invalid);
            exchange("SET k v EXAT 0\r\n", invalid);
            exchange("SET k v EX 9223372036854776\r\n", invalid); // × 1000 overflows
            exchange("SET k v PX 9223372036854775807\r\n", invalid); // + now overflows
            exchange("GET k\r\n", "$-1\r\n");
        }

        @Test
        void syntaxIsCheckedBeforeTheTimeValue() throws IOException {
            exchange("SET k v EX abc FOO\r\n", "-ERR syntax error\r\n");
        }

        @Test
        void theTimeIsCheckedBeforeGetReadsTheOldValue() throws IOException {
            exchange("SET k v\r\n", "+OK\r\n");
            exchange("SET k v2 GET EX 0\r\n", "-ERR invalid expire time in 'set' command\r\n");
            exchange("GET k\r\n", "$1\r\nv\r\n");
        }

        @Test
        void wrongArgumentCountsGetTheArityError() throws IOException {
            exchange("SET k\r\n", wrongArity("set"));
            exchange("GET\r\n", wrongArity("get"));
            exchange("GET a b\r\n", wrongArity("get"));
        }
    }

    @Stage(lab = 2, value = 2)
    @Nested
    class WrongType {
        @Test
        void getAndSetGetOfAKeyHoldingAnotherTypeReplyWrongType() throws IOException {
            DataStore store = new DataStore(clock);
            store.put("list".getBytes(StandardCharsets.US_ASCII), AnotherType.LIST); // as lab 6 will
            BlockingServer other = startServer(store);
            try (RawClient c = RawClient.connect(other.port())) {
                String wrongType = "-WRONGTYPE Operation against a key holding the wrong kind of value\r\n";
                c.send("GET list\r\n");
                assertThat(c.read(wrongType)).isEqualTo(wrongType);
                c.send("SET list v GET\r\n");
                assertThat(c.read(wrongType)).isEqualTo(wrongType);
                c.send("EXISTS list\r\n");
                assertThat(c.read(":1\r\n")).as("SET ... GET stored nothing").isEqualTo(":1\r\n");
                c.send("SET list v\r\nGET list\r\n");
                assertThat(c.read("+OK\r\n$1\r\nv\r\n")).as("plain SET overwrites any type").isEqualTo("+OK\r\n$1\r\nv\r\n");
            } finally {
                other.close();
            }
        }
    }

    @Nested
    class Keys {
        @Test
        void delCountsTheKeysThatExisted() throws IOException {
            exchange("SET a 1\r\nSET b 2\r\n", "+OK\r\n+OK\r\n");
            exchange("DEL a b c\r\n", ":2\r\n");
            exchange("DEL a\r\n", ":0\r\n");
        }

        @Test
        void delOfTheSameKeyTwiceCountsItOnce() throws IOException {
            exchange("SET a 1\r\n", "+OK\r\n");
            exchange("DEL a a\r\n", ":1\r\n");
        }

        @Test
        void delOfAnExpiredKeyCountsNothing() throws IOException {
            exchange("SET a 1 PX 10\r\n", "+OK\r\n");
            clock.advance(Duration.ofMillis(11));
            exchange("DEL a\r\n", ":0\r\n");
        }

        @Test
        void existsCountsEveryMentionOfAKey() throws IOException {
            exchange("SET a 1\r\n", "+OK\r\n");
            exchange("EXISTS a\r\n", ":1\r\n");
            exchange("EXISTS a a a nope\r\n", ":3\r\n");
            exchange("EXISTS nope\r\n", ":0\r\n");
        }

        @Test
        void dbsizeCountsKeys() throws IOException {
            exchange("DBSIZE\r\n", ":0\r\n");
            exchange("SET a 1\r\nSET b 2\r\nSET a 3\r\n", "+OK\r\n+OK\r\n+OK\r\n");
            exchange("DBSIZE\r\n", ":2\r\n");
        }

        @Test
        void wrongArgumentCountsGetTheArityError() throws IOException {
            exchange("DEL\r\n", wrongArity("del"));
            exchange("EXISTS\r\n", wrongArity("exists"));
            exchange("DBSIZE x\r\n", wrongArity("dbsize"));
        }
    }

    @Nested
    class Expire {
        @Test
        void expireOfAMissingKeyIsZero() throws IOException {
            exchange("EXPIRE nope 10\r\n", ":0\r\n");
        }

        @Test
        void expireSetsATtlThatTtlAndPttlReport() throws IOException {
            exchange("SET k v\r\n", "+OK\r\n");
            exchange("EXPIRE k 100\r\n", ":1\r\n");
            exchange("TTL k\r\n", ":100\r\n");
            exchange("PTTL k\r\n", ":100000\r\n");
            clock.advance(Duration.ofMillis(40_400)); // 59,600 ms left
            exchange("TTL k\r\n", ":60\r\n");
            exchange("PTTL k\r\n", ":59600\r\n");
        }

        @Test
        void theKeyIsGoneOnceItsTtlHasPassed() throws IOException {
            exchange("SET k v\r\nEXPIRE k 5\r\n", "+OK\r\n:1\r\n");
            clock.advance(Duration.ofMillis(5_001));
            exchange("TTL k\r\n", ":-2\r\n");
            exchange("EXISTS k\r\n", ":0\r\n");
        }

        @Test
        void aNegativeOrZeroTtlDeletesTheKeyAndRepliesOne() throws IOException {
            exchange("SET a v\r\nSET b v\r\n", "+OK\r\n+OK\r\n");
            exchange("EXPIRE a -1\r\n", ":1\r\n");
            exchange("EXPIRE b 0\r\n", ":1\r\n");
            exchange("EXISTS a b\r\n", ":0\r\n");
            exchange("DBSIZE\r\n", ":0\r\n");
        }

        @Test
        void nxSetsATtlOnlyWhereThereIsNone() throws IOException {
            exchange("SET k v\r\n", "+OK\r\n");
            exchange("EXPIRE k 100 NX\r\n", ":1\r\n");
            exchange("EXPIRE k 200 nx\r\n", ":0\r\n");
            exchange("TTL k\r\n", ":100\r\n");
        }

        @Test
        void xxChangesOnlyAnExistingTtl() throws IOException {
            exchange("SET k v\r\n", "+OK\r\n");
            exchange("EXPIRE k 100 XX\r\n", ":0\r\n");
            exchange("TTL k\r\n", ":-1\r\n");
            exchange("EXPIRE k 100\r\n", ":1\r\n");
            exchange("EXPIRE k 50 XX\r\n", ":1\r\n");
            exchange("TTL k\r\n", ":50\r\n");
        }

        @Test
        void gtOnlyExtendsAndNeverAppliesToAKeyWithoutTtl() throws IOException {
            exchange("SET k v\r\n", "+OK\r\n");
            exchange("EXPIRE k 100 GT\r\n", ":0\r\n");
            exchange("EXPIRE k 100\r\n", ":1\r\n");
            exchange("EXPIRE k 50 GT\r\n", ":0\r\n");
            exchange("EXPIRE k 100 GT\r\n", ":0\r\n");
            exchange("EXPIRE k 200 GT\r\n", ":1\r\n");
            exchange("TTL k\r\n", ":200\r\n");
        }

        @Test
        void ltOnlyShortensAndAlwaysAppliesToAKeyWithoutTtl() throws IOException {
            exchange("SET k v\r\n", "+OK\r\n");
            exchange("EXPIRE k 100 LT\r\n", ":1\r\n");
            exchange("EXPIRE k 200 LT\r\n", ":0\r\n");
            exchange("EXPIRE k 50 lt\r\n", ":1\r\n");
            exchange("TTL k\r\n", ":50\r\n");
        }

        @Test
        void optionErrorsComeBeforeTheValueIsRead() throws IOException {
            exchange("SET k v\r\n", "+OK\r\n");
            exchange("EXPIRE k abc FOO\r\n", "-ERR Unsupported option FOO\r\n");
            exchange("EXPIRE k 10 NX XX\r\n", "-ERR NX and XX, GT or LT options at the same time are not compatible\r\n");
            exchange("EXPIRE k 10 NX GT\r\n", "-ERR NX and XX, GT or LT options at the same time are not compatible\r\n");
            exchange("EXPIRE k 10 GT LT\r\n", "-ERR GT and LT options at the same time are not compatible\r\n");
            exchange("EXPIRE k 10 XX GT\r\n", ":0\r\n"); // XX with GT is allowed
            exchange("EXPIRE k abc\r\n", "-ERR value is not an integer or out of range\r\n");
            exchange("TTL k\r\n", ":-1\r\n");
        }

        @Test
        void anOverflowingTtlIsAnInvalidExpireTime() throws IOException {
            exchange("SET k v\r\n", "+OK\r\n");
            exchange("EXPIRE k 9223372036854775807\r\n", "-ERR invalid expire time in 'expire' command\r\n");
            exchange("EXPIRE k -9223372036854775807\r\n", "-ERR invalid expire time in 'expire' command\r\n");
            exchange("EXPIRE k 9223372036854775\r\n", "-ERR invalid expire time in 'expire' command\r\n"); // + now overflows
            exchange("EXPIRE nope 9223372036854775807\r\n", "-ERR invalid expire time in 'expire' command\r\n");
        }

        @Test
        void ttlAndPttlOfMissingAndPersistentKeys() throws IOException {
            exchange("TTL nope\r\n", ":-2\r\n");
            exchange("PTTL nope\r\n", ":-2\r\n");
            exchange("SET k v\r\n", "+OK\r\n");
            exchange("TTL k\r\n", ":-1\r\n");
            exchange("PTTL k\r\n", ":-1\r\n");
        }

        @Test
        void persistRemovesATtlAndRepliesWhetherThereWasOne() throws IOException {
            exchange("PERSIST nope\r\n", ":0\r\n");
            exchange("SET k v EX 10\r\n", "+OK\r\n");
            exchange("PERSIST k\r\n", ":1\r\n");
            exchange("PERSIST k\r\n", ":0\r\n");
            exchange("TTL k\r\n", ":-1\r\n");
            clock.advance(Duration.ofSeconds(60));
            exchange("GET k\r\n", "$1\r\nv\r\n");
        }

        @Test
        void wrongArgumentCountsGetTheArityError() throws IOException {
            exchange("EXPIRE k\r\n", wrongArity("expire"));
            exchange("TTL\r\n", wrongArity("ttl"));
            exchange("TTL a b\r\n", wrongArity("ttl"));
            exchange("PTTL\r\n", wrongArity("pttl"));
            exchange("PERSIST\r\n", wrongArity("persist"));
        }
    }

    @Nested
    class ActiveExpiryOnTheServer {
        @Test
        void keysThatAreNeverReadAgainDisappearFromDbsize() throws IOException {
            StringBuilder sets = new StringBuilder();
            StringBuilder oks = new StringBuilder();
            for (int i = 0; i < 100; i++) {
                sets.append("SET temp:").append(i).append(" v EX 1\r\n");
                oks.append("+OK\r\n");
            }
            exchange(sets.toString(), oks.toString());
            exchange("SET keeper v\r\n", "+OK\r\n");
            exchange("DBSIZE\r\n", ":101\r\n");

            clock.advance(Duration.ofSeconds(2));

            // No key is read: only the server cron (every 100 ms) can reclaim them. Ask DBSIZE, which
            // touches no key, until it drops, with a deadline instead of a sleep.
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            String size;
            do {
                client.send("DBSIZE\r\n");
                size = client.readLine();
            } while (!size.equals(":1\r\n") && System.nanoTime() < deadline);
            assertThat(size).isEqualTo(":1\r\n");
            exchange("GET keeper\r\n", "$1\r\nv\r\n");
        }
    }

    @Nested
    class EverythingElse {
        @Test
        void labOnesCommandsStillWork() throws IOException {
            exchange("PING\r\n", "+PONG\r\n");
            exchange("ECHO hi\r\n", "$2\r\nhi\r\n");
        }

        @Test
        void pipelinedRequestsAreAnsweredInOrder() throws IOException {
            exchange("SET a 1\r\nGET a\r\nDEL a\r\nGET a\r\nEXISTS a\r\n", "+OK\r\n$1\r\n1\r\n:1\r\n$-1\r\n:0\r\n");
        }

        @Test
        void anUnknownCommandIsAnErrorAndTheServerKeepsServing() throws IOException {
            exchange("INCR k\r\n", "-ERR unknown command 'INCR', with args beginning with: 'k' \r\n");
            exchange("SET k v\r\n", "+OK\r\n");
        }

        @Test
        void quitRepliesOkAndClosesTheConnection() throws IOException {
            exchange("QUIT\r\n", "+OK\r\n");
            assertThat(client.isClosedByServer()).isTrue();
        }

        @Test
        void theNextClientSeesTheSameKeyspace() throws IOException {
            exchange("SET shared v\r\n", "+OK\r\n");
            client.close();
            client = RawClient.connect(server.port());
            exchange("GET shared\r\n", "$1\r\nv\r\n");
        }
    }
}
