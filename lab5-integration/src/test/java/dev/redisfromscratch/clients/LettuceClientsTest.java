package dev.redisfromscratch.clients;

import static org.assertj.core.api.Assertions.assertThat;

import dev.redisfromscratch.server.IntegratedServerFixture;
import dev.redisfromscratch.testkit.RawClient;
import dev.redisfromscratch.testkit.grading.Points;
import dev.redisfromscratch.testkit.grading.Stage;
import io.lettuce.core.LettuceFutures;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.lettuce.core.api.reactive.RedisReactiveCommands;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;

/**
 * Lettuce, the client Spring Data Redis uses by default, against lab 5. Lettuce is asynchronous:
 * one connection carries many commands in flight, written as they are issued, their replies
 * matched in order as they come back. With its default options it first asks for RESP3
 * ({@code HELLO 3}); lab 5 speaks RESP2 only and answers {@code -NOPROTO unsupported protocol
 * version}, as a Redis that does not know the version would, and Lettuce carries on in RESP2.
 */
@Stage(lab = 5, value = 1)
class LettuceClientsTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private IntegratedServerFixture fx;
    private RedisClient client;

    @BeforeEach
    void start() throws Exception {
        fx = IntegratedServerFixture.start();
    }

    @AfterEach
    void stop() {
        if (client != null) {
            client.shutdown(Duration.ZERO, Duration.ofSeconds(5)); // no quiet period: tests end fast
        }
        fx.close();
    }

    private StatefulRedisConnection<String, String> connect(int port) {
        client = RedisClient.create(RedisURI.builder().withHost("127.0.0.1").withPort(port).withTimeout(TIMEOUT).build());
        return client.connect();
    }

    /**
     * A thousand {@code SET}s and then a thousand {@code GET}s issued without waiting: every call
     * returns a future at once, and the commands go out as fast as they are made. The server sees
     * a long pipeline on one connection; every future completes with its own command's reply.
     */
    @Test
    @Points(3)
    void asyncCommandsInFlightAllCompleteWithTheirOwnReplies() {
        try (StatefulRedisConnection<String, String> connection = connect(fx.port)) {
            RedisAsyncCommands<String, String> async = connection.async();
            List<RedisFuture<String>> sets = new ArrayList<>();
            for (int i = 0; i < 1000; i++) {
                sets.add(async.set("key:" + i, "value:" + i));
            }
            List<RedisFuture<String>> gets = new ArrayList<>();
            for (int i = 0; i < 1000; i++) {
                gets.add(async.get("key:" + i));
            }
            RedisFuture<Long> size = async.dbsize();
            assertThat(LettuceFutures.awaitAll(TIMEOUT, sets.toArray(new RedisFuture<?>[0]))).isTrue();
            assertThat(LettuceFutures.awaitAll(TIMEOUT, gets.toArray(new RedisFuture<?>[0]))).isTrue();
            for (int i = 0; i < 1000; i++) {
                assertThat(sets.get(i).toCompletableFuture().join()).isEqualTo("OK");
                assertThat(gets.get(i).toCompletableFuture().join()).as("GET key:%d", i).isEqualTo("value:" + i);
            }
            assertThat(size.toCompletableFuture().orTimeout(10, TimeUnit.SECONDS).join()).isEqualTo(1000L);
        }
    }

    /**
     * The reactive API: a {@code Flux} of keys mapped to {@code GET}s. A missing key's {@code GET}
     * ({@code $-1}) completes empty in Reactor, so only the keys that exist produce a value, in
     * the keys' order.
     */
    @Test
    @Points(3)
    void aFluxOfGetsEmitsTheValuesOfTheKeysThatExist() {
        try (StatefulRedisConnection<String, String> connection = connect(fx.port)) {
            RedisReactiveCommands<String, String> reactive = connection.reactive();
            Flux.range(0, 100)
                    .filter(i -> i % 2 == 0)
                    .concatMap(i -> reactive.set("user:" + i, "name-" + i))
                    .blockLast(TIMEOUT);
            List<String> values = Flux.range(0, 100)
                    .flatMapSequential(i -> reactive.get("user:" + i)) // all in flight, emitted in order
                    .collectList()
                    .block(TIMEOUT);
            assertThat(values).containsExactlyElementsOf(
                    IntStream.range(0, 100).filter(i -> i % 2 == 0).mapToObj(i -> "name-" + i).toList());
        }
    }

    /**
     * A connection with Lettuce's default options works against lab 5: it asked for RESP3, was
     * refused, and fell back to RESP2.
     */
    @Test
    @Points(2)
    void aConnectionWithDefaultOptionsWorks() {
        try (StatefulRedisConnection<String, String> connection = connect(fx.port)) {
            assertThat(connection.sync().ping()).isEqualTo("PONG");
            assertThat(connection.sync().set("k", "v")).isEqualTo("OK");
            assertThat(connection.sync().get("k")).isEqualTo("v");
        }
    }

    /**
     * What happened on the wire when it connected, recorded by a proxy between Lettuce and lab 5:
     * Lettuce's first command is {@code HELLO 3}; lab 5's first reply is Redis's
     * {@code -NOPROTO unsupported protocol version}; after it Lettuce's commands get RESP2 replies
     * ({@code +PONG}, not RESP3's attribute or map types).
     */
    @Test
    @Points(2)
    void lettuceAsksForResp3WithHelloAndIsAnsweredNoproto() throws Exception {
        try (RawClient direct = RawClient.connect(fx.port)) { // fails at once, not after Lettuce's timeouts, if no server answers
            assertThat(direct.send("PING\r\n").read("+PONG\r\n")).isEqualTo("+PONG\r\n");
        }
        try (RecordingProxy proxy = new RecordingProxy(fx.port);
             StatefulRedisConnection<String, String> connection = connect(proxy.port())) {
            assertThat(connection.sync().ping()).isEqualTo("PONG");
            assertThat(proxy.fromClient()).startsWith("*2\r\n$5\r\nHELLO\r\n$1\r\n3\r\n");
            assertThat(proxy.fromServer()).startsWith("-NOPROTO unsupported protocol version\r\n")
                    .endsWith("+PONG\r\n");
        }
    }

    /**
     * A TCP proxy for one connection, on an ephemeral loopback port, that forwards bytes both ways
     * and keeps a copy of each direction.
     */
    private static final class RecordingProxy implements AutoCloseable {
        private final ServerSocket listener;
        private final int target;
        private final ByteArrayOutputStream fromClient = new ByteArrayOutputStream();
        private final ByteArrayOutputStream fromServer = new ByteArrayOutputStream();
        private final List<Socket> sockets = new ArrayList<>();

        RecordingProxy(int target) throws IOException {
            this.target = target;
            this.listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
            Thread accept = new Thread(this::acceptOne, "proxy-accept");
            accept.setDaemon(true);
            accept.start();
        }

        int port() {
            return listener.getLocalPort();
        }

        private void acceptOne() {
            try {
                Socket client = listener.accept();
                Socket server = new Socket(InetAddress.getLoopbackAddress(), target);
                synchronized (sockets) {
                    sockets.add(client);
                    sockets.add(server);
                }
                pump(client.getInputStream(), server.getOutputStream(), fromClient, "proxy-up");
                pump(server.getInputStream(), client.getOutputStream(), fromServer, "proxy-down");
            } catch (IOException closed) {
                // the test is over
            }
        }

        private static void pump(InputStream in, OutputStream out, ByteArrayOutputStream copy, String name) {
            Thread t = new Thread(() -> {
                byte[] buffer = new byte[16 * 1024];
                try {
                    for (int n; (n = in.read(buffer)) > 0; ) {
                        synchronized (copy) {
                            copy.write(buffer, 0, n);
                        }
                        out.write(buffer, 0, n);
                        out.flush();
                    }
                } catch (IOException closed) {
                    // one side went away
                }
            }, name);
            t.setDaemon(true);
            t.start();
        }

        /** @return what the client sent so far, as text */
        String fromClient() {
            synchronized (fromClient) {
                return fromClient.toString(StandardCharsets.UTF_8);
            }
        }

        /** @return what the server answered so far, as text */
        String fromServer() {
            synchronized (fromServer) {
                return fromServer.toString(StandardCharsets.UTF_8);
            }
        }

        @Override
        public void close() throws IOException {
            listener.close();
            synchronized (sockets) {
                for (Socket s : sockets) {
                    s.close();
                }
            }
        }
    }
}
