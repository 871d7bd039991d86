package dev.redisfromscratch.replica;

import static org.assertj.core.api.Assertions.assertThat;

import dev.redisfromscratch.rdb.RdbWriter;
import dev.redisfromscratch.server.IntegratedServerFixture;
import dev.redisfromscratch.server.ReplicationServer;
import dev.redisfromscratch.snapshot.EntrySource;
import dev.redisfromscratch.store.Databases;
import dev.redisfromscratch.testkit.ManualClock;
import dev.redisfromscratch.testkit.grading.Points;
import dev.redisfromscratch.testkit.grading.Stage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import redis.clients.jedis.Jedis;

/**
 * The replica's offsets and acknowledgements, against a scripted primary that checks every byte:
 * {@code REPLCONF ACK} counts exactly the applied commands' bytes (never the GETACK that asked),
 * and a dropped link is continued with {@code PSYNC <replid> <offset+1>}.
 */
@Stage(lab = 8, value = 3)
@Timeout(30)
class ReplicaAcknowledgementsTest {
    private static final String REPLID = "0123456789abcdef0123456789abcdef01234567";
    private static final String NEW_REPLID = "fedcba9876543210fedcba9876543210fedcba98";
    private static final long START = 1000;

    private static byte[] emptySnapshot() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        RdbWriter.write(EntrySource.of(new Databases(16, new ManualClock())), out);
        return out.toByteArray();
    }

    /** Plays the primary's side of the handshake; returns the PSYNC line the replica sent. */
    private static String handshake(FakePrimary fake, int replicaPort) throws IOException {
        fake.accept();
        playHandshake(fake, replicaPort);
        return readCommand(fake);
    }

    /** The same, for a reconnection at the link's next second (given up as soon as the replica's server stops). */
    private static String rehandshake(FakePrimary fake, int replicaPort) throws IOException {
        fake.accept(5_000, replicaPort);
        playHandshake(fake, replicaPort);
        return readCommand(fake);
    }

    private static void playHandshake(FakePrimary fake, int replicaPort) throws IOException {
        assertThat(fake.read(14)).isEqualTo("*1\r\n$4\r\nPING\r\n");
        fake.write("+PONG\r\n");
        String port = Integer.toString(replicaPort);
        fake.read(("*3\r\n$8\r\nREPLCONF\r\n$14\r\nlistening-port\r\n$" + port.length() + "\r\n" + port + "\r\n"
                + "*5\r\n$8\r\nREPLCONF\r\n$4\r\ncapa\r\n$3\r\neof\r\n$4\r\ncapa\r\n$6\r\npsync2\r\n").length());
        fake.write("+OK\r\n+OK\r\n");
    }

    /** @return one RESP array of bulk strings from the replica, its arguments joined by spaces */
    private static String readCommand(FakePrimary fake) throws IOException {
        String header = fake.readLine();
        assertThat(header).startsWith("*");
        int n = Integer.parseInt(header.substring(1).trim());
        StringBuilder args = new StringBuilder();
        for (int i = 0; i < n; i++) {
            fake.readLine();
            String arg = fake.readLine();
            args.append(i == 0 ? "" : " ").append(arg, 0, arg.length() - 2);
        }
        return args.toString();
    }

    private static void fullResync(FakePrimary fake) throws IOException {
        byte[] rdb = emptySnapshot();
        fake.write("+FULLRESYNC " + REPLID + " " + START + "\r\n\n$" + rdb.length + "\r\n");
        fake.write(rdb);
    }

    /** Reads ACKs until one differs from {@code skip} (a once-a-second ACK sent before the test's bytes arrived). */
    private static long nextAckOtherThan(FakePrimary fake, long skip) throws IOException {
        while (true) {
            String ack = readCommand(fake);
            assertThat(ack).startsWith("REPLCONF ACK ");
            long offset = Long.parseLong(ack.substring("REPLCONF ACK ".length()));
            if (offset != skip) {
                return offset;
            }
        }
    }

    @Test
    @Points(2)
    void getAckIsAnsweredWithTheOffsetBeforeIt() throws Exception {
        try (FakePrimary fake = new FakePrimary();
             IntegratedServerFixture ours = IntegratedServerFixture.start(ReplicationServer.extensions(),
                     "replicaof", "127.0.0.1 " + fake.port());
             Jedis r = new Jedis("127.0.0.1", ours.port)) {
            assertThat(handshake(fake, ours.port)).isEqualTo("PSYNC ? -1");
            fullResync(fake);
            String set = "*3\r\n$3\r\nSET\r\n$1\r\nk\r\n$1\r\nv\r\n";
            String getack = "*3\r\n$8\r\nREPLCONF\r\n$6\r\nGETACK\r\n$1\r\n*\r\n";
            fake.write(set + getack);
            long afterSet = START + set.length();
            assertThat(nextAckOtherThan(fake, START)).isEqualTo(afterSet); // not counting the GETACK
            assertThat(nextAckOtherThan(fake, afterSet)).isEqualTo(afterSet + getack.length()); // the next second's
            assertThat(r.get("k")).isEqualTo("v");
            String info = r.info("replication");
            assertThat(Replication.field(info, "slave_repl_offset")).isEqualTo(Long.toString(afterSet + getack.length()));
            assertThat(Replication.field(info, "master_link_status")).isEqualTo("up");
        }
    }

    @Test
    @Points(2)
    void aDroppedLinkContinuesWithPsyncAndTheNextOffset() throws Exception {
        try (FakePrimary fake = new FakePrimary();
             IntegratedServerFixture ours = IntegratedServerFixture.start(ReplicationServer.extensions(),
                     "replicaof", "127.0.0.1 " + fake.port());
             Jedis r = new Jedis("127.0.0.1", ours.port)) {
            assertThat(handshake(fake, ours.port)).isEqualTo("PSYNC ? -1");
            fullResync(fake);
            String select = "*2\r\n$6\r\nSELECT\r\n$1\r\n2\r\n";
            String set = "*3\r\n$3\r\nSET\r\n$1\r\nk\r\n$1\r\nv\r\n";
            // half a command at the end: read, not applied, not counted
            fake.write(select + set + "*3\r\n$3\r\nSET\r\n$2\r\nk2");
            long applied = START + select.length() + set.length();
            assertThat(nextAckOtherThan(fake, START)).isEqualTo(applied);
            fake.drop();

            // the next second: a new link asks to continue right after the last whole command
            assertThat(rehandshake(fake, ours.port)).isEqualTo("PSYNC " + REPLID + " " + (applied + 1));
            assertThat(ours.log).contains("Connection with master lost.", "Caching the disconnected master state.");
            fake.write("+CONTINUE " + NEW_REPLID + "\r\n" + set.replace("$1\r\nk\r\n", "$2\r\nk3\r\n"));
            long after = applied + set.length() + 1;
            assertThat(nextAckOtherThan(fake, applied)).isEqualTo(after);
            r.select(2); // the stream's database survived the reconnection
            assertThat(r.get("k3")).isEqualTo("v");
            assertThat(r.exists("k2")).isFalse();
            assertThat(ours.log).contains("Successful partial resynchronization with master.",
                    "Master replication ID changed to " + NEW_REPLID);
            String info = r.info("replication");
            assertThat(Replication.field(info, "master_replid")).isEqualTo(NEW_REPLID);
            assertThat(Replication.field(info, "master_replid2")).isEqualTo(REPLID);
            assertThat(Replication.field(info, "second_repl_offset")).isEqualTo(Long.toString(applied + 1));
        }
    }

    static String ascii(byte[] bytes) {
        return new String(bytes, StandardCharsets.ISO_8859_1);
    }
}
