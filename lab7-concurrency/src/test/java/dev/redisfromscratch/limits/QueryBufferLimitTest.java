package dev.redisfromscratch.limits;

import static org.assertj.core.api.Assertions.assertThat;

import dev.redisfromscratch.server.ConcurrencyServer;
import dev.redisfromscratch.server.IntegratedServerFixture;
import dev.redisfromscratch.testkit.RawClient;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * {@code client-query-buffer-limit}: a client that sends a huge bulk argument and never finishes
 * it is closed once its query buffer passes the limit, with Redis's log line and no reply; the
 * command never runs, and the other clients keep being served. {@code CONFIG GET/SET} as Redis:
 * 1 GiB by default, memory units, at least 1 MiB.
 *
 * <p>Redis: {@code networking.c}, {@code readQueryFromClient}; {@code config.c},
 * {@code client-query-buffer-limit}.
 */
class QueryBufferLimitTest {
    private static final Duration WAIT = Duration.ofSeconds(10);

    @Test
    void aClientWhoseIncompleteArgumentPassesTheLimitIsClosedWithRedisLogLineAndOthersAreServed() throws Exception {
        try (IntegratedServerFixture f = IntegratedServerFixture.start(ConcurrencyServer.extensions());
             RawClient other = RawClient.connect(f.port);
             RawClient huge = RawClient.connect(f.port)) {
            other.send("CONFIG SET client-query-buffer-limit 1mb\r\n").read("+OK\r\n");

            // SET k <2,000,000 bytes>, of which 1,100,000 are sent, 10,000 at a time
            huge.send("*3\r\n$3\r\nSET\r\n$1\r\nk\r\n$2000000\r\n");
            byte[] chunk = new byte[10_000];
            Arrays.fill(chunk, (byte) 'x');
            try {
                for (int sent = 0; sent < 1_100_000; sent += chunk.length) {
                    huge.send(chunk);
                }
            } catch (IOException closedMeanwhile) {
                // the server closed it once past the limit: what we still send is refused
            }
            String line = LimitsLog.await(f.log, "Closing client that reached max query buffer length", WAIT)
                    .orElseThrow(() -> new AssertionError("no query buffer log line in " + f.log));
            assertThat(line).matches("Closing client that reached max query buffer length: id=\\d+ "
                    + "addr=127\\.0\\.0\\.1:\\d+ laddr=127\\.0\\.0\\.1:\\d+ .* flags=N .*"
                    + " \\(qbuf initial bytes: \"x{64}\"\\)");
            assertThat(LimitsLog.field(line, "qbuf")).as("query buffer when closed, bytes")
                    .isGreaterThan(1024 * 1024).isLessThanOrEqualTo(1024 * 1024 + 64 * 1024);
            assertThat(huge.readUntilClosed()).as("no reply, just the close").isEmpty();

            assertThat(other.send("EXISTS k\r\n").read(":0\r\n")).as("the SET never ran").isEqualTo(":0\r\n");
            assertThat(other.send("PING\r\n").read("+PONG\r\n")).isEqualTo("+PONG\r\n");
            assertThat(MaxClientsTest.info(other)).contains("connected_clients:1\r\n");
        }
    }

    @Test
    void aClientUnderTheLimitIsServedWithAnArgumentBiggerThanOneRead() throws Exception {
        try (IntegratedServerFixture f = IntegratedServerFixture.start(ConcurrencyServer.extensions(),
                "client-query-buffer-limit", "1mb");
             RawClient c = RawClient.connect(f.port)) {
            byte[] value = new byte[1000_000];
            Arrays.fill(value, (byte) 'v');
            c.send("*3\r\n$3\r\nSET\r\n$1\r\nk\r\n$1000000\r\n").send(value).send("\r\n");
            assertThat(c.read("+OK\r\n")).isEqualTo("+OK\r\n");
            assertThat(c.send("STRLEN k\r\n").read(":1000000\r\n")).isEqualTo(":1000000\r\n");
            assertThat(LimitsLog.contains(f.log, "max query buffer")).isFalse();
        }
    }

    @Test
    void configGetAndSetUseRedisUnitsMinimumAndErrors() throws Exception {
        try (IntegratedServerFixture f = IntegratedServerFixture.start(ConcurrencyServer.extensions());
             RawClient c = RawClient.connect(f.port)) {
            assertThat(get(c)).isEqualTo("1073741824");
            String tooSmall = "-ERR CONFIG SET failed (possibly related to argument 'client-query-buffer-limit') - "
                    + "argument must be between 1048576 and 9223372036854775807 inclusive\r\n";
            assertThat(c.send("CONFIG SET client-query-buffer-limit 1000\r\n").read(tooSmall)).isEqualTo(tooSmall);
            String notMemory = "-ERR CONFIG SET failed (possibly related to argument 'client-query-buffer-limit') - "
                    + "argument must be a memory value\r\n";
            assertThat(c.send("CONFIG SET client-query-buffer-limit 1gbx\r\n").read(notMemory)).isEqualTo(notMemory);
            assertThat(c.send("CONFIG SET client-query-buffer-limit -1\r\n").read(notMemory)).isEqualTo(notMemory);
            assertThat(get(c)).isEqualTo("1073741824");
            c.send("CONFIG SET client-query-buffer-limit 2MB\r\n").read("+OK\r\n");
            assertThat(get(c)).isEqualTo("2097152");
        }
    }

    private static String get(RawClient c) throws IOException {
        c.send("CONFIG GET client-query-buffer-limit\r\n");
        c.read("*2\r\n$25\r\nclient-query-buffer-limit\r\n");
        String header = c.readLine();
        int n = Integer.parseInt(header.substring(1, header.length() - 2));
        return new String(c.readExactly(n + 2), StandardCharsets.ISO_8859_1).trim();
    }
}
