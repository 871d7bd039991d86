package dev.redisfromscratch.bench;

import dev.redisfromscratch.encoding.CollectionMemoryReport;
import dev.redisfromscratch.encoding.CollectionMemoryReport.Breakdown;
import dev.redisfromscratch.encoding.CollectionMemoryReport.Comparison;
import dev.redisfromscratch.encoding.EncodingLimits;
import dev.redisfromscratch.lists.ListValue;
import dev.redisfromscratch.resp.BulkString;
import dev.redisfromscratch.resp.RespInteger;
import dev.redisfromscratch.resp.RespValue;
import dev.redisfromscratch.resp.client.RespClient;
import dev.redisfromscratch.sets.SetValue;
import dev.redisfromscratch.store.DataStore;
import dev.redisfromscratch.store.TypedValue;
import dev.redisfromscratch.testkit.RealRedis;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import org.openjdk.jol.vm.VM;

/**
 * Lab 6's memory against Redis's, in one run ({@code ./lab bench 6 --memory}): each dataset is
 * built in our keyspace (the same {@link ListValue#pushTail} and {@link SetValue#add} calls, with
 * Redis's default thresholds, that {@code RPUSH} and {@code SADD} make) and measured with JOL
 * ({@link CollectionMemoryReport}), then loaded into a real {@code redis-server} started for the run
 * by pipelined {@code RPUSH}/{@code SADD}, where the growth of {@code used_memory} and
 * {@code MEMORY USAGE key SAMPLES 0} of sampled keys are read. A first load and a {@code FLUSHALL}
 * come before each measured Redis load, so that buffers Redis grows once are not counted, as in
 * lab 2's measurement.
 *
 * <pre>
 *   java -Djdk.attach.allowAttachSelf=true -Djol.magicFieldOffset=true -cp ... \
 *        dev.redisfromscratch.bench.MemoryVsRedis [--quick] [--out FILE]
 * </pre>
 * {@code --quick} divides every size by 100 (a smoke run); {@code --out} also writes the table
 * (markdown) to FILE. Needs {@code redis-server} and about 3 GB of heap for the 1M-member set.
 */
public final class MemoryVsRedis {
    /** The target for the small-collection datasets: at most 1.5× Redis's bytes. */
    public static final double SMALL_TARGET = 1.5;
    private static final int SAMPLES = 100;

    private MemoryVsRedis() {
    }

    /**
     * One dataset: {@code keys} keys named {@code <prefix><n>}, each with {@code perKey} elements.
     *
     * @param element the {@code j}th element of key {@code n}
     */
    record Dataset(String name, String prefix, int keys, int perKey, boolean set, Element element, double target) {
    }

    /** The {@code j}th element of key {@code n}. */
    interface Element {
        byte[] of(int n, int j);
    }

    static List<Dataset> datasets(int divide) {
        int k = 100_000 / divide;
        int m = 1_000_000 / divide;
        return List.of(
                new Dataset(String.format(Locale.ROOT, "%,d keys × 5-element list of short strings", k), "list:", k, 5, false,
                        (n, j) -> ascii("item-" + j), SMALL_TARGET),
                new Dataset(String.format(Locale.ROOT, "%,d keys × 5-member set of small integers", k), "iset:", k, 5, true,
                        (n, j) -> ascii(Integer.toString(n % 100 + j * 100)), SMALL_TARGET),
                new Dataset(String.format(Locale.ROOT, "%,d keys × 5-member set of short strings", k), "sset:", k, 5, true,
                        (n, j) -> ascii("member-" + j), SMALL_TARGET),
                new Dataset(String.format(Locale.ROOT, "one list of %,d elements", m), "biglist", 1, m, false,
                        (n, j) -> ascii("element:" + j), 0),
                new Dataset(String.format(Locale.ROOT, "one set of %,d members", m), "bigset", 1, m, true,
                        (n, j) -> ascii("member:" + j), 0));
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] key(Dataset d, int n) {
        return ascii(d.keys() == 1 ? d.prefix() : d.prefix() + n);
    }

    /** Builds {@code d} in a new store, as the commands would, and measures it. */
    static Breakdown ours(Dataset d) {
        EncodingLimits limits = EncodingLimits.defaults();
        DataStore store = new DataStore(Clock.systemUTC());
        List<Object> values = new ArrayList<>(d.keys());
        long payload = 0;
        for (int n = 1; n <= d.keys(); n++) {
            byte[] key = key(d, n);
            payload += key.length;
            TypedValue value = value(d, n, limits);
            for (int j = 1; j <= d.perKey(); j++) {
                payload += d.element().of(n, j).length;
            }
            store.put(key, value);
            values.add(value);
        }
        return CollectionMemoryReport.measure(d.name(), store, values, payload, ((TypedValue) values.get(0)).encoding());
    }

    /** @return key {@code n}'s value, built as {@code RPUSH} / {@code SADD} of its elements would */
    private static TypedValue value(Dataset d, int n, EncodingLimits limits) {
        if (d.set()) {
            SetValue set = new SetValue();
            for (int j = 1; j <= d.perKey(); j++) {
                set.add(d.element().of(n, j), limits);
            }
            return set;
        }
        ListValue list = new ListValue();
        for (int j = 1; j <= d.perKey(); j++) {
            list.pushTail(d.element().of(n, j), limits);
        }
        return list;
    }

