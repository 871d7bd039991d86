package dev.redisfromscratch.server;

import static dev.redisfromscratch.testkit.blackbox.Reply.bulk;

import dev.redisfromscratch.testkit.blackbox.BlackBox;
import dev.redisfromscratch.testkit.blackbox.Request;
import dev.redisfromscratch.testkit.blackbox.ServerUnderTest;
import dev.redisfromscratch.testkit.blackbox.WireClient;
import dev.redisfromscratch.testkit.grading.Points;
import dev.redisfromscratch.testkit.grading.Stage;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Lab 5 from outside, byte for byte, as any server must answer: many clients at once, the
 * databases, the strings and keyspace commands, transactions and publish/subscribe.
 * {@code ./lab grade 5 --server HOST:PORT} and the grader jar run it against any implementation,
 * and it passes against a real {@code redis-server}. Keys and channels are named per run, so a
 * shared server is safe.
 */
@BlackBox(local = IntegratedLocalServer.class)
class IntegrationBlackBoxTest {

    // ---------------------------------------------------------------- stage 1: many clients

    @Test
    @Stage(lab = 5, value = 1)
    @Points(4)
    void anIdleClientDoesNotHoldUpTheOthers(ServerUnderTest server) throws Exception {
        String key = server.key("busy");
        try (WireClient idle = server.connect(); WireClient busy = server.connect()) {
            // "idle" is connected and says nothing: a server that serves one client at a time
            // would never get to "busy".
            busy.command("SET", key, "1").expect("+OK\r\n");
            busy.command("GET", key).expect(bulk("1"));
            busy.command("DEL", key).expect(":1\r\n");
            idle.command("PING").expect("+PONG\r\n");
        }
    }

    @Test
    @Stage(lab = 5, value = 1)
    @Points(3)
    void clientsSeeEachOthersWrites(ServerUnderTest server) throws Exception {
        String key = server.key("shared");
        try (WireClient a = server.connect(); WireClient b = server.connect()) {
            a.command("SET", key, "from-a").expect("+OK\r\n");
            b.command("GET", key).expect(bulk("from-a"));
            b.command("APPEND", key, "+b").expect(":8\r\n");
            a.command("GET", key).expect(bulk("from-a+b"));
            b.command("DEL", key).expect(":1\r\n");
            a.command("EXISTS", key).expect(":0\r\n");
        }
    }

    @Test
    @Stage(lab = 5, value = 1)
    @Points(4)
    void incrementsFromManyClientsAtOnceAllCount(ServerUnderTest server) throws Exception {
        String key = server.key("counter");
        int clients = 8;
        int each = 200;
        List<WireClient> all = new ArrayList<>();
        try {
            for (int i = 0; i < clients; i++) {
                all.add(server.connect());
            }
            String[] incr = {"INCR", key};
            for (WireClient c : all) {
                for (int i = 0; i < each; i++) {
                    c.command(incr); // pipelined: nothing is read until every client has sent
                }
            }
            for (WireClient c : all) {
                for (int i = 0; i < each; i++) {
                    c.expectIntegerReply();
                }
            }
            all.get(0).command("GET", key).expect(bulk(Integer.toString(clients * each)));
        } finally {
            for (WireClient c : all) {
                c.close();
            }
        }
    }

    @Test
    @Stage(lab = 5, value = 1)
    @Points(3)
    void halfACommandFromAClientThatVanishesIsDropped(ServerUnderTest server) throws Exception {
        String key = server.key("half");
        try (WireClient gone = server.connect()) {
            gone.send(Request.raw("*3\r\n$3\r\nSET\r\n$" + key.length() + "\r\n" + key + "\r\n$5\r\nva",
                    "SET with its value cut short, then the client leaves"));
        }
        try (WireClient c = server.connect()) {
            c.command("EXISTS", key).expect(":0\r\n");
            c.command("SET", key, "whole").expect("+OK\r\n");
            c.command("GET", key).expect(bulk("whole"));
        }
    }

    @Test
    @Stage(lab = 5, value = 1)
    @Points(3)
    void eachClientHasItsOwnSelectedDatabase(ServerUnderTest server) throws Exception {
        String key = server.key("db");
        try (WireClient a = server.connect(); WireClient b = server.connect()) {
            a.command("SELECT", "9").expect("+OK\r\n");
            a.command("SET", key, "in-9").expect("+OK\r\n");
            b.command("EXISTS", key).expect(":0\r\n"); // b is still in database 0
            b.command("SELECT", "9").expect("+OK\r\n");
            b.command("GET", key).expect(bulk("in-9"));
            b.command("MOVE", key, "0").expect(":1\r\n");
            a.command("EXISTS", key).expect(":0\r\n");
            a.command("SELECT", "0").expect("+OK\r\n");
            a.command("GET", key).expect(bulk("in-9"));
            a.command("DEL", key).expect(":1\r\n");
            a.command("SELECT", "16").expect("-ERR DB index is out of range\r\n");
            a.command("SELECT", "x").expect("-ERR value is not an integer or out of range\r\n");
        }
    }

