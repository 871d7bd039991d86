package dev.redisfromscratch.replication;

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
import org.openjdk.jmh.annotations.Warmup;

/**
 * The backlog's two operations, in ns: {@link #append} of one propagated command of
 * {@code chunk} bytes into a full 1 MB backlog (every append wraps and overwrites: the steady
 * state of a busy primary), and {@link #copyFrom} of the last {@code tail} bytes, what a
 * {@code +CONTINUE} sends to a replica that missed them.
 *
 * <p>An append is a copy of {@code chunk} bytes (two when it wraps), so it costs the command's
 * RESP encoding a second time at most; a partial resync's copy is one pass over the missed bytes,
 * far below the time to send them. There is no peer: Redis's backlog is a list of blocks shared
 * with the replicas' output buffers, not reachable on its own from outside.
 *
 * <p>Pitfalls handled as in the JMH samples: inputs in non-final {@code @State} fields, results
 * returned, the backlog filled at setup.
 *
 * <p>Run: {@code ./lab bench 8 BacklogBenchmark}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class BacklogBenchmark {
    /** A full, wrapped 1 MB backlog. */
    static Backlog filled() {
        Backlog backlog = new Backlog(1024 * 1024, 0);
        byte[] fill = new byte[64 * 1024];
        for (int i = 0; i < 20; i++) { // more than 1 MB: full and wrapped
            backlog.append(fill, 0, fill.length);
        }
        return backlog;
    }

    /** The appends' inputs. */
    @State(Scope.Thread)
    public static class Appends {
        /** Bytes per append: a small {@code SET}'s RESP, a 1 KB value's, a 16 KB value's. */
        @Param({"40", "1024", "16384"})
        public int chunk;

        Backlog backlog;
        byte[] command;

        @Setup(Level.Trial)
        public void setUp() {
            backlog = filled();
            command = new byte[chunk];
            for (int i = 0; i < command.length; i++) {
                command[i] = (byte) ('a' + i % 26);
            }
        }
    }

    /** The copies' inputs. */
    @State(Scope.Thread)
    public static class Copies {
        /** Bytes copied from the backlog's end: a short gap, 64 KB, the whole 1 MB. */
        @Param({"1024", "65536", "1048576"})
        public int tail;

        Backlog backlog;

        @Setup(Level.Trial)
        public void setUp() {
            backlog = filled();
        }
    }

    /** @return the backlog's first byte offset, so the append is not dead code */
    @Benchmark
    public long append(Appends in) {
        in.backlog.append(in.command, 0, in.command.length);
        return in.backlog.firstByteOffset();
    }

    /** @return the copied bytes */
    @Benchmark
    public byte[] copyFrom(Copies in) {
        return in.backlog.copyFrom(in.backlog.endOffset() + 1 - in.tail);
    }
}
