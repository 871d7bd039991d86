package dev.redisfromscratch.server;

import static dev.redisfromscratch.server.ServerCommandsParityTest.resp;
import static org.assertj.core.api.Assertions.assertThat;

import dev.redisfromscratch.clients.ClientConnection;
import dev.redisfromscratch.resp.BulkString;
import dev.redisfromscratch.resp.RespInteger;
import dev.redisfromscratch.resp.RespValue;
import dev.redisfromscratch.resp.client.RespClient;
import dev.redisfromscratch.testkit.RawClient;
import dev.redisfromscratch.testkit.RealRedis;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code CLIENT}: the {@code CLIENT LIST} line with Redis 7.0.15's fields in its order and values
 * that describe each connection, the filters, and {@code CLIENT KILL} closing its victims (and the
 * caller, after its reply). The error replies are compared with Redis in
 * {@link ServerCommandsParityTest}.
 */
class ClientCommandTest {
    /** A {@code CLIENT LIST} or {@code CLIENT INFO} line's fields, in order. */
    static Map<String, String> fields(String line) {
        Map<String, String> fields = new LinkedHashMap<>();
        for (String pair : line.split(" ")) {
            int eq = pair.indexOf('=');
            fields.put(pair.substring(0, eq), pair.substring(eq + 1));
        }
        return fields;
    }

    static List<String> lines(RespValue reply) {
        String text = new String(((BulkString) reply).bytes(), StandardCharsets.ISO_8859_1);
        assertThat(text).as("every line ends in \\n").matches("(?s)(.*\n)?");
        List<String> lines = new ArrayList<>();
        for (String line : text.split("\n")) {
            if (!line.isEmpty()) {
                lines.add(line);
            }
        }
        return lines;
    }

    private static long id(RespClient c) throws Exception {
        return ((RespInteger) c.call("CLIENT", "ID")).value();
    }

    @Test
    void aLineHasRedissFieldsInRedissOrder() throws Exception {
        try (RealRedis redis = RealRedis.start();
             IntegratedServerFixture f = IntegratedServerFixture.start();
             RespClient r = new RespClient("127.0.0.1", redis.port());
             RespClient o = new RespClient("127.0.0.1", f.port)) {
            Map<String, String> theirs = fields(lines(r.call("CLIENT", "LIST")).get(0));
            Map<String, String> mine = fields(lines(o.call("CLIENT", "LIST")).get(0));
            assertThat(mine.keySet()).containsExactlyElementsOf(theirs.keySet());
            for (String constant : List.of("flags", "db", "sub", "psub", "ssub", "multi", "argv-mem", "multi-mem",
                    "obl", "oll", "omem", "events", "cmd", "user", "redir", "resp", "name")) {
                assertThat(mine.get(constant)).as(constant).isEqualTo(theirs.get(constant));
            }
            assertThat(fields(lines(o.call("CLIENT", "INFO")).get(0)).keySet()).containsExactlyElementsOf(theirs.keySet());
        }
    }

    @Test
    void eachLineDescribesItsConnection() throws Exception {
        try (IntegratedServerFixture f = IntegratedServerFixture.start();
             RespClient me = new RespClient("127.0.0.1", f.port);
             RawClient other = RawClient.connect(f.port)) {
            other.send(resp("CLIENT", "SETNAME", "worker") + resp("GET", "k")).read("+OK\r\n$-1\r\n");
            long myId = id(me);
            f.clock.advance(Duration.ofSeconds(30));
            me.call("PING");
            List<String> list = lines(me.call("CLIENT", "LIST"));
            assertThat(list).hasSize(2);
            Map<String, String> mine = fields(list.get(0));
            Map<String, String> theirs = fields(list.get(1));
            assertThat(mine.get("id")).isEqualTo(Long.toString(myId));
            assertThat(mine.get("laddr")).isEqualTo("127.0.0.1:" + f.port);
            assertThat(mine.get("addr")).matches("127\\.0\\.0\\.1:\\d+").isNotEqualTo(theirs.get("addr"));
            assertThat(mine).containsEntry("name", "").containsEntry("cmd", "client|list")
                    .containsEntry("argv-mem", "10").containsEntry("age", "30").containsEntry("idle", "0")
                    .containsEntry("flags", "N").containsEntry("events", "r");
            assertThat(theirs).containsEntry("name", "worker").containsEntry("cmd", "get")
                    .containsEntry("argv-mem", "0").containsEntry("age", "30").containsEntry("idle", "30");
            assertThat(Long.parseLong(theirs.get("id"))).isGreaterThan(myId);
            assertThat(Long.parseLong(mine.get("tot-mem"))).isPositive();
            assertThat(fields(lines(me.call("CLIENT", "INFO")).get(0)))
                    .containsEntry("id", Long.toString(myId)).containsEntry("cmd", "client|info");
        }
    }

    @Test
    void listFiltersByTypeAndById() throws Exception {
        try (IntegratedServerFixture f = IntegratedServerFixture.start();
             RespClient a = new RespClient("127.0.0.1", f.port);
             RespClient b = new RespClient("127.0.0.1", f.port)) {
            long idA = id(a);
            long idB = id(b);
            assertThat(lines(a.call("CLIENT", "LIST", "TYPE", "normal"))).hasSize(2);
            assertThat(lines(a.call("CLIENT", "LIST", "TYPE", "Pubsub"))).isEmpty();
            assertThat(lines(a.call("CLIENT", "LIST", "TYPE", "replica"))).isEmpty();
            assertThat(lines(a.call("CLIENT", "LIST", "ID", Long.toString(idB), "999999", Long.toString(idA), Long.toString(idB))))
                    .extracting(line -> fields(line).get("id"))
                    .containsExactly(Long.toString(idB), Long.toString(idA), Long.toString(idB));
        }
    }

