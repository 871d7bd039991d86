package dev.redisfromscratch.expire;

import static org.assertj.core.api.Assertions.assertThat;

import dev.redisfromscratch.store.Databases;
import dev.redisfromscratch.store.DataStore;
import dev.redisfromscratch.testkit.ManualClock;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * {@link FastExpireCycle}: keys whose time has passed and that nobody reads are reclaimed before
 * the loop sleeps, in every database, without touching live keys.
 */
class FastExpireCycleTest {

    @Test
    void unreadExpiredKeysGoAwayAndLiveOnesStay() {
        ManualClock clock = new ManualClock();
        Databases dbs = new Databases(2, clock);
        for (int db = 0; db < 2; db++) {
            DataStore store = dbs.db(db);
            for (int i = 0; i < 1000; i++) {
                store.set(bytes("short" + i), bytes("v"));
                store.expireAt(bytes("short" + i), clock.millis() + 100);
            }
            for (int i = 0; i < 10; i++) {
                store.set(bytes("long" + i), bytes("v"));
                store.expireAt(bytes("long" + i), clock.millis() + 60_000);
            }
        }
        clock.advance(Duration.ofSeconds(1));
        FastExpireCycle fast = new FastExpireCycle(dbs, () -> 60_000);
        fast.run();
        for (int db = 0; db < 2; db++) {
            // the cycle stops once a sample is mostly live (≤ 25% expired): a few expired keys may
            // remain for the next cycle, as in Redis, but not the burst
            assertThat(dbs.db(db).volatileKeyCount()).as("db %d", db).isBetween(10, 30);
            for (int i = 0; i < 10; i++) {
                assertThat(dbs.db(db).containsKey(bytes("long" + i))).isTrue();
            }
        }
        assertThat(fast.runs()).isEqualTo(2);
        fast.run(); // the cycles finished their work (no time limit on this clock): the cron's turn
        assertThat(fast.runs()).isEqualTo(2);
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
