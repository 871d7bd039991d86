package dev.redisfromscratch.eventloop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.redisfromscratch.command.CommandSpec;
import dev.redisfromscratch.server.AofFiles;
import dev.redisfromscratch.server.ConcurrencyServer;
import dev.redisfromscratch.server.IntegratedServerFixture;
import dev.redisfromscratch.server.ServerExtension;
import dev.redisfromscratch.testkit.RawClient;
import dev.redisfromscratch.testkit.grading.Points;
import dev.redisfromscratch.testkit.grading.Stage;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.StandardSocketOptions;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Lab 7's event loop through real sockets: many clients on one thread (stage 1), then partial
 * writes, write interest and clients woken by others' commands (stage 2). Nothing sleeps: a test
 * waits on a socket read, polls {@code CLIENT LIST} with a deadline, or moves the server's
 * {@code ManualClock}.
 */
class EventLoopServerTest {
    private static final Duration WAIT = Duration.ofSeconds(5);
    private IntegratedServerFixture server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private int start(String... parameters) throws IOException {
        server = IntegratedServerFixture.start(ConcurrencyServer.extensions(), parameters);
        return server.port;
    }

    private static String resp(String... args) {
        StringBuilder sb = new StringBuilder("*").append(args.length).append("\r\n");
        for (String a : args) {
            sb.append('$').append(a.getBytes(StandardCharsets.ISO_8859_1).length).append("\r\n").append(a).append("\r\n");
        }
        return sb.toString();
    }

    /** @return {@code CLIENT LIST}'s line for the client named {@code name}, asked through {@code asker} */
    private static String clientLine(RawClient asker, String name) throws IOException {
        asker.send(resp("CLIENT", "LIST"));
        String header = asker.readLine();
        int length = Integer.parseInt(header.substring(1, header.length() - 2));
        String list = new String(asker.readExactly(length + 2), StandardCharsets.ISO_8859_1);
        for (String line : list.split("\n")) {
            if (line.contains(" name=" + name + " ")) {
                return line;
            }
        }
        throw new AssertionError("no client named " + name + " in CLIENT LIST:\n" + list);
    }

    private static long field(String line, String name) {
        Matcher m = Pattern.compile(" " + name + "=(\\d+)").matcher(line);
        assertThat(m.find()).as("%s= in %s", name, line).isTrue();
        return Long.parseLong(m.group(1));
    }

    // ---------------------------------------------------------------- stage 1: accept, read and reply

    @Test
    @Stage(lab = 7, value = 1)
    @Points(3)
    void manyClientsAreServedInterleavedEachGettingItsOwnReplies() throws IOException {
        int port = start();
        List<RawClient> clients = new ArrayList<>();
        try {
            for (int i = 0; i < 40; i++) {
                clients.add(RawClient.connect(port));
            }
            for (int round = 0; round < 3; round++) {
                for (int i = 0; i < clients.size(); i++) { // every client sends before any reads
                    clients.get(i).send(resp("SET", "k" + i, "v" + i + "-" + round));
                }
                for (int i = clients.size() - 1; i >= 0; i--) {
                    clients.get(i).read("+OK\r\n");
                }
                for (int i = 0; i < clients.size(); i++) {
                    clients.get(i).send(resp("GET", "k" + i));
                }
                for (int i = 0; i < clients.size(); i++) {
                    String v = "v" + i + "-" + round;
                    assertThat(clients.get(i).read("$" + v.length() + "\r\n" + v + "\r\n"))
                            .isEqualTo("$" + v.length() + "\r\n" + v + "\r\n");
                }
            }
        } finally {
            for (RawClient c : clients) {
                c.close();
            }
        }
    }

    @Test
    @Stage(lab = 7, value = 1)
    @Points(2)
    void oneEventLoopThreadServesEveryClient() throws IOException {
        int port = start();
        List<RawClient> clients = new ArrayList<>();
        try {
            for (int i = 0; i < 30; i++) {
                RawClient c = RawClient.connect(port);
                clients.add(c);
                c.send("PING\r\n").read("+PONG\r\n");
            }
            List<String> mine = Thread.getAllStackTraces().keySet().stream().map(Thread::getName)
                    .filter(n -> n.endsWith("-" + port)).toList();
            assertThat(mine).as("threads serving port %d (one event loop, no accept thread, no thread per client)", port)
                    .containsExactly(EventLoopServer.THREAD_NAME + port);
        } finally {
            for (RawClient c : clients) {
                c.close();
            }
        }
    }

    @Test
    @Stage(lab = 7, value = 1)
    @Points(2)
    void quitAndProtocolErrorsSendTheirReplyThenClose() throws IOException {
        int port = start();
        assertThat(RawClient.exchangeUntilClosed(port, "PING\r\nQUIT\r\nPING\r\n")).isEqualTo("+PONG\r\n+OK\r\n");
        assertThat(RawClient.exchangeUntilClosed(port, "PING\r\n*1\r\n$x\r\n"))
                .isEqualTo("+PONG\r\n-ERR Protocol error: invalid bulk length\r\n");
    }

