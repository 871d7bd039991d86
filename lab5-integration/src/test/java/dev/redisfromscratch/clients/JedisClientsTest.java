package dev.redisfromscratch.clients;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.redisfromscratch.server.IntegratedServerFixture;
import dev.redisfromscratch.testkit.grading.Points;
import dev.redisfromscratch.testkit.grading.Stage;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisPool;
import redis.clients.jedis.JedisPoolConfig;
import redis.clients.jedis.JedisPubSub;
import redis.clients.jedis.Pipeline;
import redis.clients.jedis.Response;
import redis.clients.jedis.Transaction;
import redis.clients.jedis.exceptions.JedisDataException;

/**
 * Jedis, the Java client most applications use, against lab 5 the way an application uses it: a
 * connection pool shared by threads, pipelines, {@code WATCH}/{@code MULTI}/{@code EXEC}, and a
 * subscriber thread. Each test is a short script of the library's public API; what it checks is
 * what the application would see.
 */
class JedisClientsTest {
    private static final int THREADS = 8;
    private static final int INCREMENTS_PER_THREAD = 500;

    private IntegratedServerFixture fx;

    @BeforeEach
    void start() throws Exception {
        fx = IntegratedServerFixture.start();
    }

    @AfterEach
    void stop() {
        fx.close();
    }

    private Jedis connect() {
        return new Jedis("127.0.0.1", fx.port);
    }

