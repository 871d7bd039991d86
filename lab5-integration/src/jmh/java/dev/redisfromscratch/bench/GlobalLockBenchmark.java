package dev.redisfromscratch.bench;

import dev.redisfromscratch.client.Client;
import dev.redisfromscratch.command.CommandPipeline;
import dev.redisfromscratch.command.CommandSpec;
import dev.redisfromscratch.command.CommandTable;
import dev.redisfromscratch.protocol.InlineFramer;
import dev.redisfromscratch.server.DataStoreServer;
import dev.redisfromscratch.store.Databases;
import dev.redisfromscratch.threaded.GlobalLock;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What the global lock costs: {@code GET} run through {@link CommandPipeline#call} under lab 5's
 * {@link GlobalLock} by 1, 2 and 4 threads at once, against the same call with no lock on one
 * thread. No sockets: only the command and the lock are measured.
 *
 * <ul>
 *   <li>{@code getNoLock}: the floor, one thread, nothing to hand over.
 *   <li>{@code getLocked1}: one thread taking an uncontended lock around each call: the price of
 *       the lock itself (a compare-and-set to take it, one to release it).
 *   <li>{@code getLocked2}, {@code getLocked4}: threads contending. The score is the total over
 *       all threads. The commands are serial by design, so more threads cannot raise the total;
 *       what they add is hand-offs, a parked thread woken with a {@code futex} call. Because the
 *       lock is unfair, a thread that releases it usually takes it again at once, so hand-offs
 *       are rarer than calls and the total stays near one thread's: the cost shows in the
 *       server, where every request arrives on a different thread (the handout's Part 2 counts
 *       the {@code futex} calls), more than in this loop.
 * </ul>
 * {@link #keys}: the keyspace's size, so the call touches a table of realistic size.
 *
 * <p>Pitfalls handled as in the JMH samples: each thread has its own client and its own
 * arguments ({@code @State(Scope.Thread)}), the keyspace and lock are shared
 * ({@code @State(Scope.Benchmark)}); each reply's size is returned; the reply buffer is reset
 * after each call so it does not grow.
 *
 * <p>Run: {@code ./lab bench 5 GlobalLockBenchmark}.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class GlobalLockBenchmark {
    /** The shared keyspace, pipeline and lock. */
    @State(Scope.Benchmark)
    public static class Shared {
        /** Keys in database 0, each {@code key:N} holding a 16-byte value. */
        @Param({"1000"})
        public int keys;

        CommandPipeline pipeline;
        CommandSpec get;
        GlobalLock lock;

        /** Fills the keyspace. */
        @Setup(Level.Trial)
        public void setUp() {
            Databases dbs = new Databases(16, Clock.systemUTC());
            CommandTable table = DataStoreServer.commands(dbs);
            pipeline = DataStoreServer.pipeline(table, dbs);
            get = table.lookup(List.of(bytes("GET"), bytes("k")));
            lock = new GlobalLock();
            for (int i = 0; i < keys; i++) {
                dbs.db(0).set(bytes("key:" + i), bytes("vvvvvvvvvvvvvvvv"));
            }
        }
    }

    /** One client per thread, with its own GET arguments. */
    @State(Scope.Thread)
    public static class PerThread {
        Client client;
        List<byte[]>[] requests;
        int next;

        /** Builds one GET per key. */
        @Setup(Level.Trial)
        @SuppressWarnings("unchecked")
        public void setUp(Shared shared) {
            client = new Client("bench", new InlineFramer());
            requests = new List[shared.keys];
            for (int i = 0; i < shared.keys; i++) {
                requests[i] = List.of(bytes("GET"), bytes("key:" + i));
            }
        }

        List<byte[]> nextRequest() {
            List<byte[]> r = requests[next];
            next = next + 1 == requests.length ? 0 : next + 1;
            return r;
        }
    }

    /** @return the reply's size in bytes; no lock */
    @Benchmark
    @Threads(1)
    public int getNoLock(Shared shared, PerThread t) {
        return call(shared, t);
    }

    /** @return the reply's size; one thread, the lock around each call */
    @Benchmark
    @Threads(1)
    public int getLocked1(Shared shared, PerThread t) {
        return locked(shared, t);
    }

    /** @return the reply's size; two threads contending for the lock */
    @Benchmark
    @Threads(2)
    public int getLocked2(Shared shared, PerThread t) {
        return locked(shared, t);
    }

    /** @return the reply's size; four threads contending for the lock */
    @Benchmark
    @Threads(4)
    public int getLocked4(Shared shared, PerThread t) {
        return locked(shared, t);
    }

    private static int locked(Shared shared, PerThread t) {
        shared.lock.lock();
        try {
            return call(shared, t);
        } finally {
            shared.lock.unlock();
        }
    }

    private static int call(Shared shared, PerThread t) {
        shared.pipeline.call(t.client, shared.get, t.nextRequest());
        int size = t.client.reply().size();
        t.client.reply().reset();
        return size;
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
