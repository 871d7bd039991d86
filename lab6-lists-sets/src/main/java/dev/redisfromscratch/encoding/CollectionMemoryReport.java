package dev.redisfromscratch.encoding;

import dev.redisfromscratch.store.DataStore;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import org.openjdk.jol.info.GraphLayout;

/**
 * Where the bytes of lists and sets go, measured with JOL, as lab 2's {@code store.MemoryReport}
 * measures strings: the deep size of a filled {@link DataStore}, split three ways.
 *
 * <pre>
 *   total          deep size of the filled store − deep size of an empty one
 *   = keyspace     what the keyspace spends per key: its Dict node, Key, the key's byte[], the
 *                  bucket slot (total − the values' deep size)
 *   + value        the value objects themselves: ListValue / SetValue, quicklist nodes, hash-table
 *                  nodes and buckets, boxed or wrapper objects (the values' deep size − packed)
 *   + packed       the primitive arrays inside the values: a listpack's byte[], an intset's
 *                  byte[] (its slots and width byte), a hash-table member's byte[]
 * </pre>
 *
 * and the raw payload (key bytes plus element bytes) for scale. Every number is bytes; the
 * {@code perKey} methods divide by the number of keys.
 *
 * <p>Redis reports the same things as {@code INFO memory}'s {@code used_memory} (its growth while
 * the data is loaded) and {@code MEMORY USAGE key SAMPLES 0} ({@code object.c},
 * {@code objectComputeSize}: the robj, the encoding's allocations and the key's dictEntry and sds);
 * {@link Comparison} puts them side by side. The measurement that fills both and runs Redis is
 * {@code bench.MemoryVsRedis} ({@code ./lab bench 6 --memory}).
 */
public final class CollectionMemoryReport {
    private CollectionMemoryReport() {
    }

    /**
     * One dataset as it lies in our keyspace.
     *
     * @param dataset its name, e.g. {@code 100k × 5-element list}
     * @param keys how many keys
     * @param totalBytes the store's growth: filled minus empty, bytes
     * @param keyspaceBytes of which the keyspace's per-key structures, bytes
     * @param valueObjectBytes of which the value objects (not their primitive arrays), bytes
     * @param packedBytes of which the primitive arrays inside the values, bytes
     * @param payloadBytes the keys' and elements' own bytes, for scale
     * @param encoding {@code OBJECT ENCODING} of the values (the first key's)
     */
    public record Breakdown(String dataset, long keys, long totalBytes, long keyspaceBytes, long valueObjectBytes,
                            long packedBytes, long payloadBytes, String encoding) {
        /** @return whether the three parts add up to the total */
        public boolean consistent() {
            return keyspaceBytes + valueObjectBytes + packedBytes == totalBytes;
        }

        /** @return total bytes per key */
        public double perKey() {
            return (double) totalBytes / keys;
        }

        /** @return keyspace bytes per key */
        public double keyspacePerKey() {
            return (double) keyspaceBytes / keys;
        }

        /** @return value object bytes per key */
        public double valueObjectPerKey() {
            return (double) valueObjectBytes / keys;
        }

        /** @return packed bytes per key */
        public double packedPerKey() {
            return (double) packedBytes / keys;
        }
    }

    /**
     * Measures a filled store.
     *
     * @param dataset the name to report
     * @param filled a store holding only the dataset's keys
     * @param values the values of those keys (the same objects the store holds)
     * @param payloadBytes the keys' and elements' own bytes
     * @param encoding the values' {@code OBJECT ENCODING}
     * @return the breakdown
     */
    public static Breakdown measure(String dataset, DataStore filled, List<?> values, long payloadBytes, String encoding) {
        long empty = GraphLayout.parseInstance(new DataStore(Clock.systemUTC())).totalSize();
        long total = GraphLayout.parseInstance(filled).totalSize() - empty;
        GraphLayout valueLayout = GraphLayout.parseInstance(values.toArray());
        long valueDeep = valueLayout.totalSize();
        long packed = 0;
        for (Class<?> c : valueLayout.getClasses()) {
            if (c.isArray() && c.getComponentType().isPrimitive()) {
                packed += valueLayout.getClassSizes().count(c);
            }
        }
        return new Breakdown(dataset, values.size(), total, total - valueDeep, valueDeep - packed, packed,
                payloadBytes, encoding);
    }

    /**
     * Our bytes next to Redis's for one dataset.
     *
     * @param ours our breakdown
     * @param redisUsedMemoryGrowth how much {@code used_memory} grew while Redis loaded the dataset, bytes
     * @param redisMemoryUsagePerKey the mean of {@code MEMORY USAGE key SAMPLES 0} over sampled keys, bytes
     * @param redisEncoding Redis's {@code OBJECT ENCODING} of the values
     * @param target the most {@link #ratio()} may be, or 0 for a dataset without a target
     */
    public record Comparison(Breakdown ours, long redisUsedMemoryGrowth, double redisMemoryUsagePerKey,
                             String redisEncoding, double target) {
        /** @return Redis's {@code used_memory} growth per key, bytes */
        public double redisPerKey() {
            return (double) redisUsedMemoryGrowth / ours.keys();
        }

        /** @return our bytes per key over Redis's {@code used_memory} growth per key */
        public double ratio() {
            return ours.perKey() / redisPerKey();
        }

        /** @return "met", "not met", or "no target" */
        public String verdict() {
            if (target <= 0) {
                return "no target";
            }
            return ratio() <= target ? "met" : "not met";
        }
    }

    /** @return the markdown table's header and rule */
    public static String markdownHeader() {
        return "| dataset | ours: encoding | ours: bytes/key | keyspace | value objects | packed | Redis: encoding"
                + " | Redis: used_memory/key | Redis: MEMORY USAGE/key | ours / Redis | target |\n"
                + "|---|---|---:|---:|---:|---:|---|---:|---:|---:|---|\n";
    }

    /** @return one markdown row for {@code c}: bytes per key with one decimal, the ratio with two */
    public static String markdownRow(Comparison c) {
        Breakdown b = c.ours();
        String target = c.target() <= 0 ? "none" : String.format(Locale.ROOT, "≤ %.1f×: %s", c.target(), c.verdict());
        return String.format(Locale.ROOT, "| %s | %s | %,.1f | %,.1f | %,.1f | %,.1f | %s | %,.1f | %,.1f | %.2f× | %s |%n",
                b.dataset(), b.encoding(), b.perKey(), b.keyspacePerKey(), b.valueObjectPerKey(), b.packedPerKey(),
                c.redisEncoding(), c.redisPerKey(), c.redisMemoryUsagePerKey(), c.ratio(), target);
    }

    /** @return the whole table */
    public static String markdownTable(List<Comparison> rows) {
        StringBuilder table = new StringBuilder(markdownHeader());
        rows.forEach(r -> table.append(markdownRow(r)));
        return table.toString();
    }

    /** @return JOL's per-class footprint of {@code values}: which classes the value bytes are in */
    public static String footprint(List<?> values) {
        String text = GraphLayout.parseInstance(values.toArray()).toFootprint();
        return text.substring(text.indexOf('\n') + 1); // JOL's first line names every root
    }
}