    @Test
    @Stage(lab = 5, value = 1)
    @Points(3)
    void stringCommandsAnswerAsRedis(ServerUnderTest server) throws Exception {
        String k = server.key("str");
        String n = server.key("num");
        String f = server.key("float");
        try (WireClient c = server.connect()) {
            c.command("SET", k, "Hello World").expect("+OK\r\n");
            c.command("STRLEN", k).expect(":11\r\n");
            c.command("GETRANGE", k, "-5", "-1").expect(bulk("World"));
            c.command("SETRANGE", k, "6", "Redis").expect(":11\r\n");
            c.command("GET", k).expect(bulk("Hello Redis"));
            c.command("INCRBY", n, "10").expect(":10\r\n");
            c.command("DECR", n).expect(":9\r\n");
            c.command("INCR", k).expect("-ERR value is not an integer or out of range\r\n");
            c.command("INCRBYFLOAT", f, "1.5").expect(bulk("1.5"));
            c.command("INCRBYFLOAT", f, "0.1").expect(bulk("1.6"));
            c.command("MSET", k, "a", n, "b").expect("+OK\r\n");
            c.command("MGET", k, server.key("missing"), n).expect("*3\r\n" + bulk("a") + "$-1\r\n" + bulk("b"));
            c.command("MSETNX", k, "x", server.key("new")).expect("-ERR wrong number of arguments for 'msetnx' command\r\n");
            c.command("GETDEL", k).expect(bulk("a"));
            c.command("GETDEL", k).expect("$-1\r\n");
            c.command("DEL", n, f).expect(":2\r\n");
        }
    }

    @Test
    @Stage(lab = 5, value = 1)
    @Points(3)
    void keyspaceCommandsAnswerAsRedis(ServerUnderTest server) throws Exception {
        String a = server.key("a");
        String b = server.key("b");
        try (WireClient c = server.connect()) {
            c.command("SET", a, "1").expect("+OK\r\n");
            c.command("TYPE", a).expect("+string\r\n");
            c.command("TYPE", b).expect("+none\r\n");
            c.command("RENAME", a, b).expect("+OK\r\n");
            c.command("RENAME", a, b).expect("-ERR no such key\r\n");
            c.command("PEXPIREAT", b, "4102444800000").expect(":1\r\n"); // 2100-01-01
            c.command("EXPIRETIME", b).expect(":4102444800\r\n");
            c.command("PEXPIRETIME", b).expect(":4102444800000\r\n");
            c.command("PERSIST", b).expect(":1\r\n");
            c.command("EXPIRETIME", b).expect(":-1\r\n");
            c.command("COPY", b, a).expect(":1\r\n");
            c.command("OBJECT", "ENCODING", a).expect(bulk("int"));
            c.command("TOUCH", a, b, server.key("none")).expect(":2\r\n");
            c.command("UNLINK", a, b).expect(":2\r\n");
        }
    }

    // ---------------------------------------------------------------- stage 2: transactions

    @Test
    @Stage(lab = 5, value = 2)
    @Points(4)
    void multiQueuesCommandsAndExecRunsThem(ServerUnderTest server) throws Exception {
        String k = server.key("tx");
        try (WireClient c = server.connect(); WireClient other = server.connect()) {
            c.command("MULTI").expect("+OK\r\n");
            c.command("SET", k, "1").expect("+QUEUED\r\n");
            c.command("INCR", k).expect("+QUEUED\r\n");
            other.command("EXISTS", k).expect(":0\r\n"); // nothing ran yet
            c.command("EXEC").expect("*2\r\n+OK\r\n:2\r\n");
            other.command("GET", k).expect(bulk("2"));
            c.command("MULTI").expect("+OK\r\n");
            c.command("MULTI").expect("-ERR MULTI calls can not be nested\r\n");
            c.command("DISCARD").expect("+OK\r\n");
            c.command("EXEC").expect("-ERR EXEC without MULTI\r\n");
            c.command("DISCARD").expect("-ERR DISCARD without MULTI\r\n");
            c.command("DEL", k).expect(":1\r\n");
        }
    }

    @Test
    @Stage(lab = 5, value = 2)
    @Points(3)
    void aCommandRejectedWhileQueuingAbortsTheTransaction(ServerUnderTest server) throws Exception {
        String k = server.key("abort");
        try (WireClient c = server.connect()) {
            c.command("MULTI").expect("+OK\r\n");
            c.command("SET", k, "1").expect("+QUEUED\r\n");
            c.command("SET", k).expect("-ERR wrong number of arguments for 'set' command\r\n");
            c.command("EXEC").expect("-EXECABORT Transaction discarded because of previous errors.\r\n");
            c.command("EXISTS", k).expect(":0\r\n");
        }
    }

    @Test
    @Stage(lab = 5, value = 2)
    @Points(3)
    void aCommandThatFailsWhileRunningFailsAlone(ServerUnderTest server) throws Exception {
        String k = server.key("alone");
        String k2 = server.key("alone2");
        try (WireClient c = server.connect()) {
            c.command("MULTI").expect("+OK\r\n");
            c.command("SET", k, "notanumber").expect("+QUEUED\r\n");
            c.command("INCR", k).expect("+QUEUED\r\n");
            c.command("SET", k2, "after").expect("+QUEUED\r\n");
            c.command("EXEC").expect("*3\r\n+OK\r\n-ERR value is not an integer or out of range\r\n+OK\r\n");
            c.command("MGET", k, k2).expect("*2\r\n" + bulk("notanumber") + bulk("after")); // no rollback
            c.command("DEL", k, k2).expect(":2\r\n");
        }
    }

