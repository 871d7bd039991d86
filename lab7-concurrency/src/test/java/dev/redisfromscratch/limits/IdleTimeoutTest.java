package dev.redisfromscratch.limits;

import static org.assertj.core.api.Assertions.assertThat;

import dev.redisfromscratch.server.ConcurrencyServer;
import dev.redisfromscratch.server.IntegratedServerFixture;
import dev.redisfromscratch.testkit.RawClient;
import dev.redisfromscratch.testkit.grading.Stage;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * {@code timeout}: the cron closes a client idle for more than {@code timeout} seconds (whole
 * seconds, as Redis compares them), with Redis's log line; a client blocked in {@code BLPOP} and a
 * subscriber are never idle in this sense. The server's clock is a {@code ManualClock}, moved by
 * the test; the cron runs on its own schedule.
 *
 * <p>Redis: {@code timeout.c}, {@code clientsCronHandleTimeout} ("Closing idle client").
 */
class IdleTimeoutTest {
    @Test
    @Stage(lab = 7, value = 2) // a woken subscriber (or blocked client) needs stage 2's processUnblockedClients
    void anIdleClientIsClosedPastTimeoutButNotABlockedClientASubscriberOrOneIdleExactlyTimeout() throws Exception {
        try (IntegratedServerFixture f = IntegratedServerFixture.start(ConcurrencyServer.extensions(), "timeout", "10");
             RawClient idle = RawClient.connect(f.port);
             RawClient blocked = RawClient.connect(f.port);
             RawClient subscriber = RawClient.connect(f.port)) {
            idle.send("PING\r\n").read("+PONG\r\n");
            blocked.send("BLPOP queue 0\r\n");
            subscriber.send("SUBSCRIBE news\r\n").read("*3\r\n$9\r\nsubscribe\r\n$4\r\nnews\r\n:1\r\n");
            f.clock.advance(Duration.ofSeconds(1));
            try (RawClient recent = RawClient.connect(f.port)) {
                recent.send("PING\r\n").read("+PONG\r\n");       // its last interaction: 1 s after the others'
                assertThat(blocked.hasNothingToRead()).isTrue();

                f.clock.advance(Duration.ofSeconds(10));         // idle 11 s; recent idle exactly 10 s
                assertThat(idle.isClosedByServer()).as("the idle client, closed by the cron").isTrue();
                assertThat(f.log).containsOnlyOnce("Closing idle client");

                // the same cron pass looked at the others: none was closed
                assertThat(recent.send("PING\r\n").read("+PONG\r\n")).as("idle exactly timeout: kept").isEqualTo("+PONG\r\n");
                try (RawClient pusher = RawClient.connect(f.port)) {
                    pusher.send("RPUSH queue job\r\n").read(":1\r\n");
                    assertThat(blocked.read("*2\r\n$5\r\nqueue\r\n$3\r\njob\r\n"))
                            .as("blocked in BLPOP: kept").isEqualTo("*2\r\n$5\r\nqueue\r\n$3\r\njob\r\n");
                    pusher.send("PUBLISH news hi\r\n").read(":1\r\n");
                    assertThat(subscriber.read("*3\r\n$7\r\nmessage\r\n$4\r\nnews\r\n$2\r\nhi\r\n"))
                            .as("subscribed: kept").isEqualTo("*3\r\n$7\r\nmessage\r\n$4\r\nnews\r\n$2\r\nhi\r\n");
                }
                assertThat(f.log).containsOnlyOnce("Closing idle client");
            }
        }
    }

    @Test
    void timeoutZeroNeverClosesAndConfigSetTurnsItOnAtRunTime() throws Exception {
        try (IntegratedServerFixture f = IntegratedServerFixture.start(ConcurrencyServer.extensions());
             RawClient idle = RawClient.connect(f.port);
             RawClient admin = RawClient.connect(f.port)) {
            idle.send("PING\r\n").read("+PONG\r\n");
            f.clock.advance(Duration.ofSeconds(60));
            admin.send("CONFIG SET timeout 5\r\n").read("+OK\r\n"); // admin's last interaction: now
            assertThat(idle.isClosedByServer()).as("idle 60 s, closed once timeout is 5 s").isTrue();
            assertThat(admin.send("PING\r\n").read("+PONG\r\n")).isEqualTo("+PONG\r\n");
        }
    }
}
