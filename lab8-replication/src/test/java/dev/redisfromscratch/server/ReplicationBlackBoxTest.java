package dev.redisfromscratch.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.redisfromscratch.testkit.blackbox.BlackBox;
import dev.redisfromscratch.testkit.blackbox.ServerUnderTest;
import dev.redisfromscratch.testkit.blackbox.WireClient;
import dev.redisfromscratch.testkit.grading.Points;
import dev.redisfromscratch.testkit.grading.Stage;
import java.io.Closeable;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Lab 8 from outside: what a grader can check of a primary at {@code HOST:PORT} by acting as its
 * replica over one TCP connection. The handshake ({@code REPLCONF}), {@code PSYNC ? -1} answered
 * with {@code +FULLRESYNC <replid> <offset>} and an RDB snapshot that starts {@code REDIS0010} and
 * ends with the EOF opcode and its checksum, the stream of writes with a {@code SELECT} whenever
 * the database changes, {@code WAIT} counting this replica once it acknowledged, and the fields of
 * {@code INFO replication}. {@code ./lab grade 8 --server HOST:PORT} and the grader jar run it
 * against any implementation; it passes against a real {@code redis-server}. Keys are named per
 * run; the stream may also carry the primary's {@code PING}s and other clients' writes, which the
 * tests skip.
 *
 * <p>Redis: {@code replication.c}, {@code replconfCommand}, {@code syncCommand},
 * {@code replicationFeedSlaves}, {@code waitCommand}; {@code server.c}, {@code genRedisInfoString}.
 */
@BlackBox(local = ReplicationLocalServer.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class) // stage 3's test last: the suite shares one server
class ReplicationBlackBoxTest {
    /** How long a test polls the server (each poll a round trip, never a sleep). */
    private static final Duration WAIT = Duration.ofSeconds(5);

    /** This test's connection acting as a replica, after {@code +FULLRESYNC} and the snapshot. */
    private static final class FakeReplica implements Closeable {
        final WireClient link;
        final String replid;
        /** The replication offset of what this replica has received: the snapshot's, then each command's bytes. */
        long offset;
        final byte[] snapshot;

        private FakeReplica(WireClient link, String replid, long offset, byte[] snapshot) {
            this.link = link;
            this.replid = replid;
            this.offset = offset;
            this.snapshot = snapshot;
        }

        /**
         * The handshake of a replica that cannot read a streamed snapshot ({@code capa psync2}
         * only, so the primary sends {@code $<len>}), then {@code PSYNC ? -1}.
         */
        static FakeReplica attach(ServerUnderTest server, int listeningPort) throws IOException {
            WireClient link = server.connect();
            link.command("PING").expect("+PONG\r\n");
            link.command("REPLCONF", "listening-port", Integer.toString(listeningPort)).expect("+OK\r\n");
            link.command("REPLCONF", "capa", "psync2").expect("+OK\r\n");
            link.command("PSYNC", "?", "-1");
            String reply = link.expectSimpleStringReply(); // +FULLRESYNC <replid> <offset>\r\n
            assertTrue(reply.matches("FULLRESYNC [0-9a-f]{40} [0-9]+"),
                    "the reply to PSYNC ? -1 is +FULLRESYNC <40 hex digits> <offset>, got +" + reply);
            String[] parts = reply.split(" ");
            byte[] snapshot = link.expectBulkWithoutCrlf(); // $<len>\r\n<rdb bytes>, no CRLF
            return new FakeReplica(link, parts[1], Long.parseLong(parts[2]), snapshot);
        }

        /**
         * Reads the stream up to the command that sets {@code key}, counting every byte in the
         * offset, and answers a {@code REPLCONF GETACK} as a replica does.
         *
         * @return the database the last {@code SELECT} before that command chose, or -1 if none came
         */
        int readUntilSetOf(String key) throws IOException {
            int selected = -1;
            while (true) {
                List<String> command = next();
                String name = command.get(0).toUpperCase();
                if (name.equals("SELECT")) {
                    selected = Integer.parseInt(command.get(1));
                } else if (name.equals("SET") && command.get(1).equals(key)) {
                    return selected;
                }
            }
        }