    @Test
    @Stage(lab = 7, value = 1)
    @Points(2)
    void aClientVanishingMidCommandLeavesTheOthersServed() throws IOException {
        int port = start();
        try (RawClient other = RawClient.connect(port)) {
            other.send(resp("CLIENT", "SETNAME", "other")).read("+OK\r\n");
            RawClient half = RawClient.connect(port);
            half.send("*3\r\n$3\r\nSET\r\n$1\r\nk\r\n$5\r\nval");
            half.close();
            try (Socket reset = new Socket()) { // a reset (RST), with a reply on its way
                reset.connect(new InetSocketAddress("127.0.0.1", port));
                reset.setOption(StandardSocketOptions.SO_LINGER, 0);
                reset.getOutputStream().write("PING\r\nPING\r\n".getBytes(StandardCharsets.US_ASCII));
            }
            long deadline = System.nanoTime() + WAIT.toNanos();
            int connected;
            do {
                other.send(resp("CLIENT", "LIST"));
                String header = other.readLine();
                String list = new String(other.readExactly(Integer.parseInt(header.substring(1, header.length() - 2)) + 2),
                        StandardCharsets.ISO_8859_1);
                connected = list.strip().split("\n").length;
            } while (connected > 1 && System.nanoTime() < deadline);
            assertThat(connected).as("clients left in CLIENT LIST after two vanished").isEqualTo(1);
            other.send(resp("EXISTS", "k")).read(":0\r\n"); // the half command was dropped
            other.send("PING\r\n").read("+PONG\r\n");
        }
    }

    @Test
    @Stage(lab = 7, value = 1)
    @Points(2)
    void theAppendOnlyFileHoldsAWriteBeforeItsReplyLeaves() throws IOException {
        int port = start("appendonly", "yes", "appendfsync", "always");
        try (RawClient c = RawClient.connect(port)) {
            for (int i = 0; i < 20; i++) {
                c.send(resp("SET", "key" + i, "v")).read("+OK\r\n");
                // the reply has arrived: the file already holds the write it acknowledges
                assertThat(AofFiles.ours(server)).contains("key" + i);
            }
        }
    }

    @Test
    @Stage(lab = 7, value = 2) // a 1 MiB reply needs OP_WRITE
    @Points(2)
    void writeToClientSendsAtMost64KiBPerCall() throws Exception {
        int port = start();
        try (RawClient big = RawClient.connect(port); RawClient asker = RawClient.connect(port)) {
            asker.send(resp("SET", "big", "x".repeat(1 << 20))).read("+OK\r\n");
            asker.send(resp("CLIENT", "SETNAME", "asker")).read("+OK\r\n");
            big.send(resp("CLIENT", "SETNAME", "big")).read("+OK\r\n");
            // the loop writes at most 64 KiB of the 1 MiB reply per pass: the asker's PING is
            // answered, while the big reply is still going out, in a later pass
            big.send(resp("GET", "big"));
            asker.send("PING\r\n").read("+PONG\r\n");
            String header = "$" + (1 << 20) + "\r\n";
            assertThat(big.read(header)).isEqualTo(header);
            byte[] body = big.readExactly((1 << 20) + 2);
            assertThat(body[0]).isEqualTo((byte) 'x');
            assertThat(body[(1 << 20) - 1]).isEqualTo((byte) 'x');
            big.send("PING\r\n").read("+PONG\r\n");
        }
    }

    @Test
    @Stage(lab = 7, value = 2) // the timed-out client is woken, then its waiting PING runs
    @Points(2)
    void blpopTimesOutFromTheLoopsTimerWhenTheClockMoves() throws IOException {
        int port = start();
        try (RawClient c = RawClient.connect(port)) {
            c.send(resp("BLPOP", "nothing", "5"));
            c.send(resp("PING")); // waits behind the blocked BLPOP
            long deadline = System.nanoTime() + WAIT.toNanos();
            try (RawClient asker = RawClient.connect(port)) {
                String info;
                do {
                    asker.send(resp("INFO", "clients"));
                    String header = asker.readLine();
                    info = new String(asker.readExactly(Integer.parseInt(header.substring(1, header.length() - 2)) + 2),
                            StandardCharsets.ISO_8859_1);
                } while (!info.contains("blocked_clients:1") && System.nanoTime() < deadline);
                assertThat(info).contains("blocked_clients:1");
            }
            assertThat(c.hasNothingToRead()).isTrue();
            server.clock.advance(Duration.ofSeconds(6)); // the cron, on the loop's timer, sees the deadline passed
            assertThat(c.read("*-1\r\n")).isEqualTo("*-1\r\n");
            assertThat(c.read("+PONG\r\n")).isEqualTo("+PONG\r\n");
        }
    }

