package dev.redisfromscratch.pubsub;

import static org.assertj.core.api.Assertions.assertThat;

import dev.redisfromscratch.resp.BulkString;
import dev.redisfromscratch.resp.RespArray;
import dev.redisfromscratch.resp.RespValue;
import dev.redisfromscratch.resp.client.RespClient;
import dev.redisfromscratch.server.Dialogue;
import dev.redisfromscratch.server.IntegratedServerFixture;
import dev.redisfromscratch.server.ParityServers;
import dev.redisfromscratch.testkit.RealRedis;
import dev.redisfromscratch.testkit.grading.Points;
import dev.redisfromscratch.testkit.grading.Stage;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Publish/subscribe against a real redis-server 7.0.15, byte for byte: a subscriber on one
 * connection, a publisher on another, and the exact pushes the subscriber reads. Each case uses
 * its own channels, and unsubscribes (or closes) so that the next one starts clean.
 */
@Stage(lab = 5, value = 3)
class PubSubParityTest {
    private static ParityServers servers;
    private static IntegratedServerFixture ours;
    private static RealRedis redis;

    @BeforeAll
    static void start() throws Exception {
        servers = ParityServers.start();
        ours = servers.ours;
        redis = servers.redis;
    }

    @AfterAll
    static void stop() {
        if (servers != null) {
            servers.close();
        }
    }

    private static String[] step(int conn, String... args) {
        String[] s = new String[args.length + 1];
        s[0] = Integer.toString(conn);
        System.arraycopy(args, 0, s, 1, args.length);
        return s;
    }