        /** Reads the next command of the stream and counts its bytes; answers GETACK with the offset before it. */
        List<String> next() throws IOException {
            List<String> command = link.expectCommand();
            long before = offset;
            offset += encodedLength(command);
            if (command.size() == 3 && command.get(0).equalsIgnoreCase("REPLCONF")
                    && command.get(1).equalsIgnoreCase("GETACK")) {
                ack(before);
            }
            return command;
        }

        /** Sends {@code REPLCONF ACK <offset>}, which the primary does not answer. */
        void ack(long ackOffset) throws IOException {
            link.command("REPLCONF", "ACK", Long.toString(ackOffset));
        }

        @Override
        public void close() throws IOException {
            link.close();
        }
    }

    /** @return the bytes of a command as a multibulk of bulk strings: what the primary sent for it */
    private static long encodedLength(List<String> args) {
        long n = ("*" + args.size() + "\r\n").length();
        for (String arg : args) {
            n += ("$" + arg.length() + "\r\n").length() + arg.length() + 2L;
        }
        return n;
    }

    private static Map<String, String> info(WireClient c, String section) throws IOException {
        c.command("INFO", section);
        Map<String, String> fields = new HashMap<>();
        for (String line : c.expectBulkReply().split("\r\n")) {
            int colon = line.indexOf(':');
            if (colon > 0 && !line.startsWith("#")) {
                fields.put(line.substring(0, colon), line.substring(colon + 1));
            }
        }
        return fields;
    }

    /** @return a port number that names this test's replica in INFO's slaveN lines (nothing listens there) */
    private static int listeningPort(ServerUnderTest server) {
        return 40000 + Math.floorMod(server.key("port").hashCode(), 20000);
    }

    @Test
    @Stage(lab = 8, value = 2)
    @Points(2)
    void replconfAcceptsTheHandshakeAndRefusesAnUnknownOption(ServerUnderTest server) throws Exception {
        try (WireClient c = server.connect()) {
            c.command("REPLCONF", "listening-port", "6380").expect("+OK\r\n");
            c.command("REPLCONF", "capa", "eof", "capa", "psync2").expect("+OK\r\n");
            c.command("REPLCONF", "no-such-option", "1").expect("-ERR Unrecognized REPLCONF option: no-such-option\r\n");
        }
    }

    @Test
    @Stage(lab = 8, value = 2)
    @Points(3)
    void psyncWithNoHistoryGetsAFullResyncAndAnRdbSnapshot(ServerUnderTest server) throws Exception {
        try (WireClient writer = server.connect()) {
            writer.command("SET", server.key("snapshot"), server.value()).expect("+OK\r\n");
        }
        try (FakeReplica replica = FakeReplica.attach(server, listeningPort(server))) {
            byte[] rdb = replica.snapshot;
            assertTrue(rdb.length >= 18, "an RDB file has at least 18 bytes; the snapshot has " + rdb.length);
            assertEquals("REDIS0010", new String(rdb, 0, 9, StandardCharsets.ISO_8859_1), "the RDB magic and version");
            assertEquals(0xff, rdb[rdb.length - 9] & 0xff, "the EOF opcode (0xFF) before the 8-byte checksum");
            assertNotEquals("0".repeat(40), replica.replid, "the replication ID");
        }
    }

    @Test
    @Stage(lab = 8, value = 2)
    @Points(3)
    void theStreamCarriesEachWriteAfterASelectOfItsDatabase(ServerUnderTest server) throws Exception {
        try (FakeReplica replica = FakeReplica.attach(server, listeningPort(server));
                WireClient writer = server.connect()) {
            String first = server.key("db0");
            String value = server.value();
            writer.command("SET", first, value).expect("+OK\r\n");
            assertEquals(0, replica.readUntilSetOf(first), "the SELECT before the first write after a full resync");

            String second = server.key("db1");
            writer.command("SELECT", "1").expect("+OK\r\n");
            writer.command("SET", second, value).expect("+OK\r\n");
            assertEquals(1, replica.readUntilSetOf(second), "the SELECT when the database changes");

            String third = server.key("db0again");
            writer.command("SELECT", "0").expect("+OK\r\n");
            writer.command("SET", third, value).expect("+OK\r\n");
            assertEquals(0, replica.readUntilSetOf(third), "the SELECT when the database changes back");
            writer.command("DEL", first, third).expect(":2\r\n");
            writer.command("SELECT", "1").expect("+OK\r\n");
            writer.command("DEL", second).expect(":1\r\n");
        }
    }

