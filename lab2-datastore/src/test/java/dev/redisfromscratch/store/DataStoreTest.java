package dev.redisfromscratch.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.redisfromscratch.testkit.ManualClock;
import dev.redisfromscratch.testkit.grading.Stage;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

@Stage(lab = 2, value = 2)
class DataStoreTest {
    private final ManualClock clock = new ManualClock();
    private final DataStore store = new DataStore(clock);

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Nested
    class Strings {
        @Test
        void setThenGetReturnsTheValue() {
            store.set(b("name"), b("Alice"));

            assertThat(store.get(b("name"))).isEqualTo(b("Alice"));
        }

        @Test
        void getOfAMissingKeyIsNull() {
            assertThat(store.get(b("nope"))).isNull();
        }

        @Test
        void keysAndValuesAreBinarySafe() {
            byte[] key = {'k', '\r', '\n', 0, (byte) 0xFF};
            byte[] value = {0, '\r', '\n', '$', '-', '1', (byte) 0x80};

            store.set(key, value);

            assertThat(store.get(new byte[] {'k', '\r', '\n', 0, (byte) 0xFF})).isEqualTo(value);
            assertThat(store.get(new byte[] {'k', '\r', '\n', 0})).isNull();
            assertThat(store.get(new byte[] {'k'})).isNull();
        }

        @Test
        void emptyKeysAndValuesAreValid() {
            store.set(new byte[0], new byte[0]);

            assertThat(store.get(new byte[0])).isEmpty();
            assertThat(store.exists(new byte[0])).isTrue();
        }

        @Test
        void setOverwritesTheValue() {
            store.set(b("k"), b("one"));
            store.set(b("k"), b("two"));

            assertThat(store.get(b("k"))).isEqualTo(b("two"));
            assertThat(store.size()).isEqualTo(1);
        }

        @Test
        void thousandKeysCanBeSetReadAndDeleted() {
            for (int i = 0; i < 1000; i++) {
                store.set(b("key:" + i), b("value:" + i));
            }
            assertThat(store.size()).isEqualTo(1000);
            for (int i = 0; i < 1000; i++) {
                assertThat(store.get(b("key:" + i))).isEqualTo(b("value:" + i));
            }
            for (int i = 0; i < 1000; i++) {
                assertThat(store.delete(b("key:" + i))).isTrue();
            }
            assertThat(store.size()).isZero();
        }

        @Test
        void getOfAKeyHoldingAnotherTypeRaisesWrongType() {
            store.put(b("list"), AnotherType.LIST);

            assertThatThrownBy(() -> store.get(b("list")))
                    .isInstanceOf(WrongTypeException.class)
                    .extracting(e -> ((WrongTypeException) e).replyText())
                    .isEqualTo("WRONGTYPE Operation against a key holding the wrong kind of value");
        }

        @Test
        void lookupWithTheRightTypeReturnsTheStoredObject() {
            AnotherType list = AnotherType.LIST;
            store.put(b("list"), list);

            assertThat(store.lookup(b("list"), list.type())).isSameAs(list);
            assertThat(store.lookup(b("list"))).isSameAs(list);
            assertThat(store.typeOf(b("list"))).isEqualTo(new ValueType("list"));
            assertThat(store.typeOf(b("missing"))).isNull();
        }
    }

    @Nested
    class Keyspace {
        @Test
        void deleteReportsWhetherTheKeyExisted() {
            store.set(b("k"), b("v"));

            assertThat(store.delete(b("k"))).isTrue();
            assertThat(store.delete(b("k"))).isFalse();
            assertThat(store.exists(b("k"))).isFalse();
        }

        @Test
        @Stage(lab = 2, value = 3) // it sets a TTL: lazy expiry is on its path
        void deleteAlsoForgetsTheTtl() {
            store.set(b("k"), b("v"));
            store.expire(b("k"), 100);
            store.delete(b("k"));

            store.set(b("k"), b("again"));

            assertThat(store.ttl(b("k"))).isEqualTo(-1);
            assertThat(store.volatileKeyCount()).isZero();
        }

