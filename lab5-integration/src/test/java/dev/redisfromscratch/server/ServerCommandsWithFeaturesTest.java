package dev.redisfromscratch.server;

import static dev.redisfromscratch.server.ServerCommandsParityTest.resp;
import static org.assertj.core.api.Assertions.assertThat;

import dev.redisfromscratch.resp.client.RespClient;
import dev.redisfromscratch.testkit.RawClient;
import dev.redisfromscratch.testkit.RealRedis;
import dev.redisfromscratch.testkit.blackbox.WireAssert;
import dev.redisfromscratch.testkit.grading.Stage;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * The server commands meet transactions and publish/subscribe, as in Redis 7.0.15: {@code RESET}
 * ends a transaction and every subscription, {@code CLIENT LIST} shows subscriptions, queued
 * commands and a touched WATCH, {@code INFO} counts channels and patterns, and
 * {@code CONFIG SET client-output-buffer-limit} checks its value as Redis does.
 */
@Stage(lab = 5, value = 3)
class ServerCommandsWithFeaturesTest {
    private static void assertSameReplies(int redisPort, int ourPort, String request) throws Exception {
        String quitting = request + resp("QUIT");
        WireAssert.sameReplies(quitting, RawClient.exchangeUntilClosed(redisPort, quitting),
                RawClient.exchangeUntilClosed(ourPort, quitting));
    }

    @Test
    void resetEndsATransactionAndEverySubscriptionAsInRedis() throws Exception {
        try (RealRedis redis = RealRedis.start();
             IntegratedServerFixture f = IntegratedServerFixture.start()) {
            for (String request : List.of(
                    resp("MULTI") + resp("SET", "r:k", "v") + resp("RESET") + resp("EXEC") + resp("GET", "r:k"),
                    resp("WATCH", "r:w") + resp("RESET") + resp("MULTI") + resp("EXEC"),
                    resp("SUBSCRIBE", "r:a", "r:b") + resp("PSUBSCRIBE", "r:*") + resp("RESET") + resp("GET", "r:k")
                            + resp("PUBSUB", "NUMSUB", "r:a") + resp("PUBSUB", "NUMPAT"),
                    resp("SUBSCRIBE", "r:a") + resp("CLIENT", "SETNAME", "x") + resp("RESET"))) {
                assertSameReplies(redis.port(), f.port, request);
            }
        }
    }

    @Test
    void clientListShowsSubscriptionsQueuedCommandsAndATouchedWatchAsRedisDoes() throws Exception {
        try (RealRedis redis = RealRedis.start();
             IntegratedServerFixture f = IntegratedServerFixture.start()) {
            Map<String, Map<String, String>> theirs = scenario(redis.port());
            Map<String, Map<String, String>> mine = scenario(f.port);
            for (String name : List.of("subscriber", "transaction", "watcher")) {
                for (String field : List.of("flags", "sub", "psub", "multi", "multi-mem", "cmd", "db")) {
                    assertThat(mine.get(name).get(field)).as(name + " " + field).isEqualTo(theirs.get(name).get(field));
                }
            }
            assertThat(mine.get("subscriber")).containsEntry("flags", "P").containsEntry("sub", "2").containsEntry("psub", "1");
            assertThat(mine.get("transaction")).containsEntry("flags", "x").containsEntry("multi", "2");
            assertThat(mine.get("watcher")).containsEntry("flags", "d");
        }
    }

    /** Three clients in three states, seen by a fourth's CLIENT LIST, by name. */
    private static Map<String, Map<String, String>> scenario(int port) throws Exception {
        try (RawClient subscriber = RawClient.connect(port);
             RawClient transaction = RawClient.connect(port);
             RawClient watcher = RawClient.connect(port);
             RespClient observer = new RespClient("127.0.0.1", port)) {
            subscriber.send(resp("CLIENT", "SETNAME", "subscriber")).read("+OK\r\n");
            subscriber.send(resp("SUBSCRIBE", "c1", "c2") + resp("PSUBSCRIBE", "p*"));
            subscriber.read("*3\r\n$9\r\nsubscribe\r\n$2\r\nc1\r\n:1\r\n*3\r\n$9\r\nsubscribe\r\n$2\r\nc2\r\n:2\r\n"
                    + "*3\r\n$10\r\npsubscribe\r\n$2\r\np*\r\n:3\r\n");
            transaction.send(resp("CLIENT", "SETNAME", "transaction") + resp("MULTI") + resp("SET", "k", "v")
                    + resp("GET", "k")).read("+OK\r\n+OK\r\n+QUEUED\r\n+QUEUED\r\n");
            watcher.send(resp("CLIENT", "SETNAME", "watcher") + resp("WATCH", "w")).read("+OK\r\n+OK\r\n");
            observer.call("SET", "w", "changed");
            Function<String, Map<String, String>> byName = name -> ClientCommandTest.lines(call(observer)).stream()
                    .map(ClientCommandTest::fields).filter(m -> m.get("name").equals(name)).findFirst().orElseThrow();
            Map<String, Map<String, String>> out = new java.util.HashMap<>();
            for (String name : List.of("subscriber", "transaction", "watcher")) {
                out.put(name, byName.apply(name));
            }
            observer.call("DEL", "w", "k");
            return out;
        }
    }

    private static dev.redisfromscratch.resp.RespValue call(RespClient c) {
        try {
            return c.call("CLIENT", "LIST");
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void infoCountsChannelsAndPatterns() throws Exception {
        try (IntegratedServerFixture f = IntegratedServerFixture.start();
             RawClient subscriber = RawClient.connect(f.port);
             RespClient c = new RespClient("127.0.0.1", f.port)) {
            subscriber.send(resp("SUBSCRIBE", "a", "b") + resp("PSUBSCRIBE", "x*"));
            subscriber.read("*3\r\n$9\r\nsubscribe\r\n$1\r\na\r\n:1\r\n*3\r\n$9\r\nsubscribe\r\n$1\r\nb\r\n:2\r\n"
                    + "*3\r\n$10\r\npsubscribe\r\n$2\r\nx*\r\n:3\r\n");
            InfoText info = InfoText.of(c, "stats");
            assertThat(info.number("pubsub_channels")).isEqualTo(2);
            assertThat(info.number("pubsub_patterns")).isEqualTo(1);
        }
    }

    @Test
    void clientOutputBufferLimitIsCheckedAndShownAsRedisDoes() throws Exception {
        try (RealRedis redis = RealRedis.start();
             IntegratedServerFixture f = IntegratedServerFixture.start()) {
            String limit = "client-output-buffer-limit";
            assertSameReplies(redis.port(), f.port, resp("CONFIG", "GET", limit)
                    + resp("CONFIG", "SET", limit, "pubsub 1mb 512kb 5") + resp("CONFIG", "GET", limit)
                    + resp("CONFIG", "SET", limit, "foo 1 1 1") + resp("CONFIG", "SET", limit, "master 1 1 1")
                    + resp("CONFIG", "SET", limit, "pubsub 1 1") + resp("CONFIG", "SET", limit, "pubsub x 1 1")
                    + resp("CONFIG", "SET", limit, "pubsub 1 1 -1") + resp("CONFIG", "GET", limit)
                    + resp("CONFIG", "SET", limit, "normal 0 0 0 slave 268435456 67108864 60 pubsub 33554432 8388608 60")
                    + resp("CONFIG", "GET", limit));
        }
    }
}
