package dev.redisfromscratch.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.redisfromscratch.testkit.ManualClock;
import dev.redisfromscratch.testkit.grading.Stage;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * What later labs build on: the dirty counter (propagation, save points), expiry events (a
 * propagated DEL), iteration (snapshots, KEYS), the expiry modes of a replica and a loading server,
 * and looking at a key without touching it (lab 5's WATCH).
 */
@Stage(lab = 2, value = 3)
class DataStoreSeamsTest {
    private final ManualClock clock = new ManualClock();
    private final DataStore store = new DataStore(clock);

    @Nested
    class DirtyCounter {
        @Test
        void everyChangeCountsOneAndReadsAndNoOpsCountNothing() {
            store.set(b("a"), b("1"));                              // 1
            store.setExpireAt(b("b"), b("2"), clock.millis() + 1_000); // 2
            store.setKeepTtl(b("b"), b("3"));                       // 3
            store.get(b("a"));
            store.exists(b("a"));
            store.ttl(b("b"));
            assertThat(store.dirty()).isEqualTo(3);

            store.expire(b("a"), 10);                               // 4
            store.persist(b("a"));                                  // 5
            store.persist(b("a"));                                  // no TTL left: nothing
            store.delete(b("missing"));                             // nothing
            store.delete(b("a"));                                   // 6
            store.expire(b("missing"), 10);                         // nothing
            assertThat(store.dirty()).isEqualTo(6);
        }

        @Test
        void expiryIsNotAChangeACommandMade() {
            store.setExpireAt(b("k"), b("v"), clock.millis() + 10);
            long before = store.dirty();
            clock.advance(Duration.ofMillis(11));

            assertThat(store.get(b("k"))).isNull();
            assertThat(store.dirty()).isEqualTo(before);
            assertThat(store.expiredKeys()).isEqualTo(1);
        }

        @Test
        void clearingTheKeyspaceCountsOnePerKey() {
            store.set(b("a"), b("1"));
            store.set(b("b"), b("2"));
            long before = store.dirty();

            assertThat(store.clear()).isEqualTo(2);
            assertThat(store.dirty()).isEqualTo(before + 2);
            assertThat(store.size()).isZero();
            assertThat(store.volatileKeyCount()).isZero();
        }
    }

    @Test
    void aKeyReclaimedByExpiryIsReportedToTheListenersOnce() {
        List<String> expired = new ArrayList<>();
        store.addListener(key -> expired.add(key.toString()));
        store.setExpireAt(b("lazy"), b("v"), clock.millis() + 10);
        store.setExpireAt(b("active"), b("v"), clock.millis() + 10);
        clock.advance(Duration.ofMillis(11));

        store.get(b("lazy"));
        store.get(b("lazy"));
        store.expireIfNeeded(Key.of("active"), clock.millis());

        assertThat(expired).containsExactly("lazy", "active");
    }

    @Test
    void aKeyAPutAddsIsReportedButNotOneItReplaces() {
        List<String> added = new ArrayList<>();
        store.addListener(new KeyspaceListener() {
            @Override
            public void keyExpired(Key key) {
            }

            @Override
            public void keyAdded(Key key, Object value) {
                added.add(key + "=" + ((AnotherType) value).name());
            }
        });
        store.put(b("l"), new AnotherType("list"));
        store.put(b("l"), new AnotherType("list2"));                      // replaced: not added
        store.put(b("m"), new AnotherType("set"), ExpiresIndex.NO_EXPIRE); // RENAME, MOVE, COPY
        store.set(b("s"), b("v"));                                         // a string: nobody waits for one
        store.delete(b("l"));
        store.put(b("l"), new AnotherType("list3"));

        assertThat(added).containsExactly("l=list", "m=set", "l=list3");
    }

    @Stage(lab = 2, value = 2)
    @Test
    void iterationVisitsEveryKeyWithItsValueAndExpireTime() {
        store.set(b("plain"), b("1"));
        store.setExpireAt(b("timed"), b("2"), 1_900_000_000_000L);
        store.put(b("list"), AnotherType.LIST);
        Map<String, String> seen = new TreeMap<>();

        store.forEach((key, value, expireAt) -> seen.put(key.toString(),
                ValueType.of(value).name() + "@" + expireAt));

        assertThat(seen).containsExactly(
                Map.entry("list", "list@-1"), Map.entry("plain", "string@-1"), Map.entry("timed", "string@1900000000000"));
    }

    @Nested
    class ExpiryModes {
        @Test
        void aReplicaHidesAnExpiredKeyButKeepsItForItsPrimarysDel() {
            List<Key> expired = new ArrayList<>();
            store.addListener(expired::add);
            store.setExpireAt(b("k"), b("v"), clock.millis() + 10);
            store.expiryMode(ExpiryMode.REPLICA);
            clock.advance(Duration.ofMillis(11));

            assertThat(store.get(b("k"))).isNull();
            assertThat(store.exists(b("k"))).isFalse();
            assertThat(store.expireIfNeeded(Key.of("k"), clock.millis())).as("expired, as far as reads go").isTrue();
            assertThat(store.size()).as("still in memory").isEqualTo(1);
            assertThat(expired).isEmpty();

            store.expiryMode(ExpiryMode.PRIMARY); // promoted: now it may reclaim
            assertThat(store.get(b("k"))).isNull();
            assertThat(store.size()).isZero();
            assertThat(expired).hasSize(1);
        }

        @Test
        void whileLoadingNothingExpires() {
            store.expiryMode(ExpiryMode.LOADING);
            store.setExpireAt(b("k"), b("v"), clock.millis() + 10);
            clock.advance(Duration.ofMillis(11));

            assertThat(store.get(b("k"))).isEqualTo(b("v"));
            assertThat(store.pttl(b("k"))).isZero();
            assertThat(store.size()).isEqualTo(1);
        }
    }

    @Nested
    class LookingWithoutTouching {
        @Test
        void anExpiredKeyIsSeenAsExpiredAndStaysUntilSomethingReclaimsIt() {
            store.setExpireAt(b("k"), b("v"), clock.millis() + 10);
            store.set(b("plain"), b("v"));
            assertThat(store.isExpired(b("k"))).isFalse();
            clock.advance(Duration.ofMillis(11));

            assertThat(store.isExpired(b("k"))).isTrue();
            assertThat(store.containsKey(b("k"))).isTrue();
            assertThat(store.expiredKeys()).isZero(); // nothing was reclaimed by looking
            assertThat(store.isExpired(b("plain"))).isFalse();
            assertThat(store.isExpired(b("missing"))).isFalse();
            assertThat(store.containsKey(b("missing"))).isFalse();

            store.expiryMode(ExpiryMode.LOADING);
            assertThat(store.isExpired(b("k"))).isFalse(); // nothing expires while loading
            store.expiryMode(ExpiryMode.PRIMARY);
            assertThat(store.exists(b("k"))).isFalse();
            assertThat(store.containsKey(b("k"))).isFalse();
        }
    }

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
