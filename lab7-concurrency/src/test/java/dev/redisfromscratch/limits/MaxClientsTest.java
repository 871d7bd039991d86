package dev.redisfromscratch.limits;

import static org.assertj.core.api.Assertions.assertThat;

import dev.redisfromscratch.server.ConcurrencyServer;
import dev.redisfromscratch.server.IntegratedServerFixture;
import dev.redisfromscratch.testkit.RawClient;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;

/**
 * {@code maxclients}: the connection one over the limit gets Redis's error and is closed, is
 * counted in {@code rejected_connections}, and the clients already connected keep being served;
 * {@code CONFIG SET maxclients} lowers the limit at once (clients already connected stay).
 *
 * <p>Redis: {@code networking.c}, {@code acceptCommonHandler}
 * ({@code listLength(server.clients) >= server.maxclients}, {@code stat_rejected_conn++}).
 */
class MaxClientsTest {
    private static final String REFUSED = "-ERR max number of clients reached\r\n";

    @Test
    void theClientOverMaxclientsIsRefusedAndCountedAndTheOthersKeepBeingServed() throws Exception {
        try (IntegratedServerFixture f = IntegratedServerFixture.start(ConcurrencyServer.extensions(), "maxclients", "3")) {
            List<RawClient> admitted = new ArrayList<>();
            try {
                for (int i = 0; i < 3; i++) {
                    RawClient c = RawClient.connect(f.port);
                    admitted.add(c);
                    c.send("PING\r\n").read("+PONG\r\n");
                }
                try (RawClient extra = RawClient.connect(f.port)) {
                    assertThat(extra.readUntilClosed()).isEqualTo(REFUSED);
                }
                for (RawClient c : admitted) {
                    assertThat(c.send("PING\r\n").read("+PONG\r\n")).isEqualTo("+PONG\r\n");
                }
                assertThat(info(admitted.get(0))).contains("rejected_connections:1\r\n")
                        .contains("connected_clients:3\r\n").contains("maxclients:3\r\n");
            } finally {
                closeAll(admitted);
            }
        }
    }

    @Test
    void configSetMaxclientsLowersTheLimitAtRunTimeAndKeepsTheClientsAlreadyConnected() throws Exception {
        try (IntegratedServerFixture f = IntegratedServerFixture.start(ConcurrencyServer.extensions(), "maxclients", "10")) {
            List<RawClient> admitted = new ArrayList<>();
            try {
                for (int i = 0; i < 3; i++) {
                    RawClient c = RawClient.connect(f.port);
                    admitted.add(c);
                    c.send("PING\r\n").read("+PONG\r\n");
                }
                RawClient first = admitted.get(0);
                first.send("CONFIG SET maxclients 2\r\n").read("+OK\r\n");
                assertThat(first.send("CONFIG GET maxclients\r\n").read("*2\r\n$10\r\nmaxclients\r\n$1\r\n2\r\n"))
                        .isEqualTo("*2\r\n$10\r\nmaxclients\r\n$1\r\n2\r\n");
                try (RawClient extra = RawClient.connect(f.port)) {
                    assertThat(extra.readUntilClosed()).isEqualTo(REFUSED);
                }
                for (RawClient c : admitted) { // three connected, the limit two: nobody is dropped
                    assertThat(c.send("PING\r\n").read("+PONG\r\n")).isEqualTo("+PONG\r\n");
                }
                assertThat(info(first)).contains("rejected_connections:1\r\n").contains("maxclients:2\r\n");

                admitted.remove(2).close();
                admitted.remove(1).close();
                awaitConnectedClients(first, 1);
                try (RawClient again = RawClient.connect(f.port)) { // one connected, limit two: room again
                    assertThat(again.send("PING\r\n").read("+PONG\r\n")).isEqualTo("+PONG\r\n");
                }
            } finally {
                closeAll(admitted);
            }
        }
    }

    @Test
    void configSetMaxclientsRefusesValuesRedisRefuses() throws Exception {
        try (IntegratedServerFixture f = IntegratedServerFixture.start(ConcurrencyServer.extensions());
             RawClient c = RawClient.connect(f.port)) {
            String error = "-ERR CONFIG SET failed (possibly related to argument 'maxclients') - argument must be "
                    + "between 1 and 4294967295 inclusive\r\n";
            assertThat(c.send("CONFIG SET maxclients 0\r\n").read(error)).isEqualTo(error);
            assertThat(c.send("CONFIG GET maxclients\r\n").read("*2\r\n$10\r\nmaxclients\r\n$5\r\n10000\r\n"))
                    .isEqualTo("*2\r\n$10\r\nmaxclients\r\n$5\r\n10000\r\n");
        }
    }

    /** @return INFO's text (all sections) as one string */
    static String info(RawClient c) throws IOException {
        c.send("INFO\r\n");
        String header = c.readLine(); // $<length>\r\n
        int length = Integer.parseInt(header.substring(1, header.length() - 2));
        String body = new String(c.readExactly(length + 2), java.nio.charset.StandardCharsets.ISO_8859_1);
        return body;
    }

    private static void awaitConnectedClients(RawClient c, int expected) throws IOException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (!info(c).contains("connected_clients:" + expected + "\r\n")) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("connected_clients never became " + expected + ": " + info(c));
            }
            LockSupport.parkNanos(5_000_000); // polling a condition with a deadline
        }
    }

    private static void closeAll(List<RawClient> clients) throws IOException {
        for (RawClient c : clients) {
            c.close();
        }
    }
}
