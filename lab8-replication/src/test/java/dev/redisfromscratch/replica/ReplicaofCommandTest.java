package dev.redisfromscratch.replica;

import static org.assertj.core.api.Assertions.assertThat;

import dev.redisfromscratch.server.IntegratedServerFixture;
import dev.redisfromscratch.server.ReplicationServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@code REPLICAOF}'s replies, as Redis 7.0.15 gives them. The primary here is scripted and never
 * answers the handshake, so these need none of the student's code.
 */
@Timeout(20)
class ReplicaofCommandTest {

    @Test
    void repliesAsRedis() throws Exception {
        try (FakePrimary fake = new FakePrimary();
             IntegratedServerFixture ours = IntegratedServerFixture.start(ReplicationServer.extensions())) {
            assertThat(Replication.raw(ours.port, "REPLICAOF", "NO", "ONE")).isEqualTo("+OK\r\n");
            assertThat(Replication.raw(ours.port, "REPLICAOF", "127.0.0.1", "abc"))
                    .isEqualTo("-ERR Invalid master port\r\n");
            assertThat(Replication.raw(ours.port, "REPLICAOF", "127.0.0.1", "70000"))
                    .isEqualTo("-ERR Invalid master port\r\n");
            assertThat(Replication.raw(ours.port, "REPLICAOF", "127.0.0.1", "-1"))
                    .isEqualTo("-ERR Invalid master port\r\n");
            assertThat(Replication.raw(ours.port, "REPLICAOF", "127.0.0.1"))
                    .isEqualTo("-ERR wrong number of arguments for 'replicaof' command\r\n");
            String port = Integer.toString(fake.port());
            assertThat(Replication.raw(ours.port, "REPLICAOF", "127.0.0.1", port)).isEqualTo("+OK\r\n");
            fake.accept();
            assertThat(fake.read(14)).isEqualTo("*1\r\n$4\r\nPING\r\n");
            assertThat(Replication.raw(ours.port, "REPLICAOF", "127.0.0.1", port))
                    .isEqualTo("+OK Already connected to specified master\r\n");
            assertThat(Replication.raw(ours.port, "SLAVEOF", "127.0.0.1", port))
                    .isEqualTo("+OK Already connected to specified master\r\n");
            String info = info(ours.port);
            assertThat(info).contains("role:slave\r\n", "master_host:127.0.0.1\r\n", "master_port:" + port + "\r\n",
                    "master_link_status:down\r\n", "slave_read_repl_offset:0\r\n", "slave_repl_offset:0\r\n",
                    "master_link_down_since_seconds:-1\r\n", "slave_read_only:1\r\n");
            assertThat(Replication.raw(ours.port, "SET", "k", "v"))
                    .isEqualTo("-READONLY You can't write against a read only replica.\r\n");
            assertThat(Replication.raw(ours.port, "CONFIG", "SET", "replica-read-only", "no")).isEqualTo("+OK\r\n");
            assertThat(info(ours.port)).contains("slave_read_only:0\r\n");
            assertThat(Replication.raw(ours.port, "SET", "k", "local")).isEqualTo("+OK\r\n"); // allowed, as in Redis
            assertThat(Replication.raw(ours.port, "CONFIG", "SET", "replica-read-only", "yes")).isEqualTo("+OK\r\n");
            assertThat(Replication.raw(ours.port, "REPLICAOF", "no", "one")).isEqualTo("+OK\r\n");
            assertThat(info(ours.port)).contains("role:master\r\n").doesNotContain("master_host");
            assertThat(Replication.raw(ours.port, "SET", "k", "v")).isEqualTo("+OK\r\n");
            assertThat(ours.log).anyMatch(line -> line.startsWith("REPLICAOF 127.0.0.1:" + port + " enabled (user request from 'id="))
                    .anyMatch(line -> line.startsWith("MASTER MODE enabled (user request from 'id="));
        }
    }

    private static String info(int port) throws Exception {
        try (java.net.Socket s = new java.net.Socket("127.0.0.1", port)) {
            s.setSoTimeout(5000);
            s.getOutputStream().write(Handshake.command("INFO", "replication"));
            java.io.DataInputStream in = new java.io.DataInputStream(s.getInputStream());
            StringBuilder header = new StringBuilder();
            int b;
            while ((b = in.read()) != '\n') {
                header.append((char) b);
            }
            byte[] body = new byte[Integer.parseInt(header.substring(1).trim())];
            in.readFully(body);
            return new String(body, java.nio.charset.StandardCharsets.ISO_8859_1);
        }
    }
}
