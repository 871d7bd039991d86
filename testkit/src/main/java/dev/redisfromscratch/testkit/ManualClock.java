package dev.redisfromscratch.testkit;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * A {@link Clock} that moves only when a test moves it, so expiry is tested without sleeping.
 *
 * <pre>
 *   ManualClock clock = new ManualClock();
 *   DataStore store = new DataStore(clock);
 *   store.set(k, v); store.expire(k, 10);
 *   clock.advance(Duration.ofSeconds(10));   // the key is now expired
 * </pre>
 *
 * <p>{@link #autoAdvance(Duration)} makes every read of the clock move it forward, which lets a test
 * show that a time-bounded loop (lab 2's active expiry cycle) stops when its budget is spent.
 */
public final class ManualClock extends Clock {
    private long millis;
    private long autoAdvanceMillis;

    /** A clock at 2026-01-01T00:00:00Z: a realistic epoch time, so unix-time options can be tested. */
    public ManualClock() {
        this(Instant.parse("2026-01-01T00:00:00Z").toEpochMilli());
    }

    /** A clock at {@code epochMillis} milliseconds since 1970-01-01T00:00:00Z. */
    public ManualClock(long epochMillis) {
        this.millis = epochMillis;
    }

    /** Moves the clock forward. */
    public synchronized ManualClock advance(Duration d) {
        millis += d.toMillis();
        return this;
    }

    /** Every later read of the clock returns the time, then moves it forward by {@code step}. */
    public synchronized ManualClock autoAdvance(Duration step) {
        autoAdvanceMillis = step.toMillis();
        return this;
    }

    @Override
    public synchronized long millis() {
        long now = millis;
        millis += autoAdvanceMillis;
        return now;
    }

    @Override
    public Instant instant() {
        return Instant.ofEpochMilli(millis());
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }
}
