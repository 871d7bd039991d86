package dev.redisfromscratch.blocking;

import static dev.redisfromscratch.blocking.Clients.bulk;
import static dev.redisfromscratch.blocking.Clients.pair;
import static dev.redisfromscratch.blocking.Clients.send;
import static org.assertj.core.api.Assertions.assertThat;

import dev.redisfromscratch.server.IntegratedServerFixture;
import dev.redisfromscratch.server.ListsSetsServer;
import dev.redisfromscratch.testkit.RawClient;
import dev.redisfromscratch.testkit.grading.Points;
import dev.redisfromscratch.testkit.grading.Stage;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;

/**
 * The blocking pops over real sockets, several clients at once: a client blocked in {@code BLPOP}
 * is served by another's push, in the order the clients blocked, in the same step as the push;
 * timeouts come from the server's clock (moved by the test), and a blocked client waits without
 * holding up anybody.
 */
@Stage(lab = 6, value = 3)
class BlockingPopsTest {
    private IntegratedServerFixture server;
    private Clients clients;

    @BeforeEach
    void start() throws Exception {
        server = IntegratedServerFixture.start(ListsSetsServer.extensions(), "hz", "100");
        clients = new Clients(server.port, () -> String.join("\n", server.log));
    }

    @AfterEach
    void stop() throws Exception {
        clients.close();
        server.close();
    }

    @Test
    @Points(2)
    void aBlpopIsServedByAnotherClientsLpush() throws Exception {
        RawClient waiter = clients.connect();
        clients.block(waiter, 1, "BLPOP", "missing", "jobs", "0");
        assertThat(waiter.hasNothingToRead()).isTrue();

        assertThat(clients.call("LPUSH", "jobs", "j1")).isEqualTo(":1\r\n");
        assertThat(clients.reply(waiter)).isEqualTo(pair("jobs", "j1"));
        assertThat(clients.call("EXISTS", "jobs")).isEqualTo(":0\r\n"); // emptied by the pop: deleted
        assertThat(clients.blockedClients()).isZero();
    }

    @Test
    @Points(2)
    void clientsBlockedOnOneKeyAreServedFirstComeFirstServed() throws Exception {
        RawClient first = clients.connect();
        RawClient second = clients.connect();
        RawClient third = clients.connect();
        clients.block(first, 1, "BRPOP", "q", "0");
        clients.block(second, 2, "BLPOP", "q", "0");
        clients.block(third, 3, "BLPOP", "other", "q", "0");

        clients.call("RPUSH", "q", "a");
        assertThat(clients.reply(first)).isEqualTo(pair("q", "a"));
        clients.call("RPUSH", "q", "b");
        assertThat(clients.reply(second)).isEqualTo(pair("q", "b"));
        clients.call("RPUSH", "q", "c");
        assertThat(clients.reply(third)).isEqualTo(pair("q", "c"));
    }

    @Test
    @Points(2)
    void onePushServesSeveralClientsInTheSameStep() throws Exception {
        RawClient a = clients.connect();
        RawClient b = clients.connect();
        RawClient c = clients.connect();
        int n = 0;
        for (RawClient x : List.of(a, b, c)) {
            clients.block(x, ++n, "BLPOP", "k", "0");
        }
        RawClient pusher = clients.connect();
        // one request: LPUSH, then LRANGE at once on the same connection; the pops happen in between
        pusher.send("*7\r\n$5\r\nLPUSH\r\n$1\r\nk\r\n$1\r\nv\r\n$1\r\nw\r\n$1\r\nx\r\n$1\r\ny\r\n$1\r\nz\r\n"
                + "*4\r\n$6\r\nLRANGE\r\n$1\r\nk\r\n$1\r\n0\r\n$2\r\n-1\r\n");
        assertThat(clients.reply(pusher)).isEqualTo(":5\r\n");
        assertThat(clients.reply(pusher)).isEqualTo("*2\r\n" + bulk("w") + bulk("v"));
        assertThat(clients.reply(a)).isEqualTo(pair("k", "z"));
        assertThat(clients.reply(b)).isEqualTo(pair("k", "y"));
        assertThat(clients.reply(c)).isEqualTo(pair("k", "x"));
    }

    @Test
    @Points(2)
    void aServedBlmoveThatCreatesItsDestinationServesTheClientsBlockedThere() throws Exception {
        RawClient mover = clients.connect();
        RawClient popper = clients.connect();
        clients.block(mover, 1, "BLMOVE", "src", "dst", "LEFT", "RIGHT", "0");
        clients.block(popper, 2, "BRPOPLPUSH", "dst", "last", "0");

        assertThat(clients.call("RPUSH", "src", "x")).isEqualTo(":1\r\n");
        assertThat(clients.reply(mover)).isEqualTo(bulk("x"));
        assertThat(clients.reply(popper)).isEqualTo(bulk("x"));
        assertThat(clients.call("LRANGE", "last", "0", "-1")).isEqualTo("*1\r\n" + bulk("x"));
        assertThat(clients.call("EXISTS", "src", "dst")).isEqualTo(":0\r\n");
    }

    @Test
    @Points(2)
    void aTimeoutAnswersNullWhenTheServersClockPassesItAndZeroWaitsForEver() throws Exception {
        RawClient forever = clients.connect();
        RawClient patient = clients.connect();
        RawClient mover = clients.connect();
        send(forever, "BLPOP", "k", "0");
        send(patient, "BLMPOP", "1.5", "1", "k", "LEFT");
        clients.block(mover, 3, "BLMOVE", "k", "d", "LEFT", "LEFT", "2");

        server.clock.advance(Duration.ofMillis(1500)); // at the deadline: not past it yet
        server.clock.advance(Duration.ofMillis(1));
        assertThat(clients.reply(patient)).isEqualTo("*-1\r\n");
        server.clock.advance(Duration.ofDays(365));
        assertThat(clients.reply(mover)).isEqualTo("*-1\r\n"); // BLMOVE too: a null array on timeout
        assertThat(forever.hasNothingToRead()).isTrue();
        assertThat(clients.blockedClients()).isEqualTo(1);

        clients.call("LPUSH", "k", "late");
        assertThat(clients.reply(forever)).isEqualTo(pair("k", "late"));
    }

