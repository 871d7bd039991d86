package dev.redisfromscratch.eventloop;

import dev.redisfromscratch.threaded.GlobalLock;
import java.io.IOException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.SelectableChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A reactor: one thread waits in a {@link Selector} (epoll on Linux) until a socket is ready or
 * a timer is due, then runs the handler of each ready socket, the due timers, the work other
 * threads queued, and the {@code beforeSleep} hooks, and waits again. Nothing it runs may block.
 *
 * <pre>
 *   run():  while not stopped
 *             timeout = timers.millisUntilNext()         (-1: none)
 *             select(timeout)                            no lock: the only place the thread waits
 *             lock {
 *               processEvents: each ready key → its Handler.ready(readyOps)
 *               the tasks other threads queued (execute)
 *               timers.runDue()                          the cron, one-shot timers
 *               beforeSleep hooks, in order              replies leave here
 *             }
 * </pre>
 *
 * <p><b>The global lock.</b> A pass runs under lab 5's {@link GlobalLock}. Nothing else takes it
 * while the server runs, so it is uncontended and costs two atomic operations a pass; it keeps
 * correct the tests and benchmarks that call {@code server.lock()} to look at or change the
 * keyspace from another thread, exactly as under lab 5's threads. It is never held in
 * {@code select}.
 *
 * <p><b>Other threads</b> never touch the loop's sockets or the keyspace: they {@link #execute} a
 * task, which is queued and wakes the selector ({@code Selector.wakeup()}, a write to an eventfd or
 * pipe that {@code epoll_wait} watches); the loop runs it in its next pass.
 *
 * <p>Redis: {@code ae.c}, {@code aeMain}, {@code aeProcessEvents} (there {@code beforesleep} is
 * called before {@code aeApiPoll}; in a cycle of passes the order is the same), {@code ae_epoll.c};
 * other threads wake it through a pipe ({@code server.module_pipe}, the I/O threads' pending
 * lists).
 */
public final class EventLoop {
    /** What a registered channel does when it is ready (an accept, a read, a write). */
    @FunctionalInterface
    public interface Handler {
        /**
         * @param readyOps the {@link SelectionKey} operations that are ready ({@code OP_ACCEPT},
         *     {@code OP_READ}, {@code OP_WRITE})
         * @throws IOException for a failure of this channel only (the loop goes on)
         */
        void ready(int readyOps) throws IOException;
    }

    private final Selector selector;
    private final Timers timers = new Timers();
    private final GlobalLock lock;
    private final Queue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean wakeupPending = new AtomicBoolean();
    private final List<Runnable> beforeSleep = new ArrayList<>();
    private volatile boolean stopped;
    private volatile Thread thread;
    private long passes;

    /**
     * @param lock held while a pass runs its handlers, tasks, timers and hooks (never while waiting)
     * @throws IOException if the selector cannot be opened
     */
    public EventLoop(GlobalLock lock) throws IOException {
        this.selector = Selector.open();
        this.lock = lock;
    }

    /**
     * Registers a channel (made non-blocking here) for {@code ops}; its handler runs on the loop.
     *
     * @return its key ({@link SelectionKey#interestOps(int)} changes what it waits for)
     * @throws ClosedChannelException if the channel was closed
     */
    public SelectionKey register(SelectableChannel channel, int ops, Handler handler) throws IOException {
        channel.configureBlocking(false);
        return channel.register(selector, ops, handler);
    }

    /** @return the timers (the loop's thread only) */
    public Timers timers() {
        return timers;
    }

    /** Adds work run at the end of every pass, before the thread waits again (in the order added). */
    public void addBeforeSleep(Runnable hook) {
        beforeSleep.add(hook);
    }

    /**
     * Runs {@code task} on the loop's thread at its next pass, from any thread: queued, then the
     * selector is woken (once, however many tasks are queued before it runs them).
     */
    public void execute(Runnable task) {
        tasks.add(task);
        wakeup();
    }

    /** Wakes the loop from its wait, from any thread. */
    public void wakeup() {
        if (wakeupPending.compareAndSet(false, true)) {
            selector.wakeup();
        }
    }

    /** @return whether the calling thread is the loop's */
    public boolean inLoop() {
        return Thread.currentThread() == thread;
    }