    /**
     * {@value #THREADS} threads share one pool of {@value #THREADS} connections, start together and
     * each run {@value #INCREMENTS_PER_THREAD} rounds of {@code INCR counter} and {@code SET} of a
     * key of their own. {@code INCR} reads, adds and writes back: two clients running it at the
     * same time without the global lock could both read 41 and both write 42, losing one. Under the
     * lock every {@code INCR} is atomic, so the counter ends at exactly 4,000, and no thread's keys
     * are lost or mixed up.
     */
    @Test
    @Stage(lab = 5, value = 1)
    @Points(4)
    void aPoolSharedByThreadsKeepsEveryIncrement() throws Exception {
        JedisPoolConfig config = new JedisPoolConfig();
        config.setMaxTotal(THREADS);
        config.setMaxIdle(THREADS);
        CyclicBarrier together = new CyclicBarrier(THREADS);
        AtomicInteger mostClients = new AtomicInteger();
        ExecutorService threads = Executors.newFixedThreadPool(THREADS);
        try (JedisPool pool = new JedisPool(config, "127.0.0.1", fx.port)) {
            List<Future<Long>> lastSeen = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                int thread = t;
                lastSeen.add(threads.submit(() -> {
                    together.await(10, TimeUnit.SECONDS);
                    long last = 0;
                    for (int i = 0; i < INCREMENTS_PER_THREAD; i++) {
                        try (Jedis jedis = pool.getResource()) { // borrowed and returned each round
                            last = jedis.incr("counter");
                            assertThat(jedis.set("thread:" + thread + ":" + i, thread + "/" + i)).isEqualTo("OK");
                        }
                        mostClients.accumulateAndGet(ConnectedClients.count(fx), Math::max);
                    }
                    return last;
                }));
            }
            for (Future<Long> f : lastSeen) {
                assertThat(f.get(60, TimeUnit.SECONDS)).isBetween(1L, (long) THREADS * INCREMENTS_PER_THREAD);
            }
            try (Jedis jedis = pool.getResource()) {
                assertThat(jedis.get("counter")).isEqualTo(Integer.toString(THREADS * INCREMENTS_PER_THREAD));
                assertThat(jedis.dbSize()).isEqualTo(THREADS * INCREMENTS_PER_THREAD + 1L);
                for (int t = 0; t < THREADS; t++) {
                    assertThat(jedis.get("thread:" + t + ":" + (INCREMENTS_PER_THREAD - 1)))
                            .isEqualTo(t + "/" + (INCREMENTS_PER_THREAD - 1));
                }
            }
        } finally {
            threads.shutdownNow();
        }
        assertThat(mostClients.get()).as("clients connected at once, seen by the server").isGreaterThan(1);
    }

    /**
     * A thousand commands written in one go, replies read afterwards: Jedis matches the n-th reply
     * to the n-th command, so the server must answer every one, in order, with nothing dropped or
     * added. An unknown command in the middle gets its error reply in its own place, and the
     * replies after it are still in step.
     */
    @Test
    @Stage(lab = 5, value = 1)
    @Points(3)
    void aPipelineOfAThousandCommandsGetsItsRepliesInOrder() {
        try (Jedis jedis = connect()) {
            Pipeline p = jedis.pipelined();
            List<Response<String>> sets = new ArrayList<>();
            List<Response<String>> gets = new ArrayList<>();
            Response<Object> unknown = null;
            for (int i = 0; i < 499; i++) {
                sets.add(p.set("key:" + i, "value:" + i));
                gets.add(p.get("key:" + i));
                if (i == 250) {
                    unknown = p.sendCommand(() -> "NOSUCHCOMMAND".getBytes(StandardCharsets.US_ASCII), "x");
                }
            }
            Response<Long> exists = p.exists("key:0", "key:498", "missing");
            p.sync();
            for (int i = 0; i < 499; i++) {
                assertThat(sets.get(i).get()).as("SET %d", i).isEqualTo("OK");
                assertThat(gets.get(i).get()).as("GET %d", i).isEqualTo("value:" + i);
            }
            Response<Object> error = unknown;
            assertThatThrownBy(error::get).isInstanceOf(JedisDataException.class)
                    .hasMessage("ERR unknown command 'NOSUCHCOMMAND', with args beginning with: 'x' ");
            assertThat(exists.get()).isEqualTo(2L);
            assertThat(jedis.dbSize()).isEqualTo(499L); // and the connection is still in step
        }
    }

    /**
     * {@code WATCH} is optimistic locking: read, decide, then {@code MULTI}/{@code EXEC} only if no
     * one changed the key meanwhile. Here another connection changes it between {@code WATCH} and
     * {@code EXEC}, so {@code EXEC} answers {@code *-1}, which Jedis returns as {@code null}, and
     * none of the queued commands ran.
     */
    @Test
    @Stage(lab = 5, value = 2)
    @Points(4)
    void execAfterAnotherClientChangedAWatchedKeyRunsNothing() {
        try (Jedis app = connect(); Jedis other = connect()) {
            app.set("balance", "100");
            app.watch("balance");
            int balance = Integer.parseInt(app.get("balance"));
            assertThat(other.set("balance", "50")).isEqualTo("OK"); // someone else got there first
            Transaction tx = app.multi();
            tx.set("balance", Integer.toString(balance - 30));
            tx.incr("withdrawals");
            assertThat(tx.exec()).isNull();
            assertThat(app.get("balance")).isEqualTo("50");
            assertThat(app.exists("withdrawals")).isFalse();
        }
    }

    /**
     * The same transaction with no one else touching the key: {@code EXEC} runs the queued
     * commands, one after the other with no other client's command between them, and returns their
     * replies in order.
     */
    @Test
    @Stage(lab = 5, value = 2)
    @Points(3)
    void execOfAnUntouchedWatchedKeyRunsTheQueueAndReturnsItsReplies() {
        try (Jedis app = connect()) {
            app.set("balance", "100");
            app.watch("balance");
            int balance = Integer.parseInt(app.get("balance"));
            Transaction tx = app.multi();
            Response<String> set = tx.set("balance", Integer.toString(balance - 30));
            Response<Long> withdrawals = tx.incr("withdrawals");
            Response<String> read = tx.get("balance");
            List<Object> results = tx.exec();
            assertThat(results).hasSize(3);
            assertThat(set.get()).isEqualTo("OK");
            assertThat(withdrawals.get()).isEqualTo(1L);
            assertThat(read.get()).isEqualTo("70");
            assertThat(app.get("balance")).isEqualTo("70");
        }
    }

    /**
     * A subscriber thread blocks in {@code subscribe}, as an application's listener does, and adds
     * a pattern with {@code psubscribe}; another connection publishes. {@code PUBLISH} answers how
     * many subscriptions received it; the subscriber gets each message with its channel (and the
     * pattern that matched), and after unsubscribing from both the thread's {@code subscribe} call
     * returns.
     */
    @Test
    @Stage(lab = 5, value = 3)
    @Points(4)
    void aSubscriberThreadReceivesWhatAnotherConnectionPublishes() throws Exception {
        BlockingQueue<String> received = new LinkedBlockingQueue<>();
        CountDownLatch channel = new CountDownLatch(1);
        CountDownLatch pattern = new CountDownLatch(1);
        JedisPubSub listener = new JedisPubSub() {
            @Override
            public void onMessage(String channel, String message) {
                received.add(channel + ": " + message);
            }

            @Override
            public void onPMessage(String pattern, String channel, String message) {
                received.add(pattern + " " + channel + ": " + message);
            }

            @Override
            public void onSubscribe(String name, int subscriptions) {
                channel.countDown();
            }

            @Override
            public void onPSubscribe(String name, int subscriptions) {
                pattern.countDown();
            }
        };
        ExecutorService subscriberThread = Executors.newSingleThreadExecutor();
        try (Jedis subscriber = connect(); Jedis publisher = connect()) {
            assertThat(publisher.ping()).isEqualTo("PONG"); // fails at once, not after the waits below, if no server answers
            Future<?> listening = subscriberThread.submit(() -> subscriber.subscribe(listener, "orders"));
            assertThat(channel.await(10, TimeUnit.SECONDS)).as("subscribed to the channel").isTrue();
            listener.psubscribe("news.*"); // sent on the subscriber's connection, from this thread
            assertThat(pattern.await(10, TimeUnit.SECONDS)).as("subscribed to the pattern").isTrue();

            assertThat(publisher.publish("orders", "order 1")).isEqualTo(1);
            assertThat(publisher.publish("news.sport", "goal")).isEqualTo(1);
            assertThat(publisher.publish("weather", "rain")).isZero(); // nobody listens
            assertThat(received.poll(10, TimeUnit.SECONDS)).isEqualTo("orders: order 1");
            assertThat(received.poll(10, TimeUnit.SECONDS)).isEqualTo("news.* news.sport: goal");

            listener.unsubscribe();
            listener.punsubscribe();
            listening.get(10, TimeUnit.SECONDS); // subscribe() returned: no subscription left
            assertThat(received).isEmpty();
            assertThat(publisher.publish("orders", "order 2")).isZero();
            assertThat(subscriber.ping()).isEqualTo("PONG"); // an ordinary connection again
        } finally {
            subscriberThread.shutdownNow();
        }
    }
}