    private static List<String[]> steps(String[]... steps) {
        return List.of(steps);
    }

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("a message reaches the channel's subscribers, PUBLISH counts them", steps(
                        step(0, "SUBSCRIBE", "p1a", "p1b"), step(2, "SUBSCRIBE", "p1a"),
                        step(1, "PUBLISH", "p1a", "hello"), step(0), step(2),
                        step(1, "PUBLISH", "p1b", "bin\r\n\0ary"), step(0), step(2),
                        step(1, "PUBLISH", "p1nobody", "x"), step(1, "PUBSUB", "NUMSUB", "p1a", "p1b", "p1nobody"))),
                Arguments.of("pattern subscriptions get pmessage, with the pattern", steps(
                        step(0, "PSUBSCRIBE", "p2.*", "p2?x", "p2[ab]c"),
                        step(1, "PUBLISH", "p2.news", "one"), step(1, "PUBLISH", "p2ax", "two"),
                        step(1, "PUBLISH", "p2bc", "three"), step(1, "PUBLISH", "p2zc", "none"), step(0),
                        step(1, "PUBSUB", "NUMPAT"), step(1, "PUBSUB", "NUMSUB", "p2.*"))),
                Arguments.of("a client subscribed to the channel and to a matching pattern gets both", steps(
                        step(0, "SUBSCRIBE", "p3"), step(0, "PSUBSCRIBE", "p3*"),
                        step(1, "PUBLISH", "p3", "m"), step(0))),
                Arguments.of("subscribing twice confirms twice, unsubscribing counts down", steps(
                        step(0, "SUBSCRIBE", "p4", "p4"), step(0, "PSUBSCRIBE", "p4*"),
                        step(0, "UNSUBSCRIBE", "p4", "p4never"), step(0, "PUNSUBSCRIBE", "p4*"),
                        step(0, "GET", "k"))),
                Arguments.of("unsubscribing from nothing still answers once, with a null name", steps(
                        step(0, "UNSUBSCRIBE"), step(0, "PUNSUBSCRIBE"), step(0, "GET", "p5"))),
                Arguments.of("unsubscribing from everything", steps(
                        step(0, "SUBSCRIBE", "p6"), step(0, "PSUBSCRIBE", "p6*"),
                        step(0, "UNSUBSCRIBE"), step(0, "PUNSUBSCRIBE"), step(0, "PUNSUBSCRIBE"))),
                Arguments.of("a subscribed client may only (un)subscribe, PING, QUIT and RESET", steps(
                        step(0, "SUBSCRIBE", "p7"), step(0, "GET", "k"), step(0, "SET", "k", "v"),
                        step(0, "PUBLISH", "p7", "x"), step(0, "MULTI"), step(0, "CONFIG", "GET", "timeout"),
                        step(0, "PUBSUB", "NUMSUB"), step(0, "NOSUCH"), step(0, "GET"),
                        step(0, "PING"), step(0, "PING", "hi"), step(0, "PING", "a", "b"),
                        step(0, "PSUBSCRIBE", "p7*"), step(0, "PUNSUBSCRIBE", "p7*"), step(0, "UNSUBSCRIBE", "p7"),
                        step(0, "GET", "k"), step(0, "PING"))),
                Arguments.of("SUBSCRIBE inside MULTI subscribes at EXEC", steps(
                        step(0, "MULTI\r\nSUBSCRIBE p8\r\nEXEC\r\n"), step(1, "PUBLISH", "p8", "x"), step(0))),
                Arguments.of("the empty channel matches no pattern, not even *", steps(
                        step(0, "PSUBSCRIBE", "*"), step(1, "PUBLISH", "", "m"), step(1, "PUBLISH", "p9", "m"),
                        step(0))),
                Arguments.of("wrong arities and PUBSUB's errors", steps(
                        step(0, "SUBSCRIBE"), step(0, "PSUBSCRIBE"), step(0, "PUBLISH", "x"),
                        step(0, "PUBLISH", "x", "y", "z"), step(0, "PUBSUB"), step(0, "PUBSUB", "FOO"),
                        step(0, "PUBSUB", "channels", "a", "b"), step(0, "PUBSUB", "NUMPAT", "x"),
                        step(0, "PUBSUB", "SHARDCHANNELS"), step(0, "PUBSUB", "SHARDCHANNELS", "a", "b"),
                        step(0, "PUBSUB", "SHARDNUMSUB", "a"), step(0, "PUBSUB", "NUMSUB"))),
                Arguments.of("PUBSUB HELP", steps(step(0, "PUBSUB", "HELP"), step(0, "pubsub", "help"))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    @Points(1)
    void transcriptsAreRedisByteForByte(String name, List<String[]> steps) throws Exception {
        assertThat(Dialogue.transcript(ours.port, 3, steps)).isEqualTo(Dialogue.transcript(redis.port(), 3, steps));
    }

    /**
     * Redis's glob ({@code stringmatchlen}) on both servers: the active channels each pattern
     * selects ({@code PUBSUB CHANNELS}, compared as sets, since the order is a hash table's).
     */
    @Test
    @Points(2)
    void patternsSelectTheSameChannels() throws Exception {
        String[] channels = {"news", "news.tech", "news.art", "new", "n", "", "a]", "a-", "ab", "a\\b", "A", "[x]",
                "hello", "hallo", "hxllo", "heeello", "a*b", "a?b", "xyz", "x", "\u00e9t\u00e9"};
        String[] patterns = {"*", "news*", "news.*", "n?ws", "n*s", "*.*", "a[b-]", "a[^b]", "a[\\]]", "a\\\\b",
                "\\*", "a\\*b", "a*b", "h[ae]llo", "h[^e]llo", "h[a-b]llo", "h[b-a]llo", "h*llo", "[", "a[", "[a-",
                "x*", "*x*", "?", "??", "", "[x]", "\\[x]", "*\u00e9*", "h[", "*[", "[^a-z]", "A", "a"};
        try (Dialogue oursSubscriber = Dialogue.open(ours.port, 1); Dialogue redisSubscriber = Dialogue.open(redis.port(), 1);
             RespClient oursClient = new RespClient("127.0.0.1", ours.port);
             RespClient redisClient = new RespClient("127.0.0.1", redis.port())) {
            String[] subscribe = new String[channels.length + 1];
            subscribe[0] = "SUBSCRIBE";
            System.arraycopy(channels, 0, subscribe, 1, channels.length);
            oursSubscriber.send(0, subscribe);
            redisSubscriber.send(0, subscribe);
            for (String pattern : patterns) {
                assertThat(channelSet(oursClient.call("PUBSUB", "CHANNELS", pattern)))
                        .as("PUBSUB CHANNELS %s", pattern)
                        .isEqualTo(channelSet(redisClient.call("PUBSUB", "CHANNELS", pattern)));
            }
        }
    }

    private static Set<String> channelSet(RespValue reply) {
        Set<String> names = new HashSet<>();
        for (RespValue v : ((RespArray) reply).elements()) {
            names.add(new String(((BulkString) v).bytes(), StandardCharsets.ISO_8859_1));
        }
        return names;
    }
}