    @Test
    @Order(Integer.MAX_VALUE)
    @Stage(lab = 8, value = 3)
    @Points(3)
    void waitCountsTheReplicaOnceItAcknowledgesTheWrite(ServerUnderTest server) throws Exception {
        try (WireClient writer = server.connect()) {
            writer.command("WAIT", "0", "0");
            assertTrue(writer.expectIntegerReply() >= 0, "WAIT 0 0 answers a count at once");
        }
        try (FakeReplica replica = FakeReplica.attach(server, listeningPort(server));
                WireClient writer = server.connect()) {
            replica.ack(replica.offset);
            String key = server.key("waited");
            writer.command("SET", key, server.value()).expect("+OK\r\n");
            replica.readUntilSetOf(key);
            writer.command("WAIT", "1", "4000"); // the primary asks with REPLCONF GETACK *; next() answers it
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (true) {
                List<String> command = replica.next();
                if (command.get(0).equalsIgnoreCase("REPLCONF")) {
                    break;
                }
                assertTrue(System.nanoTime() < deadline, "REPLCONF GETACK * within " + WAIT + " of WAIT");
            }
            assertTrue(writer.expectIntegerReply() >= 1, "WAIT 1 4000 counts this replica once it acknowledged");
            writer.command("DEL", key).expect(":1\r\n");
        }
    }

    @Test
    @Stage(lab = 8, value = 2)
    @Points(2)
    void infoReplicationListsTheReplicaAndTheHistory(ServerUnderTest server) throws Exception {
        int port = listeningPort(server);
        try (FakeReplica replica = FakeReplica.attach(server, port); WireClient c = server.connect()) {
            Map<String, String> fields = info(c, "replication");
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (!slaveLine(fields, port).contains("state=online") && System.nanoTime() < deadline) {
                fields = info(c, "replication");
            }
            String all = "INFO replication: " + fields;
            assertEquals("master", fields.get("role"), all);
            assertTrue(Long.parseLong(fields.get("connected_slaves")) >= 1, all);
            assertTrue(slaveLine(fields, port).matches(
                    "ip=[^,]+,port=" + port + ",state=online,offset=[0-9]+,lag=[0-9]+"), // ip: as the server sees us
                    "a slaveN line for this replica: ip=<address>,port=" + port + ",state=online,offset=<n>,lag=<s>; " + all);
            assertEquals(replica.replid, fields.get("master_replid"), "master_replid is +FULLRESYNC's; " + all);
            assertTrue(fields.getOrDefault("master_replid2", "").matches("[0-9a-f]{40}"), all);
            assertTrue(Long.parseLong(fields.get("master_repl_offset")) >= replica.offset, all);
            assertEquals("1", fields.get("repl_backlog_active"), all);
            assertTrue(Long.parseLong(fields.get("repl_backlog_size")) > 0, all);
            for (String field : List.of("second_repl_offset", "repl_backlog_first_byte_offset", "repl_backlog_histlen")) {
                assertTrue(fields.containsKey(field), field + " in " + all);
            }
        }
    }

    /** @return the value of the slaveN field whose port is {@code port}, or "" */
    private static String slaveLine(Map<String, String> fields, int port) {
        return fields.entrySet().stream()
                .filter(e -> e.getKey().matches("slave[0-9]+") && e.getValue().contains(",port=" + port + ","))
                .map(Map.Entry::getValue).findFirst().orElse("");
    }
}
