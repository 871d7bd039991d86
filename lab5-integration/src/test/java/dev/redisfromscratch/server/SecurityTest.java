package dev.redisfromscratch.server;

import static dev.redisfromscratch.server.ServerCommandsParityTest.resp;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.redisfromscratch.command.CommandFlag;
import dev.redisfromscratch.command.CommandSpec;
import dev.redisfromscratch.resp.client.RespClient;
import dev.redisfromscratch.security.ProtectedMode;
import dev.redisfromscratch.testkit.RawClient;
import dev.redisfromscratch.testkit.RealRedis;
import dev.redisfromscratch.testkit.blackbox.WireAssert;
import java.io.IOException;
import java.io.InputStream;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Security as Redis 7.0 ships it, each part against a real {@code redis-server} configured the same
 * way: {@code requirepass} with {@code AUTH} and {@code HELLO AUTH}, {@code -NOAUTH} for every
 * command but {@code AUTH}, {@code HELLO}, {@code QUIT} and {@code RESET}, Redis's smaller protocol
 * limits before authenticating, {@code RESET} logging out, and protected mode's {@code -DENIED}.
 */
class SecurityTest {
    private static final String PASSWORD = "s3cret";

    /** Sends the same bytes to both, each ending with QUIT, and compares the replies (HELLO's ids masked). */
    private static void assertSameReplies(int redisPort, int ourPort, String request) throws IOException {
        String quitting = request + resp("QUIT");
        WireAssert.sameReplies(quitting, masked(RawClient.exchangeUntilClosed(redisPort, quitting)),
                masked(RawClient.exchangeUntilClosed(ourPort, quitting)));
    }

    /** Sends bytes the server must answer with an error and then close on. */
    private static void assertSameRepliesThenClose(int redisPort, int ourPort, String request) throws IOException {
        WireAssert.sameReplies(request, RawClient.exchangeUntilClosed(redisPort, request),
                RawClient.exchangeUntilClosed(ourPort, request));
    }

    /**
     * A real Redis with a password. It is set once Redis runs: {@code RealRedis} waits for
     * {@code +PONG}, which a server with a password does not send before {@code AUTH}.
     */
    private static RealRedis redisWithPassword() throws IOException {
        RealRedis redis = RealRedis.start();
        try (RespClient c = new RespClient("127.0.0.1", redis.port())) {
            c.call("CONFIG", "SET", "requirepass", PASSWORD);
        }
        return redis;
    }

    private static String masked(String replies) {
        return replies.replaceAll("\\$2\r\nid\r\n:\\d+\r\n", "\\$2\r\nid\r\n:ID\r\n");
    }

    @Test
    void withAPasswordEverythingAnswersAsRedisDoes() throws Exception {
        try (RealRedis redis = redisWithPassword();
             IntegratedServerFixture f = IntegratedServerFixture.start("requirepass", PASSWORD)) {
            for (String request : List.of(
                    resp("GET", "a") + resp("PING") + resp("CLIENT", "ID") + resp("INFO") + resp("CONFIG", "GET", "x")
                            + resp("FROBNICATE") + resp("GET") + resp("CLIENT", "FOO") + resp("ECHO", "x") + resp("TIME"),
                    resp("AUTH") + resp("AUTH", "wrong") + resp("AUTH", "default", "wrong") + resp("AUTH", "nobody", PASSWORD)
                            + resp("AUTH", "Default", PASSWORD) + resp("AUTH", "a", "b", "c") + resp("GET", "a")
                            + resp("AUTH", PASSWORD) + resp("GET", "a") + resp("AUTH", "wrong") + resp("GET", "a"),
                    resp("AUTH", "default", PASSWORD) + resp("GET", "a"),
                    resp("HELLO") + resp("HELLO", "2") + resp("HELLO", "2", "SETNAME", "early")
                            + resp("HELLO", "2", "AUTH", "default", "wrong") + resp("HELLO", "2", "AUTH", "default")
                            + resp("HELLO", "2", "AUTH", "default", PASSWORD, "SETNAME", "a b")
                            + resp("CLIENT", "GETNAME") + resp("GET", "a"),
                    resp("HELLO", "2", "AUTH", "default", PASSWORD, "SETNAME", "app") + resp("CLIENT", "GETNAME")
                            + resp("HELLO") + resp("RESET") + resp("GET", "a") + resp("CLIENT", "GETNAME")
                            + resp("HELLO", "2") + resp("AUTH", PASSWORD) + resp("GET", "a"),
                    resp("RESET") + resp("GET", "a"))) {
                assertSameReplies(redis.port(), f.port, request);
            }
        }
    }

    @Test
    void onlyAuthHelloQuitAndResetRunBeforeAuthenticating() throws Exception {
        try (IntegratedServerFixture f = IntegratedServerFixture.start("requirepass", PASSWORD)) {
            List<String> allowed = new ArrayList<>();
            for (CommandSpec spec : f.server.table().all()) {
                Stream.concat(Stream.of(spec), spec.subcommands().stream())
                        .filter(s -> s.has(CommandFlag.NO_AUTH)).forEach(s -> allowed.add(s.name()));
            }
            Collections.sort(allowed);
            assertThat(allowed).containsExactly("auth", "hello", "quit", "reset");
            // COMMAND INFO parity (ServerCommandsParityTest and the earlier labs' tests) checks that
            // every command has Redis's flags, so this is also Redis's list.
            String replies = RawClient.exchangeUntilClosed(f.port, resp("SET", "k", "v") + resp("DBSIZE")
                    + resp("COMMAND", "COUNT") + resp("CONFIG", "SET", "requirepass", "") + resp("SAVE") + resp("QUIT"));
            assertThat(replies).isEqualTo("-NOAUTH Authentication required.\r\n".repeat(5) + "+OK\r\n");
        }
    }