        @Test
        void sizeCountsKeys() {
            store.set(b("a"), b("1"));
            store.set(b("b"), b("2"));
            store.set(b("a"), b("3"));

            assertThat(store.size()).isEqualTo(2);
        }
    }

    @Stage(lab = 2, value = 3)
    @Nested
    class Ttl {
        @Test
        void ttlOfAMissingKeyIsMinusTwo() {
            assertThat(store.ttl(b("nope"))).isEqualTo(-2);
            assertThat(store.pttl(b("nope"))).isEqualTo(-2);
        }

        @Test
        void ttlOfAKeyWithoutExpiryIsMinusOne() {
            store.set(b("k"), b("v"));

            assertThat(store.ttl(b("k"))).isEqualTo(-1);
            assertThat(store.pttl(b("k"))).isEqualTo(-1);
            assertThat(store.expireTime(b("k"))).isEqualTo(-1);
        }

        @Test
        void ttlIsTheRemainingTimeRoundedToTheNearestSecond() {
            store.set(b("k"), b("v"));
            store.expire(b("k"), 10);
            assertThat(store.ttl(b("k"))).isEqualTo(10);
            assertThat(store.pttl(b("k"))).isEqualTo(10_000);

            clock.advance(Duration.ofMillis(1_499)); // 8,501 ms left: (8501 + 500) / 1000 = 9
            assertThat(store.ttl(b("k"))).isEqualTo(9);
            assertThat(store.pttl(b("k"))).isEqualTo(8_501);

            clock.advance(Duration.ofMillis(2)); // 8,499 ms left: rounds down to 8
            assertThat(store.ttl(b("k"))).isEqualTo(8);
        }

        @Test
        void aKeyAtItsExpireTimeStillExistsWithTtlZero() {
            store.set(b("k"), b("v"));
            store.expire(b("k"), 1);
            clock.advance(Duration.ofMillis(1000));

            assertThat(store.ttl(b("k"))).isZero();
            assertThat(store.pttl(b("k"))).isZero();
            assertThat(store.get(b("k"))).isEqualTo(b("v"));
        }

        @Test
        void expireOfAMissingKeyReturnsFalse() {
            assertThat(store.expire(b("nope"), 10)).isFalse();
            assertThat(store.volatileKeyCount()).isZero();
        }

        @Test
        void expireWithZeroOrNegativeSecondsDeletesTheKey() {
            store.set(b("a"), b("v"));
            store.set(b("b"), b("v"));

            assertThat(store.expire(b("a"), -1)).isTrue();
            assertThat(store.expire(b("b"), 0)).isTrue();

            assertThat(store.exists(b("a"))).isFalse();
            assertThat(store.exists(b("b"))).isFalse();
            assertThat(store.size()).isZero();
        }

        @Test
        void expireThatOverflowsIsRejected() {
            store.set(b("k"), b("v"));

            assertThatThrownBy(() -> store.expire(b("k"), Long.MAX_VALUE / 1000))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThat(store.ttl(b("k"))).isEqualTo(-1);
        }

        @Test
        void expireAtSetsAnAbsoluteTime() {
            store.set(b("k"), b("v"));
            long in90s = clock.millis() + 90_000;

            assertThat(store.expireAt(b("k"), in90s)).isTrue();

            assertThat(store.expireTime(b("k"))).isEqualTo(in90s);
            assertThat(store.ttl(b("k"))).isEqualTo(90);
        }

        @Test
        void persistRemovesTheTtl() {
            store.set(b("k"), b("v"));
            store.expire(b("k"), 10);

            assertThat(store.persist(b("k"))).isTrue();
            assertThat(store.ttl(b("k"))).isEqualTo(-1);
            assertThat(store.persist(b("k"))).isFalse();
            assertThat(store.persist(b("missing"))).isFalse();

            clock.advance(Duration.ofSeconds(20));
            assertThat(store.get(b("k"))).isEqualTo(b("v"));
        }

