package dev.redisfromscratch.threaded;

import java.util.concurrent.locks.ReentrantLock;

/**
 * The one lock every command runs under: with it, a server with a thread per client still runs one
 * command at a time, so each command is atomic exactly as on Redis's single thread. The cron
 * thread takes it too, so active expiry, save points and the append-only file's flush never
 * interleave with a command.
 *
 * <p>What it costs: threads that want it at the same time queue up, and a thread that finds it
 * taken parks (a {@code futex} wait on Linux) and must be woken and rescheduled when it is free. On
 * a busy server the commands themselves take well under a microsecond, so the hand-offs, not the
 * work, set the throughput; lab 7 removes them by running everything on one thread.
 *
 * <p>It is not fair (a thread that just released it may take it again at once), which is what
 * keeps hand-offs rare under load; {@link java.util.concurrent.locks.ReentrantLock} with
 * {@code fair = false}.
 *
 * <p>Redis has no such lock: it has one thread. Redis 6's I/O threads read and write sockets in
 * parallel but still run commands on the main thread ({@code networking.c},
 * {@code handleClientsWithPendingReadsUsingThreads}), which is the same idea as this lock.
 */
public final class GlobalLock {
    private final ReentrantLock lock = new ReentrantLock(false);

    /** Waits for the lock, then holds it. Pair every call with {@link #unlock()} in a {@code finally}. */
    public void lock() {
        lock.lock();
    }

    /** Releases the lock. @throws IllegalMonitorStateException if this thread does not hold it */
    public void unlock() {
        lock.unlock();
    }

    /** @return whether the calling thread holds the lock (for assertions) */
    public boolean isHeldByCurrentThread() {
        return lock.isHeldByCurrentThread();
    }

    /** @return an estimate of how many threads are waiting for the lock now */
    public int queueLength() {
        return lock.getQueueLength();
    }
}