    @Test
    void beforeAuthenticatingRequestsAreLimitedAsInRedis() throws Exception {
        try (RealRedis redis = redisWithPassword();
             IntegratedServerFixture f = IntegratedServerFixture.start("requirepass", PASSWORD)) {
            String elevenArguments = resp("DEL", "k1", "k2", "k3", "k4", "k5", "k6", "k7", "k8", "k9", "k10");
            String tenArguments = resp("DEL", "k1", "k2", "k3", "k4", "k5", "k6", "k7", "k8", "k9");
            String bigValue = resp("SET", "k", "x".repeat(16385));
            // only the header that is refused: bytes left unread would make the close a reset
            assertSameRepliesThenClose(redis.port(), f.port, "*11\r\n");
            assertSameRepliesThenClose(redis.port(), f.port, "*3\r\n$3\r\nSET\r\n$1\r\nk\r\n$16385\r\n");
            assertSameRepliesThenClose(redis.port(), f.port, resp("PING") + "*2\r\n$4\r\nECHO\r\n$16385\r\n");
            assertSameReplies(redis.port(), f.port, tenArguments + resp("SET", "k", "x".repeat(16384))
                    + "ECHO " + "y".repeat(20_000) + "\r\n"); // an inline request has no such limit
            assertSameReplies(redis.port(), f.port, resp("AUTH", PASSWORD) + elevenArguments + bigValue);
        }
    }

    @Test
    void withoutAPasswordThereIsNoSmallerLimit() throws Exception {
        try (RealRedis redis = RealRedis.start();
             IntegratedServerFixture f = IntegratedServerFixture.start()) {
            assertSameReplies(redis.port(), f.port, resp("DEL", "k1", "k2", "k3", "k4", "k5", "k6", "k7", "k8", "k9", "k10")
                    + resp("SET", "k", "x".repeat(16385)) + resp("GET", "k") + resp("DEL", "k"));
        }
    }

    @Test
    void protectedModeRefusesAPeerThatIsNotExactlyLoopback() throws Exception {
        assumeTrue(canBind("127.0.0.2"), "127.0.0.2 is not a local address here (Linux routes all of 127/8 to lo)");
        try (RealRedis redis = RealRedis.start();
             IntegratedServerFixture f = IntegratedServerFixture.start();
             RespClient admin = new RespClient("127.0.0.1", f.port)) {
            String redisReply = exchangeFrom("127.0.0.2", "127.0.0.1", redis.port(), "");
            String ourReply = exchangeFrom("127.0.0.2", "127.0.0.1", f.port, "");
            assertThat(redisReply).isEqualTo(ProtectedMode.DENIED);
            assertThat(ourReply).isEqualTo(redisReply);
            InfoText stats = InfoText.of(admin, "stats");
            assertThat(stats.number("rejected_connections")).isEqualTo(1);
            assertThat(stats.number("total_connections_received")).isEqualTo(1); // only the admin

            admin.call("CONFIG", "SET", "requirepass", PASSWORD); // a password lifts protected mode
            assertThat(exchangeFrom("127.0.0.2", "127.0.0.1", f.port, "PING\r\nQUIT\r\n"))
                    .isEqualTo("-NOAUTH Authentication required.\r\n+OK\r\n");
            admin.call("CONFIG", "SET", "requirepass", "", "protected-mode", "no");
            assertThat(exchangeFrom("127.0.0.2", "127.0.0.1", f.port, "PING\r\nQUIT\r\n")).isEqualTo("+PONG\r\n+OK\r\n");
        }
    }

    @Test
    void protectedModeRefusesAClientFromAnotherAddressOfThisMachine() throws Exception {
        InetAddress external = nonLoopbackAddress();
        assumeTrue(external != null, "this machine has no non-loopback IPv4 address to connect from");
        try (RealRedis redis = RealRedis.start("--bind", "0.0.0.0");
             IntegratedServerFixture f = IntegratedServerFixture.start("bind", "0.0.0.0")) {
            String ip = external.getHostAddress();
            String redisReply = exchangeFrom(ip, ip, redis.port(), "");
            assertThat(redisReply).isEqualTo(ProtectedMode.DENIED);
            assertThat(exchangeFrom(ip, ip, f.port, "")).isEqualTo(redisReply);
            assertThat(RawClient.exchangeUntilClosed(f.port, "PING\r\nQUIT\r\n")).as("loopback is served")
                    .isEqualTo("+PONG\r\n+OK\r\n");
        }
    }

    private static boolean canBind(String address) {
        try (Socket s = new Socket()) {
            s.bind(new InetSocketAddress(address, 0));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static InetAddress nonLoopbackAddress() throws IOException {
        for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
            if (!nic.isUp() || nic.isLoopback()) {
                continue;
            }
            for (InetAddress a : Collections.list(nic.getInetAddresses())) {
                if (a instanceof Inet4Address && !a.isLoopbackAddress() && !a.isLinkLocalAddress()) {
                    return a;
                }
            }
        }
        return null;
    }

    /**
     * Connects from {@code source} to {@code host:port}, sends {@code request}, reads until the server
     * closes. A refused client sends nothing: a server that closes with unread bytes resets the
     * connection, which may lose its reply.
     */
    private static String exchangeFrom(String source, String host, int port, String request) throws IOException {
        try (Socket s = new Socket()) {
            s.bind(new InetSocketAddress(source, 0));
            s.connect(new InetSocketAddress(host, port), 10_000);
            s.setSoTimeout(10_000);
            s.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
            InputStream in = s.getInputStream();
            try {
                return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
            } catch (java.net.SocketException reset) {
                return "(reset)"; // the server closed with our request unread
            }
        }
    }
}
