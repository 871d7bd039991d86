package dev.redisfromscratch.eventloop;

import java.util.PriorityQueue;
import java.util.function.IntSupplier;

/**
 * The event loop's timers: one-shot and periodic tasks ordered by when they are due, on the
 * monotonic clock ({@link System#nanoTime()}), never the wall clock, so a clock step neither fires
 * them early nor holds them back. The loop asks {@link #millisUntilNext()} for its select timeout
 * and runs {@link #runDue()} after each wait.
 *
 * <pre>
 *   every(cron::intervalMillis, cron)   the cron at 1000/hz ms, the interval read again each time
 *   after(ms, task)                     a one-shot timer
 *   millisUntilNext()                   0: one is due now; -1: none (wait for I/O only)
 * </pre>
 *
 * <p>Used by the loop's thread only; not thread-safe (other threads go through
 * {@link EventLoop#execute}).
 *
 * <p>Redis: {@code ae.c}, {@code aeCreateTimeEvent}, {@code processTimeEvents} (a periodic timer's
 * handler returns its next interval, as {@code serverCron} returns {@code 1000/server.hz}),
 * {@code usUntilEarliestTimer}; {@code getMonotonicUs}.
 */
public final class Timers {
    private final PriorityQueue<Timer> queue = new PriorityQueue<>();
    private long sequence;

    private static final class Timer implements Comparable<Timer> {
        final long id;
        final Runnable task;
        final IntSupplier intervalMillis; // null: one-shot
        long dueNanos;
        boolean cancelled;

        Timer(long id, long dueNanos, Runnable task, IntSupplier intervalMillis) {
            this.id = id;
            this.dueNanos = dueNanos;
            this.task = task;
            this.intervalMillis = intervalMillis;
        }

        @Override
        public int compareTo(Timer o) {
            int c = Long.compare(dueNanos - o.dueNanos, 0); // nanoTime wraps: compare differences
            return c != 0 ? c : Long.compare(id, o.id);
        }
    }

    /**
     * Runs {@code task} once, {@code delayMillis} from now.
     *
     * @param delayMillis ms from now (0: at the next pass)
     * @return the timer's id, for {@link #cancel}
     */
    public long after(long delayMillis, Runnable task) {
        Timer t = new Timer(++sequence, System.nanoTime() + Math.max(0, delayMillis) * 1_000_000L, task, null);
        queue.add(t);
        return t.id;
    }

    /**
     * Runs {@code task} every {@code intervalMillis} ms, the first time one interval from now; the
     * interval is read again after each run ({@code CONFIG SET hz} takes effect at once).
     *
     * @param intervalMillis gives the ms between the end of one run and the next (&gt; 0)
     * @return the timer's id, for {@link #cancel}
     */
    public long every(IntSupplier intervalMillis, Runnable task) {
        Timer t = new Timer(++sequence, System.nanoTime() + intervalMillis.getAsInt() * 1_000_000L, task, intervalMillis);
        queue.add(t);
        return t.id;
    }

    /** Cancels a timer; an unknown or finished id is ignored. */
    public void cancel(long id) {
        for (Timer t : queue) {
            if (t.id == id) {
                t.cancelled = true;
            }
        }
    }

    /**
     * @return ms until the earliest timer is due, rounded up (0 if one is due now), or -1 if there
     *     is none: the loop's select timeout (Redis: {@code usUntilEarliestTimer})
     */
    public long millisUntilNext() {
        Timer first;
        while ((first = queue.peek()) != null && first.cancelled) {
            queue.poll();
        }
        if (first == null) {
            return -1;
        }
        long nanos = first.dueNanos - System.nanoTime();
        return nanos <= 0 ? 0 : (nanos + 999_999) / 1_000_000;
    }

    /**
     * Runs every timer that is due now, earliest first; a periodic one is then scheduled again one
     * interval after its run ended. A timer added by a task runs at a later pass, never in this one.
     *
     * @return how many timers ran
     */
    public int runDue() {
        long now = System.nanoTime();
        int ran = 0;
        Timer t;
        while ((t = queue.peek()) != null && t.dueNanos - now <= 0) {
            queue.poll();
            if (t.cancelled) {
                continue;
            }
            t.task.run();
            ran++;
            if (t.intervalMillis != null && !t.cancelled) {
                t.dueNanos = System.nanoTime() + t.intervalMillis.getAsInt() * 1_000_000L;
                if (t.dueNanos - now <= 0) {
                    t.dueNanos = now + 1; // never twice in one pass
                }
                queue.add(t);
            }
        }
        return ran;
    }

    /** @return how many timers are scheduled */
    public int size() {
        return (int) queue.stream().filter(t -> !t.cancelled).count();
    }
}
