package dev.redisfromscratch.clients;

import static org.assertj.core.api.Assertions.assertThat;

import dev.redisfromscratch.server.IntegratedServerFixture;
import dev.redisfromscratch.server.ListsSetsServer;
import dev.redisfromscratch.testkit.grading.Points;
import dev.redisfromscratch.testkit.grading.Stage;
import io.lettuce.core.KeyValue;
import io.lettuce.core.LMPopArgs;
import io.lettuce.core.LMoveArgs;
import io.lettuce.core.LettuceFutures;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Lettuce's asynchronous API against lab 6: list and set commands issued without waiting, many in
 * flight on one connection, each future completing with its own command's reply, and a
 * {@code BLPOP} future completed by another connection's push.
 */
class LettuceListsSetsTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private static RedisClient client; // one per class: starting Lettuce's event loops takes seconds
    private IntegratedServerFixture fx;
    private RedisURI uri;

    @BeforeAll
    static void startLettuce() {
        client = RedisClient.create();
        // a server that stopped (a stub still to write) fails the commands in flight at once,
        // instead of Lettuce reconnecting until the timeout
        client.setOptions(ClientOptions.builder().autoReconnect(false)
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS).build());
    }

    @AfterAll
    static void stopLettuce() {
        client.shutdown(Duration.ZERO, Duration.ofSeconds(5)); // no quiet period: tests end fast
    }

    @BeforeEach
    void start() throws Exception {
        fx = IntegratedServerFixture.start(ListsSetsServer.extensions());
        uri = RedisURI.builder().withHost("127.0.0.1").withPort(fx.port).withTimeout(TIMEOUT).build();
    }

    @AfterEach
    void stop() {
        fx.close();
    }

    private static <T> T done(RedisFuture<T> future) {
        return future.toCompletableFuture().orTimeout(TIMEOUT.toSeconds(), TimeUnit.SECONDS).join();
    }

    /**
     * Five hundred {@code RPUSH}es in flight, then reads, pops and moves: each push's future has
     * the list's length after it, in order, and the reads see every push before them.
     */
    @Test
    @Stage(lab = 6, value = 1)
    @Points(3)
    void asyncListCommandsInFlightCompleteWithTheirOwnReplies() {
        try (StatefulRedisConnection<String, String> connection = client.connect(uri)) {
            RedisAsyncCommands<String, String> async = connection.async();
            List<RedisFuture<Long>> pushes = new ArrayList<>();
            for (int i = 0; i < 500; i++) {
                pushes.add(async.rpush("queue", "item:" + i));
            }
            RedisFuture<List<String>> head = async.lrange("queue", 0, 2);
            RedisFuture<Long> position = async.lpos("queue", "item:250");
            RedisFuture<List<String>> popped = async.lpop("queue", 3);
            RedisFuture<String> moved = async.lmove("queue", "elsewhere", LMoveArgs.Builder.rightLeft());
            RedisFuture<KeyValue<String, List<String>>> mpopped = async.lmpop(LMPopArgs.Builder.right().count(2), "none", "queue");
            RedisFuture<Long> length = async.llen("queue");
            RedisFuture<String> type = async.type("elsewhere");
            assertThat(LettuceFutures.awaitAll(TIMEOUT, pushes.toArray(new RedisFuture<?>[0]))).isTrue();
            for (int i = 0; i < 500; i++) {
                assertThat(done(pushes.get(i))).as("RPUSH number %d", i + 1).isEqualTo(i + 1L);
            }
            assertThat(done(head)).containsExactly("item:0", "item:1", "item:2");
            assertThat(done(position)).isEqualTo(250L);
            assertThat(done(popped)).containsExactly("item:0", "item:1", "item:2");
            assertThat(done(moved)).isEqualTo("item:499");
            KeyValue<String, List<String>> fromTheTail = done(mpopped);
            assertThat(fromTheTail.getKey()).isEqualTo("queue");
            assertThat(fromTheTail.getValue()).containsExactly("item:498", "item:497");
            assertThat(done(length)).isEqualTo(494L);
            assertThat(done(type)).isEqualTo("list");
        }
    }

    /**
     * Five hundred {@code SADD}s in flight over 250 members: the first of each member's adds
     * answers 1, the second 0; then the set's size, members and algebra.
     */
    @Test
    @Stage(lab = 6, value = 2)
    @Points(3)
    void asyncSetCommandsInFlightCompleteWithTheirOwnReplies() {
        try (StatefulRedisConnection<String, String> connection = client.connect(uri)) {
            RedisAsyncCommands<String, String> async = connection.async();
            List<RedisFuture<Long>> adds = new ArrayList<>();
            for (int i = 0; i < 500; i++) {
                adds.add(async.sadd("members", Integer.toString(i % 250)));
            }
            RedisFuture<Long> evens = async.sadd("evens", "0", "2", "4", "6", "1000");
            RedisFuture<Long> size = async.scard("members");
            RedisFuture<Set<String>> all = async.smembers("members");
            RedisFuture<List<Boolean>> some = async.smismember("members", "0", "249", "250");
            RedisFuture<Set<String>> both = async.sinter("members", "evens");
            RedisFuture<Long> bothCount = async.sintercard("members", "evens");
            RedisFuture<Boolean> moved = async.smove("evens", "members", "1000");
            RedisFuture<Long> sizeAfter = async.scard("members");
            assertThat(LettuceFutures.awaitAll(TIMEOUT, adds.toArray(new RedisFuture<?>[0]))).isTrue();
            for (int i = 0; i < 500; i++) {
                assertThat(done(adds.get(i))).as("SADD number %d", i + 1).isEqualTo(i < 250 ? 1L : 0L);
            }
            assertThat(done(evens)).isEqualTo(5L);
            assertThat(done(size)).isEqualTo(250L);
            assertThat(done(all)).hasSize(250).contains("0", "125", "249");
            assertThat(done(some)).containsExactly(true, true, false);
            assertThat(done(both)).containsExactlyInAnyOrder("0", "2", "4", "6");
            assertThat(done(bothCount)).isEqualTo(4L);
            assertThat(done(moved)).isTrue();
            assertThat(done(sizeAfter)).isEqualTo(251L);
        }
    }

    /**
     * {@code BLPOP jobs 0} on one connection: its future stays open while the client is blocked,
     * and completes with the key and element when another connection pushes.
     */
    @Test
    @Stage(lab = 6, value = 3)
    @Points(3)
    void anAsyncBlpopCompletesWhenAnotherConnectionPushes() {
        try (StatefulRedisConnection<String, String> waiter = client.connect(uri);
             StatefulRedisConnection<String, String> producer = client.connect(uri)) {
            RedisFuture<KeyValue<String, String>> job = waiter.async().blpop(0, "jobs");
            BlockedClients.await(fx.port, 1, job.toCompletableFuture());
            assertThat(job.isDone()).isFalse();
            assertThat(producer.sync().rpush("jobs", "job-1", "job-2")).isEqualTo(2L);
            KeyValue<String, String> served = done(job);
            assertThat(served.getKey()).isEqualTo("jobs");
            assertThat(served.getValue()).isEqualTo("job-1");
            assertThat(producer.sync().lrange("jobs", 0, -1)).containsExactly("job-2");
        }
    }
}
