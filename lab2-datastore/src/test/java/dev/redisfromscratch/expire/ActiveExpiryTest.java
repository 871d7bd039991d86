package dev.redisfromscratch.expire;

import static org.assertj.core.api.Assertions.assertThat;

import dev.redisfromscratch.expire.ActiveExpiry.Cycle;
import dev.redisfromscratch.store.DataStore;
import dev.redisfromscratch.store.MemoryReport;
import dev.redisfromscratch.testkit.ManualClock;
import dev.redisfromscratch.testkit.grading.Stage;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

@Stage(lab = 2, value = 4)
class ActiveExpiryTest {
    private final ManualClock clock = new ManualClock();
    private final DataStore store = new DataStore(clock);

    private ActiveExpiry cycle(int stalePercent) {
        return new ActiveExpiry(store, new SplittableRandom(2026), ActiveExpiry.TIME_LIMIT_MILLIS, stalePercent);
    }

    /** Adds keys {@code prefix0 .. prefix<n-1>}, each expiring {@code ttlMillis} from now. */
    private void addVolatile(String prefix, int n, long ttlMillis) {
        for (int i = 0; i < n; i++) {
            store.setExpireAt(bytes(prefix + i), bytes("v"), clock.millis() + ttlMillis);
        }
    }

    private void addPersistent(String prefix, int n) {
        for (int i = 0; i < n; i++) {
            store.set(bytes(prefix + i), bytes("v"));
        }
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    @Test
    void theCycleRepeatsOnlyWhileMoreThanTheThresholdOfASampleHadExpired() {
        assertThat(ActiveExpiry.repeats(20, 5, 25)).as("25%% is not more than 25%%").isFalse();
        assertThat(ActiveExpiry.repeats(20, 6, 25)).as("30%%").isTrue();
        assertThat(ActiveExpiry.repeats(20, 2, 10)).as("10%% under Redis 7's threshold").isFalse();
        assertThat(ActiveExpiry.repeats(20, 3, 10)).as("15%% under Redis 7's threshold").isTrue();
        assertThat(ActiveExpiry.repeats(0, 0, 25)).as("an empty sample").isFalse();
    }

    @Test
    void withNothingExpiredTheCycleSamplesOnceAndStops() {
        addVolatile("live", 1000, 60_000);

        Cycle c = cycle(25).runCycle();

        assertThat(c).isEqualTo(new Cycle(1, 20, 0, false));
        assertThat(store.size()).isEqualTo(1000);
    }

    @Test
    void withNoKeyHavingATtlTheCycleDoesNothing() {
        addPersistent("p", 100);

        assertThat(cycle(25).runCycle()).isEqualTo(new Cycle(0, 0, 0, false));
        assertThat(store.size()).isEqualTo(100);
    }

    @Test
    void whenEverySampleIsExpiredOneCycleReclaimsThemAll() {
        addVolatile("gone", 1000, 1_000);
        addPersistent("stay", 50);
        clock.advance(Duration.ofSeconds(2));

        Cycle c = cycle(25).runCycle();

        assertThat(c).isEqualTo(new Cycle(50, 1000, 1000, false));
        assertThat(store.size()).isEqualTo(50);
        assertThat(store.volatileKeyCount()).isZero();
        assertThat(store.expiredKeys()).isEqualTo(1000);
    }

    @Test
    void exactlyTwentyFivePercentExpiredStopsAfterOneLoop() {
        addVolatile("gone", 5, 1_000);
        addVolatile("live", 15, 60_000);
        clock.advance(Duration.ofSeconds(2));

        Cycle c = cycle(25).runCycle(); // 20 keys with a TTL: the one sample is all of them

        assertThat(c).isEqualTo(new Cycle(1, 20, 5, false));
        assertThat(store.size()).isEqualTo(15);
    }

    @Test
    void moreThanTwentyFivePercentExpiredRepeatsTheLoop() {
        addVolatile("gone", 6, 1_000);
        addVolatile("live", 14, 60_000);
        clock.advance(Duration.ofSeconds(2));

        Cycle c = cycle(25).runCycle(); // loop 1: 6 of 20 (30%) → loop 2: 0 of 14 → stop

        assertThat(c).isEqualTo(new Cycle(2, 34, 6, false));
        assertThat(store.size()).isEqualTo(14);
    }

    @Test
    void redis7sTenPercentThresholdRepeatsWhereTheClassicOneStops() {
        addVolatile("gone", 3, 1_000);
        addVolatile("live", 17, 60_000);
        clock.advance(Duration.ofSeconds(2));

        Cycle c = cycle(ActiveExpiry.REDIS7_ACCEPTABLE_STALE_PERCENT).runCycle(); // 15% > 10%

        assertThat(c.loops()).isEqualTo(2);
        assertThat(c.expired()).isEqualTo(3);
    }

    @Test
    void theClassicThresholdStopsAtFifteenPercent() {
        addVolatile("gone", 3, 1_000);
        addVolatile("live", 17, 60_000);
        clock.advance(Duration.ofSeconds(2));

        assertThat(cycle(25).runCycle()).isEqualTo(new Cycle(1, 20, 3, false));
    }

    @Test
    void theCycleStopsWhenItsTimeLimitIsSpentCheckingTheClockEverySixteenLoops() {
        addVolatile("gone", 10_000, 1_000);
        clock.advance(Duration.ofSeconds(2));
        clock.autoAdvance(Duration.ofMillis(1)); // every clock read costs 1 ms

        Cycle c = cycle(25).runCycle();

        // Reads: start (t0), one per loop (t0+1 .. t0+16), check after loop 16 reads t0+17: 17 ms
        // ≤ 25 ms, go on; loops 17..32 read t0+18 .. t0+33, the check after loop 32 reads t0+34: over.
        assertThat(c).isEqualTo(new Cycle(32, 640, 640, true));
        assertThat(store.size()).isEqualTo(10_000 - 640);
    }

    @Test
    void cyclesCutShortByTheTimeLimitFinishTheJobOverLaterTicks() {
        addVolatile("gone", 10_000, 1_000);
        clock.advance(Duration.ofSeconds(2));
        clock.autoAdvance(Duration.ofMillis(1));
        ActiveExpiry active = cycle(25);

        int ticks = 0;
        while (store.size() > 0 && ticks < 100) {
            active.runCycle();
            ticks++;
        }

        assertThat(store.size()).isZero();
        assertThat(ticks).isEqualTo((10_000 + 639) / 640); // 640 keys per 25 ms tick
    }

    @Test
    void keysThatExpireAndAreNeverReadAgainAreRemovedAndTheirMemoryFreed() {
        addPersistent("stay", 10);
        long before = MemoryReport.deepSize(store);
        addVolatile("temp", 1000, 1_000);
        long full = MemoryReport.deepSize(store);
        clock.advance(Duration.ofSeconds(2));
        ActiveExpiry active = new ActiveExpiry(store);

        for (int tick = 0; tick < 10 && store.volatileKeyCount() > 0; tick++) { // no key is ever read
            active.runCycle();
            store.tryResizeHashTables();
        }
        long after = MemoryReport.deepSize(store);

        assertThat(store.size()).isEqualTo(10);
        assertThat(full - before).as("1,000 keys with a TTL cost memory").isGreaterThan(100_000);
        assertThat(after).as("deep size after the cycles, vs before the 1,000 keys").isLessThanOrEqualTo(before + 256);
    }
}
