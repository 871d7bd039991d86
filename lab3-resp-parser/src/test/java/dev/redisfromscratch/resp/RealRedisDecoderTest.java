package dev.redisfromscratch.resp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.redisfromscratch.command.CommandPipeline;
import dev.redisfromscratch.client.Client;
import dev.redisfromscratch.networking.RequestLoop;
import dev.redisfromscratch.server.PingServer;
import dev.redisfromscratch.testkit.RawClient;
import dev.redisfromscratch.testkit.RealRedis;
import dev.redisfromscratch.testkit.grading.Stage;
import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The decoder's edge cases, replayed against a real {@code redis-server}: for each input, the
 * bytes Redis sends back before it closes the connection must equal the bytes our decoder leads to
 * (framing by {@link RespRequestDecoder}, commands from lab 1's table: PING, ECHO, QUIT).
 *
 * <p>Every input ends in something that makes Redis close (a protocol error or QUIT), so reading
 * until the close is deterministic. The server's own parity tests cover the common errors over
 * sockets; these are the corners where Redis is lenient or C-specific, which the decoder copies.
 * Skipped when {@code redis-server} is not installed (failed under {@code CI=true}).
 */
@Stage(lab = 3, value = 1)
class RealRedisDecoderTest {
    private static final String QUIT = "*1\r\n$4\r\nQUIT\r\n";
    private static RealRedis redis;

    @BeforeAll
    static void startRedis() {
        redis = RealRedis.start();
    }

    @AfterAll
    static void stopRedis() throws Exception {
        if (redis != null) {
            redis.close();
        }
    }

    static Stream<String> inputs() {
        return Stream.of(
                "*1\r\n$4\r\nPINGxx" + QUIT,                                  // payload trailer not checked
                "*1\rX$4\rYPING\r\n" + QUIT,                                  // byte after a header CR not checked
                "*2\r\n$4\r\nECHO\r\n$5\r\na\r\nb\0\r\n" + QUIT,              // binary-safe payload
                "*-5\r\n*0\r\n" + QUIT,                                       // ignored counts
                "PING\nECHO \"a\\tb\"\r\n*2\r\n$4\r\nECHO\r\n$1\r\nx\r\n" + QUIT, // inline and multibulk mixed
                "*1\r\n\r\n",                                                 // expected '$', got CR (sent as space)
                "*1\r\n\u00ff\r\n",                                           // expected '$', got a high byte
                "*1\n$4\r\nPING\r\n",                                         // LF alone does not end a header
                "*1\r\n$4\r\nPING\r\n*1\r\n:1\r\n" + QUIT,                    // error after a good request
                "*2\r\n$4\r\nECHO\r\n$9223372036854775808\r\n",               // length overflows a long
                "*" + "1".repeat(64 * 1024),                                  // too big mbulk count string
                "*1\r\n$" + "2".repeat(64 * 1024),                             // too big bulk count string
                "*1\0" + "1".repeat(70_000) + "\r\n");                        // NUL hides the CR
    }

    @ParameterizedTest
    @MethodSource("inputs")
    void ourDecoderLeadsToTheSameRepliesAsRedis(String input) throws Exception {
        String fromRedis;
        try (RawClient client = RawClient.connect(redis.port())) {
            fromRedis = client.send(input).readUntilClosed();
        }
        assertThat(ourReplies(input)).as("replies to %s", RawClient.show(input.getBytes(StandardCharsets.ISO_8859_1)))
                .isEqualTo(fromRedis);
    }

    /** What lab 3's request loop sends for {@code input}, up to the point where it closes. */
    private static String ourReplies(String input) {
        RequestLoop requests = new RequestLoop(RespRequestDecoder::new,
                new CommandPipeline(PingServer.commands(), CommandPipeline.NEVER_DIRTY));
        Client client = requests.newClient("test");
        client.query().append(input.getBytes(StandardCharsets.ISO_8859_1));
        requests.processInputBuffer(client);
        return new String(client.reply().toByteArray(), StandardCharsets.ISO_8859_1);
    }
}
