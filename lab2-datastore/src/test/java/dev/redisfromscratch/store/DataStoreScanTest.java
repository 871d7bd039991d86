package dev.redisfromscratch.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.redisfromscratch.testkit.ManualClock;
import dev.redisfromscratch.testkit.grading.Stage;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The keyspace seams lab 5's key commands use: {@code scan}, {@code randomKey}, {@code put} with a TTL. */
@Stage(lab = 2, value = 3) // keys with a TTL: lazy expiry is on the path
class DataStoreScanTest {
    private final ManualClock clock = new ManualClock();
    private final DataStore store = new DataStore(clock);

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void aFullScanVisitsEveryKeyOnceWithItsExpireTimeAndTouchesNothing() {
        for (int i = 0; i < 100; i++) {
            store.set(b("k" + i), b("v" + i));
        }
        long when = clock.millis() + 1000;
        store.expireAt(b("k7"), when);
        clock.advance(Duration.ofSeconds(2)); // k7 has expired, not yet reclaimed

        Map<String, Long> seen = new HashMap<>();
        long cursor = 0;
        do {
            cursor = store.scan(cursor, (key, value, expireAt) -> {
                assertThat(seen.put(key.toString(), expireAt)).isNull();
                assertThat(value).isEqualTo(b("v" + key.toString().substring(1)));
            });
        } while (cursor != 0);

        assertThat(seen).hasSize(100);
        assertThat(seen.get("k7")).isEqualTo(when);
        assertThat(seen.get("k8")).isEqualTo(ExpiresIndex.NO_EXPIRE);
        assertThat(store.size()).isEqualTo(100);
        assertThat(store.expiredKeys()).isZero();
    }

    @Test
    void anEmptyKeyspaceEndsTheScanAtOnce() {
        assertThat(store.scan(0, (key, value, expireAt) -> { throw new AssertionError(key); })).isZero();
    }

    @Test
    void aRandomKeyIsLiveAndExpiredKeysDrawnOnTheWayAreReclaimed() {
        assertThat(store.randomKey(new Random(1))).isNull();
        List<Key> reclaimed = new ArrayList<>();
        store.addListener(reclaimed::add);
        for (int i = 0; i < 50; i++) {
            store.setExpireAt(b("old" + i), b("v"), clock.millis() + 10);
        }
        store.set(b("live"), b("v"));
        clock.advance(Duration.ofSeconds(1));

        Key key = store.randomKey(new Random(1));

        assertThat(key).isEqualTo(Key.of("live"));
        assertThat(store.size()).isEqualTo(51 - reclaimed.size());
        assertThat(store.expiredKeys()).isEqualTo(reclaimed.size());
    }

    @Test
    void aKeyspaceOfExpiredKeysHasNoRandomKeyAndIsEmptiedOnTheWay() {
        for (int i = 0; i < 5; i++) {
            store.setExpireAt(b("old" + i), b("v"), clock.millis() + 10);
        }
        clock.advance(Duration.ofSeconds(1));

        assertThat(store.randomKey(new Random(3))).isNull();
        assertThat(store.size()).isZero();
    }

    @Test
    void onAReplicaAKeyspaceOfExpiredKeysStillAnswersAfterAHundredTries() {
        store.setExpireAt(b("old"), b("v"), clock.millis() + 10);
        clock.advance(Duration.ofSeconds(1));
        store.expiryMode(ExpiryMode.REPLICA);

        assertThat(store.randomKey(new Random(3))).isEqualTo(Key.of("old"));
        assertThat(store.size()).isEqualTo(1);
    }

    @Test
    void putWithAnExpireTimeReplacesTheValueAndTheTtlAndKeepsAJustPassedTime() {
        store.set(b("k"), b("old"));
        store.expire(b("k"), 100);
        long dirty = store.dirty();

        store.put(b("k"), b("new"), ExpiresIndex.NO_EXPIRE);
        assertThat(store.get(b("k"))).isEqualTo(b("new"));
        assertThat(store.pttl(b("k"))).isEqualTo(-1);
        assertThat(store.dirty()).isEqualTo(dirty + 1);

        long now = clock.millis();
        store.put(b("k"), b("newer"), now); // due now: still there at this instant
        assertThat(store.expireTime(b("k"))).isEqualTo(now);
        assertThat(store.exists(b("k"))).isTrue();
        clock.advance(Duration.ofMillis(1));
        assertThat(store.exists(b("k"))).isFalse();

        store.put(b("t"), AnotherType.LIST, now + 5000);
        assertThat(store.typeOf(b("t"))).isEqualTo(new ValueType("list"));
        assertThat(store.expireTime(b("t"))).isEqualTo(now + 5000);
    }
}