    @Test
    @Points(1)
    void aBlockedClientsPipelinedRequestsRunOnlyOnceItIsServed() throws Exception {
        RawClient waiter = clients.connect();
        waiter.send("*3\r\n$5\r\nBLPOP\r\n$1\r\nk\r\n$1\r\n0\r\nPING\r\n");
        clients.awaitBlocked(1);
        assertThat(clients.call("PING")).isEqualTo("+PONG\r\n"); // others are served meanwhile
        assertThat(waiter.hasNothingToRead()).isTrue();

        clients.call("RPUSH", "k", "v");
        assertThat(clients.reply(waiter)).isEqualTo(pair("k", "v"));
        assertThat(clients.reply(waiter)).isEqualTo("+PONG\r\n");
    }

    @Test
    @Points(1)
    void aClientThatLeavesWhileBlockedIsForgottenAndLosesNoElement() throws Exception {
        RawClient leaver = clients.connect();
        clients.block(leaver, 1, "BLPOP", "k", "0");
        leaver.close();
        clients.awaitBlocked(0);

        assertThat(clients.call("RPUSH", "k", "kept")).isEqualTo(":1\r\n");
        assertThat(clients.call("LRANGE", "k", "0", "-1")).isEqualTo("*1\r\n" + bulk("kept"));
    }

    @Test
    @Points(1)
    void aKilledClientIsForgottenToo() throws Exception {
        RawClient killed = clients.connect();
        String id = clients.call(killed, "CLIENT", "ID");
        clients.block(killed, 1, "BLPOP", "k", "0");
        assertThat(clients.call("CLIENT", "LIST")).contains("flags=b ");

        assertThat(clients.call("CLIENT", "KILL", "ID", id.substring(1, id.length() - 2))).isEqualTo(":1\r\n");
        assertThat(clients.blockedClients()).isZero();
        clients.call("RPUSH", "k", "kept");
        assertThat(clients.call("LRANGE", "k", "0", "-1")).isEqualTo("*1\r\n" + bulk("kept"));
    }

    @Test
    @Points(1)
    void theIdleTimeoutNeverClosesABlockedClient() throws Exception {
        RawClient idle = clients.connect();
        RawClient bystander = clients.connect();
        clients.call(bystander, "CONFIG", "SET", "timeout", "1");
        clients.block(idle, 1, "BLPOP", "k", "0");

        server.clock.advance(Duration.ofSeconds(5));
        assertThat(bystander.isClosedByServer()).isTrue(); // the cron ran: the idle bystander is gone
        RawClient pusher = clients.connect();
        clients.call(pusher, "RPUSH", "k", "served");
        assertThat(clients.reply(idle)).isEqualTo(pair("k", "served"));
    }

    @Test
    @Points(1)
    void insideExecABlockingCommandAnswersAtOnce() throws Exception {
        RawClient c = clients.connect();
        c.send("MULTI\r\nBLPOP k 0\r\nBLMOVE k d LEFT LEFT 0\r\nBRPOPLPUSH k d 0\r\nBLMPOP 0 1 k RIGHT\r\nEXEC\r\n");
        for (int i = 0; i < 5; i++) {
            clients.reply(c); // +OK, +QUEUED ...
        }
        assertThat(clients.reply(c)).isEqualTo("*4\r\n*-1\r\n$-1\r\n$-1\r\n*-1\r\n");
        assertThat(clients.blockedClients()).isZero();
    }

    @Test
    @Points(1)
    void aPopServedAfterAPushTouchesTheWatchedKeysItChanges() throws Exception {
        RawClient mover = clients.connect();
        RawClient watcher = clients.connect();
        clients.block(mover, 1, "BLMOVE", "src", "dst", "LEFT", "LEFT", "0");
        assertThat(clients.call(watcher, "WATCH", "dst")).isEqualTo("+OK\r\n");
        clients.call("RPUSH", "src", "x"); // touches src; the served BLMOVE touches dst
        clients.reply(mover);
        watcher.send("MULTI\r\nGET x\r\nEXEC\r\n");
        clients.reply(watcher);
        clients.reply(watcher);
        assertThat(clients.reply(watcher)).isEqualTo("*-1\r\n");
    }

    @Test
    @Points(1)
    void aListThatArrivesBySwapdbServesTheClientsBlockedOnIt() throws Exception {
        RawClient waiter = clients.connect();
        clients.block(waiter, 1, "BLPOP", "k", "0");
        clients.call("SELECT", "1");
        clients.call("RPUSH", "k", "from-db1");
        assertThat(clients.call("SWAPDB", "0", "1")).isEqualTo("+OK\r\n");
        assertThat(clients.reply(waiter)).isEqualTo(pair("k", "from-db1"));
    }

    @Test
    @Points(1)
    void aJedisClientBlocksAndIsServed() throws Exception {
        try (Jedis waiter = new Jedis("127.0.0.1", server.port); Jedis pusher = new Jedis("127.0.0.1", server.port)) {
            CompletableFuture<List<String>> popped = CompletableFuture.supplyAsync(() -> waiter.blpop(0, "jedis"));
            clients.awaitBlocked(1);
            pusher.rpush("jedis", "hello");
            assertThat(popped.get(10, TimeUnit.SECONDS)).containsExactly("jedis", "hello");
        }
    }
}
