package dev.redisfromscratch.clients;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.redisfromscratch.server.IntegratedServerFixture;
import dev.redisfromscratch.server.ListsSetsServer;
import dev.redisfromscratch.testkit.grading.Points;
import dev.redisfromscratch.testkit.grading.Stage;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Pipeline;
import redis.clients.jedis.Response;
import redis.clients.jedis.args.ListDirection;
import redis.clients.jedis.args.ListPosition;
import redis.clients.jedis.exceptions.JedisDataException;
import redis.clients.jedis.params.LPosParams;
import redis.clients.jedis.util.KeyValue;

/**
 * Jedis against lab 6, the way an application uses lists and sets: a list as a queue and a
 * stack, a set as tags, a worker thread waiting in {@code BLPOP} for another thread's
 * {@code LPUSH}, and a pipeline of both types. Each test is a short script of the library's public
 * API; what it checks is what the application would see.
 */
class JedisListsSetsTest {
    private IntegratedServerFixture fx;
    private ExecutorService threads;

    @BeforeEach
    void start() throws Exception {
        fx = IntegratedServerFixture.start(ListsSetsServer.extensions());
        threads = Executors.newCachedThreadPool();
    }

    @AfterEach
    void stop() throws InterruptedException {
        threads.shutdownNow();
        threads.awaitTermination(10, TimeUnit.SECONDS);
        fx.close();
    }

    private Jedis connect() {
        return new Jedis("127.0.0.1", fx.port);
    }

    /**
     * Pushes at both ends, ranges, indexes, edits in the middle, moves and pops with a count, as
     * Jedis's typed methods send and read them; a string command on a list throws Jedis's
     * {@code JedisDataException} with Redis's {@code WRONGTYPE} text.
     */
    @Test
    @Stage(lab = 6, value = 1)
    @Points(3)
    void listCommandsAnswerJedisAsRedisDoes() {
        try (Jedis jedis = connect()) {
            assertThat(jedis.lpush("tasks", "b", "a")).isEqualTo(2);
            assertThat(jedis.rpush("tasks", "c", "d", "e")).isEqualTo(5);
            assertThat(jedis.lrange("tasks", 0, -1)).containsExactly("a", "b", "c", "d", "e");
            assertThat(jedis.type("tasks")).isEqualTo("list");
            assertThat(jedis.llen("tasks")).isEqualTo(5);
            assertThat(jedis.lindex("tasks", -1)).isEqualTo("e");
            assertThat(jedis.lindex("tasks", 10)).isNull();
            assertThat(jedis.lset("tasks", 1, "B")).isEqualTo("OK");
            assertThat(jedis.linsert("tasks", ListPosition.AFTER, "B", "b2")).isEqualTo(6);
            assertThat(jedis.lrem("tasks", 0, "c")).isEqualTo(1);
            assertThat(jedis.lpos("tasks", "d")).isEqualTo(3);
            assertThat(jedis.lpos("tasks", "e", LPosParams.lPosParams().rank(-1))).isEqualTo(4);
            assertThat(jedis.lpos("tasks", "nothere")).isNull();
            assertThat(jedis.ltrim("tasks", 0, 3)).isEqualTo("OK");
            assertThat(jedis.lrange("tasks", 0, -1)).containsExactly("a", "B", "b2", "d");
            assertThat(jedis.lmove("tasks", "done", ListDirection.LEFT, ListDirection.RIGHT)).isEqualTo("a");
            assertThat(jedis.rpoplpush("tasks", "done")).isEqualTo("d");
            assertThat(jedis.lrange("done", 0, -1)).containsExactly("d", "a");
            KeyValue<String, List<String>> popped = jedis.lmpop(ListDirection.LEFT, 5, "missing", "tasks");
            assertThat(popped.getKey()).isEqualTo("tasks");
            assertThat(popped.getValue()).containsExactly("B", "b2");
            assertThat(jedis.exists("tasks")).as("a list emptied by LMPOP is deleted").isFalse();
            assertThat(jedis.rpop("done", 5)).containsExactly("a", "d");
            assertThat(jedis.lpop("done")).isNull();
            jedis.rpush("list", "x");
            assertThatThrownBy(() -> jedis.get("list")).isInstanceOf(JedisDataException.class)
                    .hasMessage("WRONGTYPE Operation against a key holding the wrong kind of value");
        }
    }