        @Test
        void setRemovesAnExistingTtl() {
            store.set(b("k"), b("v"));
            store.expire(b("k"), 10);

            store.set(b("k"), b("v2"));

            assertThat(store.ttl(b("k"))).isEqualTo(-1);
            assertThat(store.volatileKeyCount()).isZero();
        }

        @Test
        void setKeepTtlKeepsIt() {
            store.setExpireAt(b("k"), b("v"), clock.millis() + 10_000);

            store.setKeepTtl(b("k"), b("v2"));

            assertThat(store.get(b("k"))).isEqualTo(b("v2"));
            assertThat(store.pttl(b("k"))).isEqualTo(10_000);
        }

        @Test
        void setKeepTtlOnAnExpiredKeyStartsWithoutTtl() {
            store.setExpireAt(b("k"), b("v"), clock.millis() + 1_000);
            clock.advance(Duration.ofSeconds(2));

            store.setKeepTtl(b("k"), b("fresh"));

            assertThat(store.get(b("k"))).isEqualTo(b("fresh"));
            assertThat(store.ttl(b("k"))).isEqualTo(-1);
        }

        @Test
        void setExpireAtStoresTheValueWithItsExpireTime() {
            long when = clock.millis() + 5_000;

            store.setExpireAt(b("k"), b("v"), when);

            assertThat(store.get(b("k"))).isEqualTo(b("v"));
            assertThat(store.expireTime(b("k"))).isEqualTo(when);
            assertThat(store.expireTime(b("missing"))).isEqualTo(-2);
        }

        @Test
        void setExpireAtRejectsANonPositiveTimeAndStoresNothing() {
            assertThatThrownBy(() -> store.setExpireAt(b("k"), b("v"), 0))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThat(store.size()).isZero();
        }
    }

    @Stage(lab = 2, value = 3)
    @Nested
    class LazyExpiry {
        @Test
        void whenKeyExpires_getReturnsNullAndTheKeyIsReclaimed() {
            store.set(b("k"), b("v"));
            store.expire(b("k"), 1);
            clock.advance(Duration.ofMillis(1001));

            assertThat(store.size()).as("expired but not yet reclaimed").isEqualTo(1);
            assertThat(store.get(b("k"))).isNull();
            assertThat(store.size()).as("the read reclaimed it").isZero();
            assertThat(store.volatileKeyCount()).isZero();
            assertThat(store.expiredKeys()).isEqualTo(1);
        }

        @Test
        void everyKindOfAccessExpiresTheKey() {
            for (String k : List.of("get", "exists", "ttl", "pttl", "persist", "expire", "delete", "lookup")) {
                store.setExpireAt(b(k), b("v"), clock.millis() + 1_000);
            }
            clock.advance(Duration.ofSeconds(2));

            assertThat(store.get(b("get"))).isNull();
            assertThat(store.exists(b("exists"))).isFalse();
            assertThat(store.ttl(b("ttl"))).isEqualTo(-2);
            assertThat(store.pttl(b("pttl"))).isEqualTo(-2);
            assertThat(store.persist(b("persist"))).isFalse();
            assertThat(store.expire(b("expire"), 100)).isFalse();
            assertThat(store.delete(b("delete"))).as("an expired key does not count as deleted").isFalse();
            assertThat(store.lookup(b("lookup"))).isNull();

            assertThat(store.size()).isZero();
            assertThat(store.expiredKeys()).isEqualTo(8);
        }

        @Test
        void anExpiredKeyCanBeSetAgain() {
            store.setExpireAt(b("k"), b("old"), clock.millis() + 1_000);
            clock.advance(Duration.ofSeconds(2));

            store.set(b("k"), b("new"));

            assertThat(store.get(b("k"))).isEqualTo(b("new"));
            assertThat(store.ttl(b("k"))).isEqualTo(-1);
        }

        @Test
        void aPastExpireTimeGivenToSetMakesTheKeyInvisibleAtOnce() {
            store.setExpireAt(b("k"), b("v"), clock.millis() - 1);

            assertThat(store.get(b("k"))).isNull();
        }
    }
}