    @Test
    void killByAddressClosesTheVictimAndForgetsItAtOnce() throws Exception {
        try (IntegratedServerFixture f = IntegratedServerFixture.start();
             RespClient killer = new RespClient("127.0.0.1", f.port);
             RawClient victim = RawClient.connect(f.port)) {
            victim.send(resp("CLIENT", "SETNAME", "victim")).read("+OK\r\n");
            String addr = lines(killer.call("CLIENT", "LIST")).stream().map(ClientCommandTest::fields)
                    .filter(m -> m.get("name").equals("victim")).findFirst().orElseThrow().get("addr");
            assertThat(killer.call("CLIENT", "KILL", addr).toString()).contains("OK");
            assertThat(victim.isClosedByServer()).isTrue();
            assertThat(lines(killer.call("CLIENT", "LIST"))).hasSize(1);
            assertThat(killer.call("CLIENT", "KILL", addr).toString()).contains("No such client");
        }
    }

    @Test
    void killWithFiltersCountsItsVictimsAndSkipsTheCallerUnlessAsked() throws Exception {
        try (IntegratedServerFixture f = IntegratedServerFixture.start();
             RespClient killer = new RespClient("127.0.0.1", f.port);
             RawClient v1 = RawClient.connect(f.port);
             RawClient v2 = RawClient.connect(f.port)) {
            v1.send(resp("PING")).read("+PONG\r\n");
            v2.send(resp("PING")).read("+PONG\r\n");
            assertThat(killer.call("CLIENT", "KILL", "LADDR", "127.0.0.1:1", "TYPE", "normal")).isEqualTo(new RespInteger(0));
            assertThat(killer.call("CLIENT", "KILL", "TYPE", "normal", "USER", "default", "LADDR", "127.0.0.1:" + f.port))
                    .isEqualTo(new RespInteger(2));
            assertThat(v1.isClosedByServer()).isTrue();
            assertThat(v2.isClosedByServer()).isTrue();
            assertThat(killer.call("PING").toString()).contains("PONG");
        }
    }

    @Test
    void aClientThatKillsItselfGetsItsReplyFirst() throws Exception {
        try (IntegratedServerFixture f = IntegratedServerFixture.start();
             RawClient self = RawClient.connect(f.port);
             RawClient other = RawClient.connect(f.port)) {
            other.send(resp("PING")).read("+PONG\r\n");
            self.send(resp("CLIENT", "KILL", "TYPE", "normal", "SKIPME", "no") + resp("PING"));
            assertThat(self.readUntilClosed()).isEqualTo(":2\r\n"); // itself and the other; its PING never runs
            assertThat(other.isClosedByServer()).isTrue();
        }
        try (IntegratedServerFixture f = IntegratedServerFixture.start();
             RawClient me = RawClient.connect(f.port)) {
            me.send(resp("CLIENT", "INFO"));
            me.readLine();
            String addr = fields(me.readLine().trim()).get("addr");
            me.send(resp("CLIENT", "KILL", addr) + resp("PING")); // the old form may kill the caller
            assertThat(me.readUntilClosed()).isEqualTo("+OK\r\n");
        }
    }

    @Test
    void aKilledClientNeverRunsWhatItHadAlreadySent() throws Exception {
        try (IntegratedServerFixture f = IntegratedServerFixture.start();
             RespClient c = new RespClient("127.0.0.1", f.port);
             RawClient victim = RawClient.connect(f.port)) {
            victim.send(resp("PING")).read("+PONG\r\n");
            ClientConnection connection = f.server.clients().all().stream()
                    .filter(cc -> cc.client().id() != ((RespInteger) call(c, "CLIENT", "ID")).value())
                    .findFirst().orElseThrow();
            f.server.lock().lock();
            try {
                victim.send(resp("SET", "never", "1"));
                long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
                while (connection.client().query().readable() == 0 && System.nanoTime() < deadline) {
                    Thread.onSpinWait(); // its thread has read the SET and now waits for the lock we hold
                }
                assertThat(connection.client().query().readable()).isPositive();
                f.server.clients().kill(connection); // what CLIENT KILL does, under the lock
            } finally {
                f.server.lock().unlock();
            }
            assertThat(victim.readUntilClosed()).isEmpty();
            assertThat(c.call("EXISTS", "never")).isEqualTo(new RespInteger(0));
        }
    }

    @Test
    void theLastCommandIsRecordedEvenWhenAnotherCheckRefusesIt() throws Exception {
        try (IntegratedServerFixture f = IntegratedServerFixture.start("requirepass", "pw");
             RespClient admin = new RespClient("127.0.0.1", f.port);
             RawClient stranger = RawClient.connect(f.port)) {
            admin.call("AUTH", "pw");
            stranger.send(resp("GET", "k")).read("-NOAUTH Authentication required.\r\n");
            List<String> list = lines(admin.call("CLIENT", "LIST"));
            assertThat(fields(list.get(1))).containsEntry("cmd", "get");
        }
    }

    private static RespValue call(RespClient c, String... args) {
        try {
            return c.call(args);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