    /** @return the loop's thread, once {@link #run()} has started */
    public Thread thread() {
        return thread;
    }

    /** @return passes run so far (each select and what follows it) */
    public long passes() {
        return passes;
    }

    /**
     * Runs passes on the calling thread until {@link #stop()}. A handler, task, timer or hook that
     * throws a {@link RuntimeException} or {@link Error} is a bug: it ends the loop and is rethrown.
     *
     * @throws IOException if the selector itself fails
     */
    public void run() throws IOException {
        thread = Thread.currentThread();
        while (!stopped) {
            processEvents(tasks.isEmpty() ? timers.millisUntilNext() : 0);
        }
    }

    /**
     * One pass: waits (without the lock) until a registered channel is ready, the timeout passes
     * or another thread wakes the loop; then, holding the lock, runs the handler of each ready key
     * (a key cancelled meanwhile, by a close earlier in the pass, is skipped), the queued tasks,
     * the due timers and the {@code beforeSleep} hooks.
     *
     * <p>Called without the lock; it takes it after the wait and releases it before returning.
     *
     * @param timeoutMillis the longest wait, ms: 0 for none ({@code selectNow}), -1 for no limit
     * @return how many keys were ready
     * @throws IOException if the selector fails
     */
    int processEvents(long timeoutMillis) throws IOException {
        // BEGIN SOLUTION
        int ready; // epoll_wait: nothing is held while the thread waits
        if (timeoutMillis == 0) {
            ready = selector.selectNow();
        } else {
            ready = selector.select(timeoutMillis < 0 ? 0 : timeoutMillis); // select(0): no limit
        }
        wakeupPending.set(false);
        lock.lock();
        try {
            passes++;
            dispatch(ready);
            runTasks();
            timers.runDue();
            for (Runnable hook : beforeSleep) {
                hook.run();
            }
        } finally {
            lock.unlock();
        }
        return ready;
        // END SOLUTION
        // STUB: throw new UnsupportedOperationException("TODO(lab7): stage 1: one pass of the loop: select with the timeout (no lock), then under the lock dispatch each ready key to its Handler, the tasks, the due timers and the beforeSleep hooks");
    }

    /**
     * Runs the handler of each selected key, and empties the selected set. A key cancelled earlier
     * in the pass (its client was closed by another's {@code CLIENT KILL}) is skipped; a handler's
     * {@link IOException} concerns its channel only, which is dropped.
     */
    private void dispatch(int ready) {
        // BEGIN SOLUTION
        if (ready > 0) {
            Iterator<SelectionKey> it = selector.selectedKeys().iterator();
            while (it.hasNext()) {
                SelectionKey key = it.next();
                it.remove();
                if (!key.isValid()) {
                    continue; // closed earlier in this pass
                }
                int ops;
                try {
                    ops = key.readyOps();
                } catch (java.nio.channels.CancelledKeyException closed) {
                    continue;
                }
                try {
                    ((Handler) key.attachment()).ready(ops);
                } catch (IOException failedChannel) {
                    key.cancel(); // the handler's own channel failed; others go on
                }
            }
        }
        // END SOLUTION
        // STUB: throw new UnsupportedOperationException("TODO(lab7): stage 1: dispatch each selected key (skip invalid ones) to its Handler with its readyOps, and clear the selected set");
    }

    private void runTasks() {
        Runnable task;
        while ((task = tasks.poll()) != null) {
            task.run();
        }
    }

    /** Ends the loop after the pass it is in, from any thread. */
    public void stop() {
        stopped = true;
        selector.wakeup();
    }

    /** @return whether {@link #stop()} was called */
    public boolean isStopped() {
        return stopped;
    }

    /**
     * Releases the selector (after {@link #run()} returned), closing every channel still registered
     * with it: the clients are closed by the server before, but a later lab's own channels (lab 8's
     * link to its primary) are closed here, so that the peer sees the server stop at once.
     */
    public void close() {
        for (SelectionKey key : List.copyOf(selector.keys())) {
            try {
                key.channel().close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
        try {
            selector.close();
        } catch (IOException ignored) {
            // nothing to do
        }
    }

    /** @return the selector's keys, for shutdown */
    java.util.Set<SelectionKey> keys() {
        return selector.keys();
    }
}
