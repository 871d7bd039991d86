package dev.redisfromscratch.eventloop;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** {@link Timers}: the select timeout, one-shot and periodic timers, cancellation. No sleeps. */
class TimersTest {

    @Test
    void noTimerMeansNoTimeoutAndADueTimerMeansNone() {
        Timers timers = new Timers();
        assertThat(timers.millisUntilNext()).isEqualTo(-1);
        timers.after(0, () -> { });
        assertThat(timers.millisUntilNext()).isZero();
        assertThat(timers.runDue()).isEqualTo(1);
        assertThat(timers.millisUntilNext()).isEqualTo(-1);
    }

    @Test
    void theTimeoutIsTheEarliestTimersRoundedUp() {
        Timers timers = new Timers();
        timers.after(60_000, () -> { });
        timers.after(30_000, () -> { });
        assertThat(timers.millisUntilNext()).isBetween(29_000L, 30_000L);
        assertThat(timers.runDue()).isZero();
    }

    @Test
    void dueTimersRunEarliestFirstAndAPeriodicOneIsScheduledAgain() {
        Timers timers = new Timers();
        List<String> ran = new ArrayList<>();
        AtomicInteger interval = new AtomicInteger(50_000);
        timers.every(interval::get, () -> ran.add("cron"));
        timers.after(0, () -> ran.add("b"));
        timers.after(-5, () -> ran.add("a")); // a negative delay is now
        timers.runDue();
        assertThat(ran).containsExactly("b", "a"); // same due time: in the order added
        assertThat(timers.size()).isEqualTo(1);
        assertThat(timers.millisUntilNext()).isBetween(49_000L, 50_000L);
    }

    @Test
    void aTimerAddedByATaskRunsAtALaterPassAndCancelledOnesNever() {
        Timers timers = new Timers();
        List<String> ran = new ArrayList<>();
        long cancelled = timers.after(0, () -> ran.add("cancelled"));
        timers.after(0, () -> timers.after(0, () -> ran.add("later")));
        timers.cancel(cancelled);
        timers.runDue();
        assertThat(ran).isEmpty();
        timers.runDue();
        assertThat(ran).containsExactly("later");
    }
}
