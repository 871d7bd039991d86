package dev.redisfromscratch.tcp;

import dev.redisfromscratch.config.ServerConfig;
import java.util.function.IntSupplier;

/**
 * Periodic work the single server thread does between requests: Redis's {@code serverCron},
 * which runs {@code hz} times a second (10 by default, so every 100 ms).
 *
 * <p>The server drives it, between requests ({@link BlockingServer}) or from its event loop (lab 7).
 * Lab 1 has nothing to do periodically ({@link #NONE}); lab 2 runs the active expiry cycle here.
 * Scheduling uses {@link System#nanoTime()} only to decide when the task is due; the task itself
 * reads time from its own injected clock.
 *
 * <p>Redis: {@code server.c}, {@code serverCron}; {@code server.h}, {@code CONFIG_DEFAULT_HZ}.
 */
public final class ServerCron {
    /** Redis's default: {@code hz 10}, so 100 ms between runs. */
    public static final int DEFAULT_INTERVAL_MILLIS = 1000 / ServerConfig.DEFAULT_HZ;

    /** A cron with nothing to do. */
    public static final ServerCron NONE = new ServerCron(() -> { }, DEFAULT_INTERVAL_MILLIS);

    private final Runnable task;
    private final IntSupplier intervalMillis;
    private long nextRunNanos;

    /**
     * @param task the periodic work; must be short (it runs on the server thread)
     * @param intervalMillis time between runs, in milliseconds (&gt; 0)
     */
    public ServerCron(Runnable task, int intervalMillis) {
        this(task, fixed(intervalMillis));
    }

    private ServerCron(Runnable task, IntSupplier intervalMillis) {
        this.task = task;
        this.intervalMillis = intervalMillis;
        this.nextRunNanos = System.nanoTime();
    }

    private static IntSupplier fixed(int intervalMillis) {
        if (intervalMillis <= 0) {
            throw new IllegalArgumentException("interval must be positive: " + intervalMillis);
        }
        return () -> intervalMillis;
    }

    /** @return milliseconds between runs; also the longest a blocking read or accept waits */
    public int intervalMillis() {
        return intervalMillis.getAsInt();
    }

    /**
     * The same work at an interval read again before each run, so that a change of {@code hz}
     * ({@code CONFIG SET hz}, lab 5) takes effect at the next run: lab 5 passes
     * {@code config::cronIntervalMillis}.
     *
     * <p>Redis: {@code config.c}, {@code updateHZ}; {@code serverCron} runs every
     * {@code 1000 / server.hz} ms.
     *
     * @param intervalMillis gives the milliseconds between runs (&gt; 0) each time it is asked
     * @return a cron with the same task
     */
    public ServerCron withInterval(IntSupplier intervalMillis) {
        return new ServerCron(task, intervalMillis);
    }

    /**
     * @param more work to run after this cron's task, each time it runs
     * @return a cron with the same interval that runs this task, then {@code more}: how a lab adds
     *     its periodic work to the earlier lab's (lab 4's save points after lab 2's active expiry)
     */
    public ServerCron andThen(Runnable more) {
        Runnable first = task;
        return new ServerCron(() -> {
            first.run();
            more.run();
        }, intervalMillis);
    }

    /** Runs the task if its interval has passed since the last run. */
    public void runIfDue() {
        long now = System.nanoTime();
        if (now - nextRunNanos >= 0) {
            nextRunNanos = now + intervalMillis() * 1_000_000L;
            task.run();
        }
    }
}
