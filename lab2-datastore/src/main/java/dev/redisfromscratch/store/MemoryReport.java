package dev.redisfromscratch.store;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Arrays;
import java.util.Locale;
import org.openjdk.jol.info.GraphLayout;
import org.openjdk.jol.vm.VM;

/**
 * How much memory the store uses per key, measured with JOL: the deep size of the whole object
 * graph reachable from a {@link DataStore} (every {@link Dict} node, {@link Key}, {@code byte[]},
 * expires entry and bucket array), as the JVM lays it out.
 *
 * <p>Keys are {@code key:1}, {@code key:2}, ... (zero-padded when a longer key is asked for) and each
 * holds its own array of {@code valueBytes} bytes, as values arriving from clients would. For N keys
 * it reports:
 * <ul>
 *   <li>total bytes: deep size of the filled store;
 *   <li>bytes per key: (total − deep size of an empty store) / N;
 *   <li>overhead per key: bytes per key − the raw key and value bytes, i.e. what the data structure
 *       costs beyond the payload.
 * </ul>
 *
 * <p>Run it ({@code -Djdk.attach.allowAttachSelf=true} lets JOL attach its agent without a warning;
 * the default run, up to 1,000,000 keys, takes about two minutes on two cores, as JOL walks some
 * four million objects per store, and needs about 2 GB of heap):
 * <pre>
 *   java -Djdk.attach.allowAttachSelf=true -Djol.magicFieldOffset=true \
 *        -cp lab2-datastore/target/lab2-datastore.jar:lab2-datastore/target/lib/* \
 *        dev.redisfromscratch.store.MemoryReport [keys ...]        (default: 1000 1000000)
 * </pre>
 *
 * <p>Redis reports the same kind of number with {@code MEMORY USAGE key} ({@code object.c},
 * {@code memoryCommand} → {@code objectComputeSize}) and {@code INFO memory}'s {@code used_memory}.
 */
public final class MemoryReport {
    /** The value size of the seed's milestone and of the Redis comparison ({@code MEMORY USAGE key:1} with 10 bytes). */
    public static final int DEFAULT_VALUE_BYTES = 10;

    private MemoryReport() {
    }

    /**
     * One measurement.
     *
     * @param keys how many keys the store held
     * @param withTtl whether every key had a TTL (an entry in the expires index)
     * @param totalBytes deep size of the filled store, in bytes
     * @param emptyBytes deep size of an empty store, in bytes
     * @param payloadBytes the sum of all keys' and values' lengths, in bytes
     */
    public record Usage(int keys, boolean withTtl, long totalBytes, long emptyBytes, long payloadBytes) {
        /** @return bytes the store grew by, per key */
        public double bytesPerKey() {
            return (double) (totalBytes - emptyBytes) / keys;
        }

        /** @return raw key + value bytes per key */
        public double payloadPerKey() {
            return (double) payloadBytes / keys;
        }

        /** @return bytes per key beyond the raw key and value bytes */
        public double overheadPerKey() {
            return bytesPerKey() - payloadPerKey();
        }
    }

    /**
     * Fills a new store and measures it.
     *
     * @param keys number of keys (&gt; 0)
     * @param keyBytes minimum key length in bytes ({@code key:} and a zero-padded number); 0 for
     *     plain {@code key:<n>}
     * @param valueBytes length of each value in bytes
     * @param withTtl whether every key gets a TTL (one hour)
     */
    public static Usage measure(int keys, int keyBytes, int valueBytes, boolean withTtl) {
        long empty = deepSize(new DataStore(Clock.systemUTC()));
        DataStore store = filledStore(keys, keyBytes, valueBytes, withTtl);
        long payload = 0;
        for (int i = 1; i <= keys; i++) {
            payload += key(i, keyBytes).length + valueBytes;
        }
        return new Usage(keys, withTtl, deepSize(store), empty, payload);
    }

    /**
     * @return a store on the system clock holding keys {@code key:1 .. key:<keys>}, each with its
     *     own value array of {@code valueBytes} bytes, with a one-hour TTL if {@code withTtl}
     */
    public static DataStore filledStore(int keys, int keyBytes, int valueBytes, boolean withTtl) {
        DataStore store = new DataStore(Clock.systemUTC());
        long expireAt = store.clock().millis() + 3_600_000;
        for (int i = 1; i <= keys; i++) {
            byte[] value = new byte[valueBytes];
            Arrays.fill(value, (byte) 'v');
            if (withTtl) {
                store.setExpireAt(key(i, keyBytes), value, expireAt);
            } else {
                store.set(key(i, keyBytes), value);
            }
        }
        return store;
    }

    /** @return {@code key:<n>}, with the number zero-padded so the key is at least {@code minBytes} long */
    public static byte[] key(int n, int minBytes) {
        String digits = Integer.toString(n);
        int pad = Math.max(0, minBytes - 4 - digits.length());
        return ("key:" + "0".repeat(pad) + digits).getBytes(StandardCharsets.US_ASCII);
    }

    /** @return the deep size, in bytes, of everything reachable from {@code root} (JOL) */
    public static long deepSize(Object root) {
        return GraphLayout.parseInstance(root).totalSize();
    }

    /** @return JOL's per-class footprint table of everything reachable from {@code root} */
    public static String footprint(Object root) {
        return GraphLayout.parseInstance(root).toFootprint();
    }

    /**
     * Prints the table for each key count given (default 1,000 and 1,000,000), with 10-byte values,
     * without and with TTLs, then JOL's per-class footprint of a 1,000-key store.
     */
    public static void main(String[] args) {
        int[] counts = args.length == 0 ? new int[] {1_000, 1_000_000}
                : Arrays.stream(args).mapToInt(Integer::parseInt).toArray();
        System.out.printf(Locale.ROOT, "JVM: %s %s; reference size %d bytes, object alignment %d bytes%n",
                System.getProperty("java.vm.name"), System.getProperty("java.vm.version"),
                VM.current().sizeOfField("oop"), VM.current().objectAlignment());
        System.out.printf(Locale.ROOT, "values: %d bytes each; keys: key:1, key:2, ...%n%n", DEFAULT_VALUE_BYTES);
        System.out.printf(Locale.ROOT, "%12s  %-4s %14s %10s %18s %13s%n",
                "keys", "TTL", "total bytes", "bytes/key", "key+value bytes/key", "overhead/key");
        for (int n : counts) {
            for (boolean ttl : new boolean[] {false, true}) {
                Usage m = measure(n, 0, DEFAULT_VALUE_BYTES, ttl);
                System.out.printf(Locale.ROOT, "%,12d  %-4s %,14d %10.1f %18.1f %13.1f%n",
                        m.keys(), ttl ? "yes" : "no", m.totalBytes(), m.bytesPerKey(), m.payloadPerKey(),
                        m.overheadPerKey());
            }
        }
        System.out.println();
        System.out.println("Where the bytes go, 1,000 keys with a TTL (JOL footprint):");
        System.out.println(footprint(filledStore(1_000, 0, DEFAULT_VALUE_BYTES, true)));
    }
}