    /** Loads {@code d} into Redis and reads {@code used_memory}'s growth and sampled {@code MEMORY USAGE}. */
    static Comparison redis(Dataset d, Breakdown ours, RealRedis redis) throws IOException {
        try (RespClient c = new RespClient("127.0.0.1", redis.port())) {
            load(d, redis.port()); // once, so that what a load grows once is there before the measured one
            c.call("FLUSHALL");
            long before = usedMemory(c);
            load(d, redis.port());
            long after = usedMemory(c);
            long usage = 0;
            int samples = Math.min(SAMPLES, d.keys());
            for (int i = 0; i < samples; i++) {
                int n = 1 + (int) ((long) i * d.keys() / samples);
                usage += ((RespInteger) c.call("MEMORY", "USAGE", new String(key(d, n), StandardCharsets.US_ASCII),
                        "SAMPLES", "0")).value();
            }
            String encoding = text(c.call("OBJECT", "ENCODING", new String(key(d, 1), StandardCharsets.US_ASCII)));
            c.call("FLUSHALL");
            return new Comparison(ours, after - before, (double) usage / samples, encoding, d.target());
        }
    }

    private static String text(RespValue v) {
        return v instanceof BulkString b ? new String(b.bytes(), StandardCharsets.US_ASCII) : v.toString();
    }

    private static long usedMemory(RespClient c) throws IOException {
        for (String line : text(c.call("INFO", "memory")).split("\r\n")) {
            if (line.startsWith("used_memory:")) {
                return Long.parseLong(line.substring("used_memory:".length()));
            }
        }
        throw new IOException("INFO memory has no used_memory");
    }

    /** Sends the dataset as pipelined commands, at most 1,000 elements each, and waits for every reply. */
    private static void load(Dataset d, int port) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            AtomicLong replies = new AtomicLong();
            long[] sent = {0};
            Thread reader = new Thread(() -> {
                try {
                    InputStream in = socket.getInputStream();
                    byte[] buf = new byte[64 * 1024];
                    int r;
                    while ((r = in.read(buf)) > 0) {
                        for (int i = 0; i < r; i++) {
                            if (buf[i] == '\n') {
                                replies.incrementAndGet(); // each reply is one line: :n, or -ERR ...
                            }
                        }
                    }
                } catch (IOException ignored) {
                    // the socket closed
                }
            });
            reader.start();
            OutputStream out = new BufferedOutputStream(socket.getOutputStream(), 1 << 16);
            String command = d.set() ? "SADD" : "RPUSH";
            for (int n = 1; n <= d.keys(); n++) {
                for (int from = 1; from <= d.perKey(); from += 1000) {
                    int to = Math.min(d.perKey(), from + 999);
                    List<byte[]> argv = new ArrayList<>();
                    argv.add(ascii(command));
                    argv.add(key(d, n));
                    for (int j = from; j <= to; j++) {
                        argv.add(d.element().of(n, j));
                    }
                    out.write(resp(argv));
                    sent[0]++;
                }
            }
            out.flush();
            long deadline = System.nanoTime() + 300_000_000_000L;
            while (replies.get() < sent[0] && System.nanoTime() < deadline) {
                Thread.onSpinWait();
            }
            if (replies.get() < sent[0]) {
                throw new IOException("Redis answered " + replies.get() + " of " + sent[0] + " commands");
            }
        }
    }

    private static byte[] resp(List<byte[]> argv) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.writeBytes(ascii("*" + argv.size() + "\r\n"));
        for (byte[] a : argv) {
            b.writeBytes(ascii("$" + a.length + "\r\n"));
            b.writeBytes(a);
            b.writeBytes(ascii("\r\n"));
        }
        return b.toByteArray();
    }

    /** Runs every dataset and prints the table (and writes it with {@code --out FILE}). */
    public static void main(String[] args) throws IOException {
        int divide = 1;
        Path out = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--quick" -> divide = 100;
                case "--out" -> out = Path.of(args[++i]);
                default -> throw new IllegalArgumentException("usage: MemoryVsRedis [--quick] [--out FILE]");
            }
        }
        System.out.printf(Locale.ROOT, "JVM: %s %s; reference size %d bytes, object alignment %d bytes%n",
                System.getProperty("java.vm.name"), System.getProperty("java.vm.version"),
                VM.current().sizeOfField("oop"), VM.current().objectAlignment());
        List<Comparison> rows = new ArrayList<>();
        StringBuilder footprints = new StringBuilder();
        try (RealRedis redis = RealRedis.start()) {
            try (RespClient c = new RespClient("127.0.0.1", redis.port())) {
                System.out.println("Redis: " + text(c.call("INFO", "server")).lines()
                        .filter(l -> l.startsWith("redis_version:") || l.startsWith("mem_allocator:"))
                        .map(String::strip).reduce((a, b) -> a + ", " + b).orElse("?"));
            }
            for (Dataset d : datasets(divide)) {
                System.out.println("measuring: " + d.name() + " ...");
                Breakdown ours = ours(d);
                if (!ours.consistent()) {
                    throw new IllegalStateException("the parts do not add up: " + ours);
                }
                rows.add(redis(d, ours, redis));
            }
            for (Dataset d : datasets(divide * 100)) { // the footprints: small copies of each dataset
                footprints.append("\n").append(d.name()).append(" (JOL footprint of the values):\n");
                footprints.append(footprintOf(d));
            }
        }
        String table = CollectionMemoryReport.markdownTable(rows);
        System.out.println();
        System.out.print(table);
        System.out.print(footprints);
        if (out != null) {
            Files.writeString(out, table + footprints);
        }
    }

    /** JOL's footprint of the values of {@code d}, built as {@link #ours} builds them. */
    private static String footprintOf(Dataset d) {
        EncodingLimits limits = EncodingLimits.defaults();
        List<Object> values = new ArrayList<>();
        for (int n = 1; n <= d.keys(); n++) {
            values.add(value(d, n, limits));
        }
        return CollectionMemoryReport.footprint(values);
    }
}
