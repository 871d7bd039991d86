package dev.redisfromscratch.server;

import static dev.redisfromscratch.testkit.blackbox.Reply.bulk;

import dev.redisfromscratch.testkit.blackbox.BlackBox;
import dev.redisfromscratch.testkit.blackbox.Request;
import dev.redisfromscratch.testkit.blackbox.ServerUnderTest;
import dev.redisfromscratch.testkit.blackbox.WireClient;
import dev.redisfromscratch.testkit.grading.Points;
import dev.redisfromscratch.testkit.grading.Stage;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Lab 7 from outside: what one thread serving every client must look like to the clients. Many
 * clients interleaved each get their own replies; a pipeline of 10,000 requests is answered in
 * order; a client that stops reading its replies holds up nobody (its output waits, and
 * {@code CLIENT LIST} shows it waiting for its socket, {@code events=rw}); {@code maxclients}
 * refuses with Redis's text. {@code ./lab grade 7 --server HOST:PORT} and the grader jar run it
 * against any implementation, and it passes against a real {@code redis-server}. Keys are named per
 * run; {@code maxclients} is put back as it was.
 */
@BlackBox(local = ConcurrencyLocalServer.class)
class EventLoopBlackBoxTest {
    /** How long a test polls the server (each poll a round trip, never a sleep). */
    private static final Duration WAIT = Duration.ofSeconds(5);

    private static String clientList(WireClient c) throws IOException {
        c.command("CLIENT", "LIST");
        return c.expectBulkReply();
    }

    private static String lineOf(String list, String name) {
        for (String line : list.split("\n")) {
            if (line.contains(" name=" + name + " ")) {
                return line;
            }
        }
        throw new AssertionError("CLIENT LIST has no client named " + name + ":\n" + list);
    }

    @Test
    @Stage(lab = 7, value = 1)
    @Points(3)
    void manyClientsInterleavedEachGetTheirOwnReplies(ServerUnderTest server) throws Exception {
        List<WireClient> clients = new ArrayList<>();
        List<String> keys = new ArrayList<>();
        try {
            for (int i = 0; i < 25; i++) {
                clients.add(server.connect());
                keys.add(server.key("interleaved" + i));
            }
            for (int round = 0; round < 3; round++) {
                for (int i = 0; i < clients.size(); i++) { // all send before any reads
                    clients.get(i).command("SET", keys.get(i), i + ":" + round);
                }
                for (int i = clients.size() - 1; i >= 0; i--) {
                    clients.get(i).expect("+OK\r\n");
                }
                for (int i = 0; i < clients.size(); i++) {
                    clients.get(i).command("APPEND", keys.get(i), "!");
                }
                for (int i = 0; i < clients.size(); i++) {
                    clients.get(i).expect(":" + ((i + ":" + round).length() + 1) + "\r\n");
                    clients.get(i).command("GET", keys.get(i)).expect(bulk(i + ":" + round + "!"));
                }
            }
            clients.get(0).send(keys.stream().map(k -> Request.resp("DEL", k)).toArray(Request[]::new));
            clients.get(0).expect(keys.stream().map(k -> ":1\r\n").toArray(String[]::new));
        } finally {
            for (WireClient c : clients) {
                c.close();
            }
        }
    }

    @Test
    @Stage(lab = 7, value = 1)
    @Points(2)
    void maxclientsRefusesANewConnectionWithRedissText(ServerUnderTest server) throws Exception {
        try (WireClient admin = server.connect()) {
            admin.command("CONFIG", "GET", "maxclients");
            admin.expect("*2\r\n$10\r\nmaxclients\r\n"); // then the value, a bulk string
            String before = admin.expectBulkReply();
            int connected = clientList(admin).strip().split("\n").length;
            try {
                admin.command("CONFIG", "SET", "maxclients", String.valueOf(connected)).expect("+OK\r\n");
                try (WireClient refused = server.connect()) {
                    refused.expect("-ERR max number of clients reached\r\n"); // sent at accept, unasked
                    refused.expectClosed();
                }
            } finally {
                admin.command("CONFIG", "SET", "maxclients", before).expect("+OK\r\n");
            }
            admin.command("PING").expect("+PONG\r\n");
        }
    }

    @Test
    @Stage(lab = 7, value = 2)
    @Points(3)
    void aPipelineOf10000RequestsIsAnsweredInOrder(ServerUnderTest server) throws Exception {
        String k = server.key("pipeline");
        Request[] requests = new Request[10_000];
        String[] replies = new String[10_000];
        for (int i = 0; i < requests.length; i++) {
            requests[i] = Request.resp("INCR", k);
            replies[i] = ":" + (i + 1) + "\r\n";
        }
        try (WireClient c = server.connect()) {
            c.send(requests).expect(replies);
            c.command("DEL", k).expect(":1\r\n");
        }
    }

    @Test
    @Stage(lab = 7, value = 2)
    @Points(3)
    void aClientThatStopsReadingHoldsUpNobody(ServerUnderTest server) throws Exception {
        String k = server.key("big");
        String name = "slow" + server.key("n").substring(5).replace(":", "");
        String value = "v".repeat(1 << 20);
        try (WireClient slow = server.connect(); WireClient other = server.connect()) {
            other.command("SET", k, value).expect("+OK\r\n");
            slow.command("CLIENT", "SETNAME", name).expect("+OK\r\n");
            Request[] gets = new Request[16];
            for (int i = 0; i < gets.length; i++) {
                gets[i] = Request.resp("GET", k); // 16 MiB of replies, not read for now
            }
            slow.send(gets);
            long deadline = System.nanoTime() + WAIT.toNanos();
            String line;
            do {
                other.command("PING").expect("+PONG\r\n"); // answered all along
                line = lineOf(clientList(other), name);
            } while (!line.contains(" events=rw ") && System.nanoTime() < deadline);
            if (!line.contains(" events=rw ")) {
                throw new AssertionError("CLIENT LIST of a client whose 16 MiB of replies wait for its socket: expected"
                        + " events=rw within " + WAIT.toSeconds() + " s, got:\n  " + line + "\n  hint: register OP_WRITE"
                        + " interest while replies are pending (Redis: networking.c, catClientInfoString, events=rw"
                        + " once a write handler is installed)");
            }
            for (int i = 0; i < gets.length; i++) { // it reads at last: everything, in order
                slow.expect(bulk(value));
            }
            slow.command("PING").expect("+PONG\r\n");
            other.command("DEL", k).expect(":1\r\n");
        }
    }
}
