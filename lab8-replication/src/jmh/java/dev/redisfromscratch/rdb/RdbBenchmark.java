package dev.redisfromscratch.rdb;

import dev.redisfromscratch.snapshot.EntrySource;
import dev.redisfromscratch.snapshot.KeyspaceCapture;
import dev.redisfromscratch.snapshot.ValueCodecs;
import dev.redisfromscratch.store.Databases;
import dev.redisfromscratch.testkit.ExternalTool;
import dev.redisfromscratch.testkit.RawClient;
import dev.redisfromscratch.testkit.RealRedis;
import dev.redisfromscratch.testkit.TempDirs;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Arrays;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The RDB codec on N string keys: {@link RdbWriter} encoding a keyspace (what a primary does for a
 * full resync, off the loop) and {@link RdbReader} loading an RDB file into an empty keyspace (what
 * a replica does with the payload), in milliseconds per whole keyspace.
 *
 * <p>The keys are those of Redis's {@code DEBUG POPULATE N key 10}: {@code key:0 .. key:N-1}, each
 * holding the 10 bytes {@code value:<i>} cut or padded with zero bytes, no TTL.
 *
 * <ul>
 *   <li>{@code write}: ours only, from a {@link KeyspaceCapture} (what the primary writes from; taking
 *       it is lab 4's {@code KeyspaceCaptureBenchmark}). The bytes go to a stream that discards them
 *       ({@link OutputStream#nullOutputStream()} behind a 64 KB buffer), so the time is the encoding
 *       and the CRC64, without a disk or a socket. Redis has no like-for-like peer: its
 *       {@code SAVE} also fsyncs and renames the file, and {@code BGSAVE} forks.</li>
 *   <li>{@code load}, {@code target=lab8}: {@link RdbReader#load} of our file of those keys (from
 *       the page cache) into new, empty databases, after a {@code System.gc()} in the untimed
 *       setup. {@code target=redis}: the round trip of {@code DEBUG RELOAD NOSAVE} to a real
 *       {@code redis-server} holding the same keys: it empties the keyspace (already emptied by an
 *       untimed {@code FLUSHALL}) and runs {@code rdbLoad} on its {@code dump.rdb} (also in the
 *       page cache): the same work, plus one loopback round trip (about 50 µs, which matters only at
 *       1,000 keys). The two files differ by their aux fields only.</li>
 * </ul>
 *
 * <p>Pitfalls handled as in the JMH samples: inputs are non-final {@code @State} fields; results
 * are returned; no loop in a benchmark method; untimed work is in a {@code Level.Invocation} setup,
 * which JMH allows for operations this long.
 *
 * <p>Run: {@code ./lab bench 8 RdbBenchmark}, or without Redis:
 * {@code ./lab bench 8 RdbBenchmark -p target=lab8}; a million keys:
 * {@code ./lab bench 8 RdbBenchmark -p keys=1000000}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class RdbBenchmark {
    private static final byte[] OK = "+OK\r\n".getBytes(StandardCharsets.US_ASCII);

    /** @return databases holding what {@code DEBUG POPULATE keys key 10} stores */
    static Databases populate(int keys) {
        Databases dbs = new Databases(Databases.DEFAULT_COUNT, Clock.systemUTC());
        for (int i = 0; i < keys; i++) {
            byte[] value = Arrays.copyOf(("value:" + i).getBytes(StandardCharsets.US_ASCII), 10);
            dbs.db(0).set(("key:" + i).getBytes(StandardCharsets.US_ASCII), value);
        }
        return dbs;
    }

    /** The keyspace to write, filled once per trial. */
    @State(Scope.Benchmark)
    public static class Keyspace {
        /** How many keys. */
        @Param({"1000", "100000"})
        public int keys;

        EntrySource source;

        /** Fills the databases and takes the point-in-time capture a full resync writes from. */
        @Setup(Level.Trial)
        public void fill() {
            source = KeyspaceCapture.of(populate(keys), ValueCodecs.strings(), System.currentTimeMillis());
        }
    }

    /** An RDB file of the keys on one side, written once per trial. */
    @State(Scope.Benchmark)
    public static class RdbFile {
        /** How many keys. */
        @Param({"1000", "100000"})
        public int keys;

        /** Who loads it: {@code lab8} ({@link RdbReader}) or {@code redis} (a real redis-server). */
        @Param({"lab8", "redis"})
        public String target;

        boolean ours;
        Path dir;
        Path file;
        RealRedis redis;
        RawClient client;

        /**
         * lab8: writes the file with {@link RdbWriter}; redis: {@code DEBUG POPULATE}, {@code SAVE}.
         * Then loads it once and checks the key count.
         *
         * @throws IllegalStateException if {@code target} is unknown, or {@code redis} and
         *     {@code redis-server} is not installed
         */
        @Setup(Level.Trial)
        public void write() throws IOException {
            switch (target) {
                case "lab8" -> {
                    ours = true;
                    dir = TempDirs.create("lab8-rdb");
                    file = dir.resolve("dump.rdb");
                    try (OutputStream out = Files.newOutputStream(file)) {
                        RdbWriter.write(EntrySource.of(populate(keys)), out);
                    }
                    Databases check = new Databases(Databases.DEFAULT_COUNT, Clock.systemUTC());
                    try (InputStream in = Files.newInputStream(file)) {
                        if (RdbReader.load(in, check) != keys) {
                            throw new IllegalStateException("the RDB does not load " + keys + " keys");
                        }
                    }
                }
                case "redis" -> {
                    if (ExternalTool.find("redis-server").isEmpty()) {
                        throw new IllegalStateException("redis-server is not installed (Debian: apt-get install "
                                + ExternalTool.debianPackage("redis-server") + "); run with -p target=lab8");
                    }
                    redis = RealRedis.start("--enable-debug-command", "yes");
                    client = RawClient.connect(redis.port());
                    command("DEBUG", "POPULATE", Integer.toString(keys), "key", "10");
                    command("SAVE");
                    command("FLUSHALL");
                    command("DEBUG", "RELOAD", "NOSAVE");
                    client.send(resp("DBSIZE"));
                    String size = client.readLine();
                    if (!size.equals(":" + keys + "\r\n")) {
                        throw new IllegalStateException("DEBUG RELOAD NOSAVE loads " + size.strip() + " keys, not " + keys);
                    }
                }
                default -> throw new IllegalStateException("unknown target " + target + ": use lab8 or redis");
            }
        }

        /** Sends a command and expects {@code +OK}. */
        void command(String... args) throws IOException {
            client.send(resp(args));
            byte[] reply = client.readExactly(OK.length);
            if (!Arrays.equals(reply, OK)) {
                throw new IllegalStateException(String.join(" ", args) + " replied " + new String(reply, StandardCharsets.UTF_8));
            }
        }

        /** Stops Redis and deletes the trial's files. */
        @TearDown(Level.Trial)
        public void close() throws IOException {
            if (client != null) {
                client.close();
            }
            if (redis != null) {
                redis.close();
            }
            if (dir != null) {
                TempDirs.delete(dir);
            }
        }
    }

    static byte[] resp(String... args) {
        StringBuilder sb = new StringBuilder("*").append(args.length).append("\r\n");
        for (String a : args) {
            sb.append('$').append(a.length()).append("\r\n").append(a).append("\r\n");
        }
        return sb.toString().getBytes(StandardCharsets.US_ASCII);
    }

    /** Before each load, untimed: empty databases to load into. */
    @State(Scope.Thread)
    public static class EmptyKeyspace {
        Databases dbs;
        byte[] reload;

        /** lab8: new databases and a full collection; redis: {@code FLUSHALL}. */
        @Setup(Level.Invocation)
        public void empty(RdbFile rdb) throws IOException {
            if (rdb.ours) {
                dbs = null;
                System.gc();
                dbs = new Databases(Databases.DEFAULT_COUNT, Clock.systemUTC());
            } else {
                rdb.command("FLUSHALL");
                reload = resp("DEBUG", "RELOAD", "NOSAVE");
            }
        }
    }

    /**
     * Encodes the whole keyspace as an RDB.
     *
     * @return the bytes written
     */
    @Benchmark
    public long write(Keyspace keyspace) throws IOException {
        return RdbWriter.write(keyspace.source, new BufferedOutputStream(OutputStream.nullOutputStream(), 64 * 1024));
    }

    /**
     * Loads the whole file into an empty keyspace.
     *
     * @return the keys loaded (lab8), or Redis's reply
     */
    @Benchmark
    public Object load(RdbFile rdb, EmptyKeyspace empty) throws IOException {
        if (rdb.ours) {
            try (InputStream in = Files.newInputStream(rdb.file)) {
                return RdbReader.load(in, empty.dbs);
            }
        }
        rdb.client.send(empty.reload);
        return rdb.client.readExactly(OK.length);
    }
}
