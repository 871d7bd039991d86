package dev.redisfromscratch.bench;

import dev.redisfromscratch.aof.AppendOnlyFile;
import dev.redisfromscratch.aof.FsyncPolicy;
import dev.redisfromscratch.protocol.ReplyWriter;
import dev.redisfromscratch.store.MemoryReport;
import dev.redisfromscratch.testkit.TempDirs;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Append-only file throughput: commands appended per second under each {@code appendfsync}
 * policy, without the network, the parser or the keyspace, so that what is left is the file's
 * cost.
 *
 * <ul>
 *   <li>{@code setThenFlush}: one {@code SET key:N vvvvvvvvvv} propagated to the
 *       {@link AppendOnlyFile} (into its buffer), then {@link AppendOnlyFile#flush()}: one
 *       {@code write(2)} and, under {@code always}, one {@code fdatasync(2)}. This is what the
 *       server does for a client that sends one command and waits for its reply.
 *   <li>{@code sixteenSetsThenFlush}: sixteen {@code SET}s, then one flush: a pipelined batch of 16
 *       read at once, whose replies all wait for the same write and fsync (group commit). The
 *       score is per command ({@code @OperationsPerInvocation(16)}), comparable with the line
 *       above. The loop over the batch is the work being measured, not a way to repeat it: each
 *       call appends to the buffer, which nothing can fold away.
 * </ul>
 * {@link #policy}: {@code always} (fdatasync in every flush), {@code everysec} (the
 * {@code aof-fsync} thread fsyncs once a second, concurrently), {@code no} (never).
 *
 * <p>The peers are the floor the file cannot beat on this disk: {@code bareWrite} is one
 * {@code write(2)} of one such {@code SET} (45 bytes) through a {@link FileChannel} opened for appending, and
 * {@code bareWriteAndFdatasync} adds {@code force(false)}, which is {@code fdatasync(2)} on Linux.
 * Redis's own {@code SET} under each policy, over the network as a client sees it, is measured by
 * {@code ./lab bench 4 --vs-redis} ({@code bench/vs-redis.sh}).
 *
 * <p>Each measurement iteration starts a new, empty file (the previous one is fsynced, closed and
 * deleted, untimed), so a run under {@code no} does not grow one file by gigabytes.
 *
 * <p>Pitfalls handled as in the JMH samples: the 65,536 commands are built once, in non-final
 * {@code @State} fields, and taken in turn; the file is returned; no loop repeats the measured
 * operation.
 *
 * <p>Run: {@code ./lab bench 4 AofAppendBenchmark}.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class AofAppendBenchmark {
    /** Commands per batch in {@code sixteenSetsThenFlush}. */
    public static final int BATCH = 16;
    private static final int COMMANDS = 1 << 16;
    private static final byte[] SET = RedisPeer.ascii("SET");

    /** An append-only file under one policy, and the commands to append to it. */
    @State(Scope.Thread)
    public static class Aof {
        /** The {@code appendfsync} policy: {@code always}, {@code everysec} or {@code no}. */
        @Param({"always", "everysec", "no"})
        public String policy;

        Path dir;
        AppendOnlyFile file;
        List<byte[]>[] commands;
        int next;

        /** Builds {@code SET key:1 vvvvvvvvvv} .. {@code SET key:65536 vvvvvvvvvv}. */
        @Setup(Level.Trial)
        @SuppressWarnings("unchecked")
        public void build() throws IOException {
            dir = TempDirs.create("lab4-aof");
            byte[] value = MemoryReport.filledStore(1, 0, MemoryReport.DEFAULT_VALUE_BYTES, false).get(MemoryReport.key(1, 0));
            commands = new List[COMMANDS];
            for (int i = 0; i < COMMANDS; i++) {
                commands[i] = List.of(SET, MemoryReport.key(i + 1, 0), value);
            }
        }

        /** Opens a new, empty {@code appendonly.aof} under the policy. */
        @Setup(Level.Iteration)
        public void open() throws IOException {
            file = new AppendOnlyFile(dir, "appendonly.aof", FsyncPolicy.parse(policy), ProcessHandle.current().pid(),
                    line -> System.err.println("aof: " + line));
        }

        List<byte[]> nextCommand() {
            next = (next + 1) & (COMMANDS - 1);
            return commands[next];
        }

        /** Closes the file (which fsyncs it, whatever the policy) and deletes it. */
        @TearDown(Level.Iteration)
        public void close() throws IOException {
            file.close();
            Files.delete(file.path());
        }

        /** Deletes the trial's directory. */
        @TearDown(Level.Trial)
        public void delete() throws IOException {
            TempDirs.delete(dir);
        }
    }

    /** The floor: a plain file and the bytes of one {@code SET} as the AOF holds them. */
    @State(Scope.Thread)
    public static class Bare {
        Path dir;
        FileChannel channel;
        ByteBuffer command;

        /** Opens a new file for appending; encodes one {@code SET} as a multibulk. */
        @Setup(Level.Iteration)
        public void open() throws IOException {
            dir = TempDirs.create("lab4-bare");
            channel = FileChannel.open(dir.resolve("bare.aof"), StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.APPEND);
            ReplyWriter w = new ReplyWriter();
            AppendOnlyFile.appendCommand(w, List.of(SET, MemoryReport.key(12345, 0), RedisPeer.ascii("vvvvvvvvvv")));
            command = ByteBuffer.wrap(w.toByteArray());
        }

        /** Closes and deletes the file. */
        @TearDown(Level.Iteration)
        public void close() throws IOException {
            channel.close();
            TempDirs.delete(dir);
        }
    }

    /** One SET into the buffer, then flush: write, and fsync as the policy says. */
    @Benchmark
    public AppendOnlyFile setThenFlush(Aof aof) {
        aof.file.propagate(0, aof.nextCommand());
        aof.file.flush();
        return aof.file;
    }

    /** Sixteen SETs into the buffer, then one flush (group commit); scored per SET. */
    @Benchmark
    @OperationsPerInvocation(BATCH)
    public AppendOnlyFile sixteenSetsThenFlush(Aof aof) {
        for (int i = 0; i < BATCH; i++) {
            aof.file.propagate(0, aof.nextCommand());
        }
        aof.file.flush();
        return aof.file;
    }

    /** The floor under {@code no}: one write(2) of one SET's bytes. */
    @Benchmark
    public int bareWrite(Bare bare) throws IOException {
        return bare.channel.write(bare.command.clear());
    }

    /** The floor under {@code always}: one write(2) of one SET's bytes, then fdatasync(2). */
    @Benchmark
    public FileChannel bareWriteAndFdatasync(Bare bare) throws IOException {
        bare.channel.write(bare.command.clear());
        bare.channel.force(false);
        return bare.channel;
    }
}
