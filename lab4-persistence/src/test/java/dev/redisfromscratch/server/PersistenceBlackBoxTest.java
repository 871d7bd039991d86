package dev.redisfromscratch.server;

import static dev.redisfromscratch.testkit.blackbox.Reply.bulk;

import dev.redisfromscratch.testkit.blackbox.BlackBox;
import dev.redisfromscratch.testkit.blackbox.ServerUnderTest;
import dev.redisfromscratch.testkit.blackbox.WireClient;
import dev.redisfromscratch.testkit.grading.Points;
import dev.redisfromscratch.testkit.grading.Stage;
import org.junit.jupiter.api.Test;

/**
 * Lab 4's commands from outside, byte for byte, as any server must answer them:
 * {@code ./lab grade 4 --server HOST:PORT} and the grader jar run it against any implementation,
 * and it passes against a real {@code redis-server}. (BGSAVE and BGREWRITEAOF are left to the lab's
 * own tests: their replies depend on what else is running on a shared server.)
 */
@BlackBox(local = PersistentLocalServer.class)
@Points(2)
@Stage(lab = 4, value = 1)
class PersistenceBlackBoxTest {

    @Test
    @Points(4)
    void saveRepliesOkAndLastsaveDoesNotGoBack(ServerUnderTest server) throws Exception {
        try (WireClient c = server.connect()) {
            c.command("LASTSAVE");
            long before = c.expectIntegerReply(); // the server's clock, not ours: compare only with itself
            c.command("SET", server.key("saved"), server.value()).expect("+OK\r\n");
            c.command("SAVE").expect("+OK\r\n");
            c.command("LASTSAVE");
            long after = c.expectIntegerReply();
            if (after < before) {
                throw new AssertionError("LASTSAVE went back after a SAVE: " + before + " then " + after
                        + "\n  hint: LASTSAVE is the Unix time in seconds of the last successful save (Redis: rdb.c, lastsaveCommand)");
            }
        }
    }

    @Test
    @Points(3)
    void flushdbEmptiesTheKeyspace(ServerUnderTest server) throws Exception {
        String key = server.key("flushed");
        try (WireClient c = server.connect()) {
            c.command("SET", key, "1").expect("+OK\r\n");
            c.command("FLUSHDB").expect("+OK\r\n");
            c.command("EXISTS", key).expect(":0\r\n");
            c.command("SET", key, "2").expect("+OK\r\n");
            c.command("FLUSHALL", "SYNC").expect("+OK\r\n");
            c.command("DBSIZE").expect(":0\r\n");
        }
    }

    @Test
    @Points(2)
    void badArgumentsAreRedisErrors(ServerUnderTest server) throws Exception {
        try (WireClient c = server.connect()) {
            c.command("FLUSHALL", "LATER").expect("-ERR syntax error\r\n");
            c.command("FLUSHDB", "ASYNC", "SYNC").expect("-ERR syntax error\r\n");
            c.command("SAVE", "now").expect("-ERR wrong number of arguments for 'save' command\r\n");
            c.command("BGSAVE", "later").expect("-ERR syntax error\r\n");
            c.command("LASTSAVE", "x").expect("-ERR wrong number of arguments for 'lastsave' command\r\n");
            c.command("SHUTDOWN", "SAVE", "NOSAVE").expect("-ERR syntax error\r\n");
            c.command("SHUTDOWN", "MAYBE").expect("-ERR syntax error\r\n");
            c.command("SHUTDOWN", "ABORT").expect("-ERR No shutdown in progress.\r\n");
            c.command("BGREWRITEAOF", "x").expect("-ERR wrong number of arguments for 'bgrewriteaof' command\r\n");
        }
    }

    @Test
    @Points(2)
    void configGetNamesThePersistenceParameters(ServerUnderTest server) throws Exception {
        try (WireClient c = server.connect()) {
            c.command("CONFIG", "GET", "appendfsync").expect("*2\r\n" + bulk("appendfsync") + bulk("everysec"));
            c.command("CONFIG", "GET", "appendonly").expect("*2\r\n" + bulk("appendonly") + bulk("no"));
            c.command("CONFIG", "GET", "appendfilename").expect("*2\r\n" + bulk("appendfilename") + bulk("appendonly.aof"));
            c.command("CONFIG", "GET", "save").expect("*2\r\n" + bulk("save") + bulk(""));
        }
    }

    @Test
    void pexpireatSetsAnAbsoluteExpireTime(ServerUnderTest server) throws Exception {
        String key = server.key("abs");
        try (WireClient c = server.connect()) {
            c.command("SET", key, "v").expect("+OK\r\n");
            c.command("PEXPIREAT", key, "4102444800000").expect(":1\r\n"); // 2100-01-01: far off, whatever the clocks
            c.command("TTL", key);
            long ttl = c.expectIntegerReply();
            if (ttl < 1_000_000_000L || ttl > 4_102_444_800L) {
                throw new AssertionError("TTL after PEXPIREAT to the year 2100 was " + ttl
                        + "\n  hint: PEXPIREAT takes a Unix time in milliseconds (Redis: expire.c, expireGenericCommand)");
            }
            c.command("PEXPIREAT", key, "1").expect(":1\r\n"); // in the past: deleted
            c.command("EXISTS", key).expect(":0\r\n");
            c.command("PEXPIREAT", key, "1").expect(":0\r\n");
        }
    }
}
