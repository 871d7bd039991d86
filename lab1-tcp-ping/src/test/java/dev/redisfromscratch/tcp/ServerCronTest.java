package dev.redisfromscratch.tcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** {@link ServerCron}: its interval, fixed or read again before each run ({@code CONFIG SET hz}). */
class ServerCronTest {
    @Test
    void aFixedIntervalMustBePositive() {
        assertThatThrownBy(() -> new ServerCron(() -> { }, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThat(new ServerCron(() -> { }, 100).intervalMillis()).isEqualTo(100);
    }

    @Test
    void withIntervalReadsTheIntervalEachTimeAndKeepsTheWork() {
        AtomicInteger interval = new AtomicInteger(100);
        AtomicInteger runs = new AtomicInteger();
        ServerCron cron = new ServerCron(runs::incrementAndGet, 100).andThen(runs::incrementAndGet)
                .withInterval(interval::get);
        assertThat(cron.intervalMillis()).isEqualTo(100);
        interval.set(60_000);
        assertThat(cron.intervalMillis()).isEqualTo(60_000);
        cron.runIfDue(); // due at once: a new cron has not run yet
        assertThat(runs.get()).isEqualTo(2);
        cron.runIfDue(); // the next run is a minute away
        assertThat(runs.get()).isEqualTo(2);
        assertThat(cron.andThen(() -> { }).intervalMillis()).as("andThen keeps the live interval").isEqualTo(60_000);
    }
}