    @Test
    @Stage(lab = 5, value = 2)
    @Points(4)
    void aWatchedKeyChangedByAnotherClientMakesExecFail(ServerUnderTest server) throws Exception {
        String k = server.key("watched");
        try (WireClient c = server.connect(); WireClient other = server.connect()) {
            c.command("SET", k, "1").expect("+OK\r\n");
            c.command("WATCH", k).expect("+OK\r\n");
            other.command("SET", k, "2").expect("+OK\r\n");
            c.command("MULTI").expect("+OK\r\n");
            c.command("SET", k, "3").expect("+QUEUED\r\n");
            c.command("EXEC").expect("*-1\r\n");
            c.command("GET", k).expect(bulk("2"));
            // unchanged: EXEC runs
            c.command("WATCH", k).expect("+OK\r\n");
            c.command("MULTI").expect("+OK\r\n");
            c.command("WATCH", k).expect("-ERR WATCH inside MULTI is not allowed\r\n");
            c.command("SET", k, "4").expect("+QUEUED\r\n");
            c.command("EXEC").expect("*1\r\n+OK\r\n");
            c.command("UNWATCH").expect("+OK\r\n");
            c.command("DEL", k).expect(":1\r\n");
        }
    }

    // ---------------------------------------------------------------- stage 3: publish/subscribe

    @Test
    @Stage(lab = 5, value = 3)
    @Points(4)
    void aPublishedMessageReachesEverySubscriber(ServerUnderTest server) throws Exception {
        String ch = server.key("news");
        try (WireClient s1 = server.connect(); WireClient s2 = server.connect(); WireClient pub = server.connect()) {
            s1.command("SUBSCRIBE", ch).expect("*3\r\n" + bulk("subscribe") + bulk(ch) + ":1\r\n");
            s2.command("SUBSCRIBE", ch).expect("*3\r\n" + bulk("subscribe") + bulk(ch) + ":1\r\n");
            pub.command("PUBLISH", ch, "hello").expect(":2\r\n");
            s1.expect("*3\r\n" + bulk("message") + bulk(ch) + bulk("hello"));
            s2.expect("*3\r\n" + bulk("message") + bulk(ch) + bulk("hello"));
            s1.command("UNSUBSCRIBE", ch).expect("*3\r\n" + bulk("unsubscribe") + bulk(ch) + ":0\r\n");
            pub.command("PUBLISH", ch, "again").expect(":1\r\n");
            s2.expect("*3\r\n" + bulk("message") + bulk(ch) + bulk("again"));
            pub.command("PUBLISH", server.key("nobody"), "x").expect(":0\r\n");
        }
    }

    @Test
    @Stage(lab = 5, value = 3)
    @Points(3)
    void aPatternSubscriptionGetsPmessages(ServerUnderTest server) throws Exception {
        String prefix = server.key("events");
        String pattern = prefix + ".*";
        String ch = prefix + ".login";
        try (WireClient s = server.connect(); WireClient pub = server.connect()) {
            s.command("PSUBSCRIBE", pattern).expect("*3\r\n" + bulk("psubscribe") + bulk(pattern) + ":1\r\n");
            pub.command("PUBLISH", ch, "alice").expect(":1\r\n");
            s.expect("*4\r\n" + bulk("pmessage") + bulk(pattern) + bulk(ch) + bulk("alice"));
            pub.command("PUBLISH", prefix, "no match").expect(":0\r\n");
            s.command("PUNSUBSCRIBE", pattern).expect("*3\r\n" + bulk("punsubscribe") + bulk(pattern) + ":0\r\n");
        }
    }

    @Test
    @Stage(lab = 5, value = 3)
    @Points(3)
    void aSubscribedClientMayRunOnlyThePubSubCommands(ServerUnderTest server) throws Exception {
        String ch = server.key("only");
        try (WireClient s = server.connect()) {
            s.command("SUBSCRIBE", ch).expect("*3\r\n" + bulk("subscribe") + bulk(ch) + ":1\r\n");
            s.command("GET", "k").expect("-ERR Can't execute 'get': only (P|S)SUBSCRIBE / (P|S)UNSUBSCRIBE / PING / QUIT / RESET are allowed in this context\r\n");
            s.command("PING").expect("*2\r\n" + bulk("pong") + bulk(""));
            s.command("PING", "hi").expect("*2\r\n" + bulk("pong") + bulk("hi"));
            s.command("UNSUBSCRIBE").expect("*3\r\n" + bulk("unsubscribe") + bulk(ch) + ":0\r\n");
            s.command("UNSUBSCRIBE").expect("*3\r\n" + bulk("unsubscribe") + "$-1\r\n:0\r\n");
            s.command("PING").expect("+PONG\r\n");
        }
    }
}