    @Test
    @Stage(lab = 7, value = 1)
    @Points(1)
    void maxclientsRefusesWithRedissText() throws IOException {
        int port = start("maxclients", "2");
        try (RawClient a = RawClient.connect(port); RawClient b = RawClient.connect(port)) {
            a.send("PING\r\n").read("+PONG\r\n");
            b.send("PING\r\n").read("+PONG\r\n");
            try (RawClient third = RawClient.connect(port)) { // it sends nothing: refused at accept
                assertThat(third.readUntilClosed()).isEqualTo("-ERR max number of clients reached\r\n");
            }
            a.send(resp("INFO", "stats"));
            String header = a.readLine();
            String stats = new String(a.readExactly(Integer.parseInt(header.substring(1, header.length() - 2)) + 2),
                    StandardCharsets.ISO_8859_1);
            assertThat(stats).contains("rejected_connections:1");
        }
    }

    // ---------------------------------------------------------------- stage 2: write interest, woken clients

    @Test
    @Stage(lab = 7, value = 2)
    @Points(3)
    void aPipelineOf10000RequestsIsAnsweredInOrder() throws IOException {
        int port = start();
        try (RawClient c = RawClient.connect(port)) {
            StringBuilder pipeline = new StringBuilder();
            StringBuilder expected = new StringBuilder();
            for (int i = 1; i <= 10_000; i++) {
                pipeline.append(resp("INCR", "counter"));
                expected.append(':').append(i).append("\r\n");
            }
            c.send(pipeline.toString());
            assertThat(c.read(expected.toString())).isEqualTo(expected.toString());
            c.send("PING\r\n").read("+PONG\r\n");
        }
    }

    @Test
    @Stage(lab = 7, value = 2)
    @Points(3)
    void aClientThatStopsReadingHoldsUpNobodyAndWaitsForWriteInterest() throws IOException {
        int port = start();
        try (RawClient slow = RawClient.connect(port); RawClient other = RawClient.connect(port)) {
            other.send(resp("SET", "big", "y".repeat(1 << 20))).read("+OK\r\n");
            slow.send(resp("CLIENT", "SETNAME", "slow")).read("+OK\r\n");
            StringBuilder gets = new StringBuilder();
            for (int i = 0; i < 16; i++) {
                gets.append(resp("GET", "big")); // 16 MiB of replies it does not read
            }
            slow.send(gets.toString());
            long deadline = System.nanoTime() + WAIT.toNanos();
            String line;
            do {
                other.send("PING\r\n").read("+PONG\r\n"); // answered all along
                line = clientLine(other, "slow");
            } while ((!line.contains(" events=rw ") || field(line, "omem") == 0) && System.nanoTime() < deadline);
            assertThat(line).as("the slow reader's CLIENT LIST line").contains(" events=rw ");
            assertThat(field(line, "omem")).isPositive();
            for (int i = 0; i < 16; i++) { // then it reads: everything arrives, in order
                slow.read("$" + (1 << 20) + "\r\n");
                slow.readExactly((1 << 20) + 2);
            }
            slow.send("PING\r\n").read("+PONG\r\n");
            line = clientLine(other, "slow");
            assertThat(line).as("drained: OP_WRITE interest removed").contains(" events=r ");
        }
    }

    @Test
    @Stage(lab = 7, value = 2)
    @Points(2)
    void aPublishReachesSubscribersOnTheLoop() throws IOException {
        int port = start();
        try (RawClient sub = RawClient.connect(port); RawClient pub = RawClient.connect(port)) {
            sub.send(resp("SUBSCRIBE", "news")).read("*3\r\n$9\r\nsubscribe\r\n$4\r\nnews\r\n:1\r\n");
            pub.send(resp("PUBLISH", "news", "hello")).read(":1\r\n");
            assertThat(sub.read("*3\r\n$7\r\nmessage\r\n$4\r\nnews\r\n$5\r\nhello\r\n"))
                    .isEqualTo("*3\r\n$7\r\nmessage\r\n$4\r\nnews\r\n$5\r\nhello\r\n");
        }
    }

    @Test
    @Stage(lab = 7, value = 2)
    @Points(3)
    void aServedBlockedClientRunsTheRequestsThatWaitedBehindIt() throws IOException {
        int port = start();
        try (RawClient waiter = RawClient.connect(port); RawClient pusher = RawClient.connect(port)) {
            waiter.send(resp("BLPOP", "jobs", "0") + resp("PING") + resp("ECHO", "after"));
            long deadline = System.nanoTime() + WAIT.toNanos();
            String info;
            do {
                pusher.send(resp("INFO", "clients"));
                String header = pusher.readLine();
                info = new String(pusher.readExactly(Integer.parseInt(header.substring(1, header.length() - 2)) + 2),
                        StandardCharsets.ISO_8859_1);
            } while (!info.contains("blocked_clients:1") && System.nanoTime() < deadline);
            pusher.send(resp("LPUSH", "jobs", "j1")).read(":1\r\n");
            String expected = "*2\r\n$4\r\njobs\r\n$2\r\nj1\r\n+PONG\r\n$5\r\nafter\r\n";
            assertThat(waiter.read(expected)).isEqualTo(expected);
        }
    }
}