    /**
     * Tags as sets: members added and removed, tested one or many at a time, the intersection,
     * union and difference (Jedis gives a {@code Set}, so their order does not matter), their
     * {@code STORE} forms, {@code SINTERCARD}, {@code SMOVE}, and the random {@code SPOP} and
     * {@code SRANDMEMBER} checked by what they must return.
     */
    @Test
    @Stage(lab = 6, value = 2)
    @Points(3)
    void setCommandsAnswerJedisAsRedisDoes() {
        try (Jedis jedis = connect()) {
            assertThat(jedis.sadd("post:1", "java", "redis", "db", "java")).isEqualTo(3);
            assertThat(jedis.sadd("post:2", "redis", "c", "1", "2")).isEqualTo(4);
            assertThat(jedis.type("post:1")).isEqualTo("set");
            assertThat(jedis.smembers("post:1")).containsExactlyInAnyOrder("java", "redis", "db");
            assertThat(jedis.sismember("post:1", "db")).isTrue();
            assertThat(jedis.smismember("post:1", "java", "c", "redis")).containsExactly(true, false, true);
            assertThat(jedis.scard("post:2")).isEqualTo(4);
            assertThat(jedis.sinter("post:1", "post:2")).containsExactly("redis");
            assertThat(jedis.sunion("post:1", "post:2")).containsExactlyInAnyOrder("java", "redis", "db", "c", "1", "2");
            assertThat(jedis.sdiff("post:2", "post:1")).containsExactlyInAnyOrder("c", "1", "2");
            assertThat(jedis.sunionstore("all", "post:1", "post:2")).isEqualTo(6);
            assertThat(jedis.sinterstore("none", "post:1", "missing")).isZero();
            assertThat(jedis.exists("none")).isFalse();
            assertThat(jedis.sintercard("post:1", "all")).isEqualTo(3);
            assertThat(jedis.sintercard(2, "post:1", "all")).isEqualTo(2);
            assertThat(jedis.smove("post:1", "post:2", "java")).isEqualTo(1);
            assertThat(jedis.srem("post:1", "redis", "db", "nothere")).isEqualTo(2);
            assertThat(jedis.exists("post:1")).as("a set emptied by SREM is deleted").isFalse();
            Set<String> all = jedis.smembers("all");
            assertThat(jedis.srandmember("all", 3)).hasSize(3).doesNotHaveDuplicates().allMatch(all::contains);
            assertThat(jedis.srandmember("all", -10)).hasSize(10).allMatch(all::contains);
            Set<String> popped = jedis.spop("all", 4);
            assertThat(popped).hasSize(4).allMatch(all::contains);
            assertThat(jedis.scard("all")).isEqualTo(2);
            assertThat(jedis.spop("all", 10)).hasSize(2).doesNotContainAnyElementsOf(popped);
            assertThat(jedis.exists("all")).isFalse();
            assertThatThrownBy(() -> jedis.lpush("post:2", "x")).isInstanceOf(JedisDataException.class)
                    .hasMessageStartingWith("WRONGTYPE");
        }
    }

    /**
     * A worker thread calls {@code blpop(0, "jobs")} and waits; once the server counts it blocked,
     * another thread's {@code lpush} serves it, and the worker's call returns the key and the job.
     * Another worker's {@code brpop} with a 1 s timeout returns null once the server's clock has
     * passed that second (the fixture's clock is a manual one, moved by the test).
     */
    @Test
    @Stage(lab = 6, value = 3)
    @Points(4)
    void aBlpopInOneThreadIsServedByAnLpushFromAnother() throws Exception {
        Future<List<String>> worker = threads.submit(() -> {
            try (Jedis jedis = connect()) {
                return jedis.blpop(0, "jobs");
            }
        });
        BlockedClients.await(fx.port, 1, worker);
        try (Jedis producer = connect()) {
            assertThat(producer.lpush("jobs", "job-1")).isEqualTo(1);
            assertThat(worker.get(10, TimeUnit.SECONDS)).containsExactly("jobs", "job-1");
            assertThat(producer.exists("jobs")).isFalse();
        }
        Future<KeyValue<String, String>> late = threads.submit(() -> {
            try (Jedis jedis = connect()) {
                return jedis.brpop(1.0, "jobs");
            }
        });
        BlockedClients.await(fx.port, 1, late);
        fx.clock.advance(Duration.ofMillis(1_100));
        assertThat(late.get(10, TimeUnit.SECONDS)).as("BRPOP after its timeout").isNull();
        BlockedClients.await(fx.port, 0);
    }

    /**
     * A pipeline of list and set commands, and a mistaken {@code SADD} on the list among them:
     * every reply comes back in order, the error only in its own {@code Response}.
     */
    @Test
    @Stage(lab = 6, value = 2)
    @Points(3)
    void aPipelineOfListAndSetCommandsGetsItsRepliesInOrder() {
        try (Jedis jedis = connect()) {
            Pipeline p = jedis.pipelined();
            Response<Long> pushed = null;
            for (int i = 0; i < 200; i++) {
                pushed = p.rpush("numbers", Integer.toString(i));
                p.sadd("odd-or-even", Integer.toString(i % 2));
            }
            Response<List<String>> firstThree = p.lrange("numbers", 0, 2);
            Response<Long> wrong = p.sadd("numbers", "x");
            Response<Set<String>> parities = p.smembers("odd-or-even");
            Response<String> last = p.rpop("numbers");
            Response<Long> length = p.llen("numbers");
            Response<String> type = p.type("odd-or-even");
            p.sync();
            assertThat(pushed.get()).isEqualTo(200);
            assertThat(firstThree.get()).containsExactly("0", "1", "2");
            assertThatThrownBy(wrong::get).isInstanceOf(JedisDataException.class).hasMessageStartingWith("WRONGTYPE");
            assertThat(parities.get()).containsExactlyInAnyOrder("0", "1");
            assertThat(last.get()).isEqualTo("199");
            assertThat(length.get()).isEqualTo(199);
            assertThat(type.get()).isEqualTo("set");
        }
    }
}
