package dev.redisfromscratch.rdb;

import dev.redisfromscratch.encoding.Listpack;
import dev.redisfromscratch.lists.ListValue;
import dev.redisfromscratch.protocol.Numbers;
import dev.redisfromscratch.sets.IntSet;
import dev.redisfromscratch.sets.SetValue;
import dev.redisfromscratch.snapshot.EntrySource;
import dev.redisfromscratch.store.ExpiresIndex;
import dev.redisfromscratch.store.Key;
import dev.redisfromscratch.store.ValueType;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Writes a keyspace as an RDB file of version 10, the format Redis 7.0 reads: what a primary sends
 * after {@code +FULLRESYNC}, and a file {@code redis-server --dbfilename} starts on.
 *
 * <pre>
 *   REDIS0010
 *   FA redis-ver 7.0.15 | FA redis-bits 64 | FA ctime &lt;s&gt; | FA used-mem &lt;bytes&gt;
 *   [FA repl-stream-db &lt;db&gt; | FA repl-id &lt;40 hex&gt; | FA repl-offset &lt;bytes&gt;]   with a ReplicationAux
 *   FA aof-base 0
 *   for each database with keys: FE &lt;db&gt; FB &lt;keys&gt; &lt;keys with a TTL&gt;
 *     [FC &lt;expire time, ms, 8 bytes LE&gt;] &lt;type&gt; &lt;key&gt; &lt;value&gt;            per key
 *   FF &lt;CRC64, 8 bytes LE&gt;
 * </pre>
 *
 * <p>Values, as Redis 7.0 writes them ({@link RdbFormat} has the encodings):
 * <ul>
 *   <li>a string: type 0, int-encoded when it is the canonical text of a 32-bit integer, else
 *       LZF-compressed when it is over 20 bytes and that saves more than 4, else raw (every string
 *       of the file, list nodes and intsets included, as Redis's {@code rdbcompression yes});</li>
 *   <li>a list: type 18, a quicklist of listpack nodes of at most 8 KB each (Redis's default
 *       {@code list-max-listpack-size -2}); the entries are lab 6's {@link Listpack} entries,
 *       which are Redis's, behind Redis's 6-byte header;</li>
 *   <li>a set: type 11 (an intset) when lab 6 keeps it as an intset, else type 2 (its members), as
 *       7.0 has no listpack sets.</li>
 * </ul>
 * Keys are written as the source gives them, expired ones included (Redis writes them too; a
 * primary loading the file drops them). A database with no keys is left out.
 *
 * <p>Redis: {@code rdb.c}, {@code rdbSaveRio}, {@code rdbSaveInfoAuxFields}, {@code rdbSaveDb},
 * {@code rdbSaveKeyValuePair}, {@code rdbSaveObject}.
 */
public final class RdbWriter {
    /** The version the {@code redis-ver} field claims: the Redis this lab speaks for. */
    public static final String REDIS_VERSION = "7.0.15";

    /** The bytes of one quicklist node's listpack, at most: {@code list-max-listpack-size -2}. */
    static final int NODE_BYTES = 8 * 1024;

    private RdbWriter() {
    }

    /**
     * Writes {@code source} as an RDB file with no replication fields (a file for {@code SAVE}, or a
     * test).
     *
     * @return the bytes written
     * @throws IOException if {@code out} fails
     * @throws IllegalArgumentException if a value is of a type RDB here has no encoding for
     */
    public static long write(EntrySource source, OutputStream out) throws IOException {
        return write(source, out, null);
    }

    /**
     * Writes {@code source} as an RDB file: its databases in order, each key with its expire time,
     * then the checksum. Flushes {@code out} at the end but does not close it.
     *
     * @param source the keys, e.g. a {@code KeyspaceCapture} taken on the server thread (this
     *     method may then run on any thread)
     * @param out where the bytes go; it is written in chunks of up to 64 KB
     * @param replication the {@code repl-*} auxiliary fields a full resync carries, or {@code null}
     *     for none
     * @return the bytes written, the checksum included: the {@code <len>} of {@code $<len>\r\n}
     * @throws IOException if {@code out} fails
     * @throws IllegalArgumentException if a value is of a type RDB here has no encoding for
     */
    public static long write(EntrySource source, OutputStream out, ReplicationAux replication) throws IOException {
        RdbOutput o = new RdbOutput(out);
        o.write(RdbFormat.MAGIC);
        o.write(String.format("%04d", RdbFormat.VERSION).getBytes(StandardCharsets.US_ASCII));
        writeAuxFields(o, replication);
        for (int db = 0; db < source.databaseCount(); db++) {
            long[] sizes = new long[2]; // keys, keys with an expire time
            source.forEach(db, (key, value, expireAt) -> {
                sizes[0]++;
                if (expireAt != ExpiresIndex.NO_EXPIRE) {
                    sizes[1]++;
                }
            });
            if (sizes[0] == 0) {
                continue; // Redis skips empty databases
            }
            o.writeByte(RdbFormat.OPCODE_SELECTDB);
            o.writeLength(db);
            o.writeByte(RdbFormat.OPCODE_RESIZEDB);
            o.writeLength(sizes[0]);
            o.writeLength(sizes[1]);
            try {
                source.forEach(db, (key, value, expireAt) -> {
                    try {
                        writeEntry(o, key, value, expireAt);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
            } catch (UncheckedIOException e) {
                throw e.getCause();
            }
        }
        o.writeByte(RdbFormat.OPCODE_EOF);
        o.finishWithChecksum();
        return o.written();
    }

    /**
     * The auxiliary fields, in Redis 7.0's order.
     *
     * <p>Redis: {@code rdb.c}, {@code rdbSaveInfoAuxFields}.
     */
    private static void writeAuxFields(RdbOutput o, ReplicationAux replication) throws IOException {
        aux(o, "redis-ver", REDIS_VERSION);
        auxInteger(o, "redis-bits", 64);
        auxInteger(o, "ctime", System.currentTimeMillis() / 1000);
        Runtime rt = Runtime.getRuntime();
        auxInteger(o, "used-mem", rt.totalMemory() - rt.freeMemory());
        if (replication != null) {
            auxInteger(o, ReplicationAux.STREAM_DB, replication.streamDb());
            aux(o, ReplicationAux.ID, replication.replId());
            auxInteger(o, ReplicationAux.OFFSET, replication.replOffset());
        }
        auxInteger(o, "aof-base", 0);
    }

    private static void aux(RdbOutput o, String name, String value) throws IOException {
        o.writeByte(RdbFormat.OPCODE_AUX);
        o.writeString(name.getBytes(StandardCharsets.US_ASCII));
        o.writeString(value.getBytes(StandardCharsets.UTF_8));
    }

    private static void auxInteger(RdbOutput o, String name, long value) throws IOException {
        o.writeByte(RdbFormat.OPCODE_AUX);
        o.writeString(name.getBytes(StandardCharsets.US_ASCII));
        o.writeString(value);
    }

    /**
     * One key: its expire time if it has one, its type, its name, its value.
     *
     * <p>Redis: {@code rdb.c}, {@code rdbSaveKeyValuePair}.
     */
    private static void writeEntry(RdbOutput o, Key key, Object value, long expireAt) throws IOException {
        if (expireAt != ExpiresIndex.NO_EXPIRE) {
            o.writeByte(RdbFormat.OPCODE_EXPIRETIME_MS);
            o.writeLittleEndian(expireAt, 8);
        }
        if (value instanceof byte[] string) {
            o.writeByte(RdbFormat.TYPE_STRING);
            o.writeString(key.bytes());
            o.writeString(string);
        } else if (value instanceof ListValue list) {
            o.writeByte(RdbFormat.TYPE_LIST_QUICKLIST_2);
            o.writeString(key.bytes());
            writeList(o, list);
        } else if (value instanceof SetValue set) {
            if (SetValue.INTSET.equals(set.encoding())) {
                o.writeByte(RdbFormat.TYPE_SET_INTSET);
                o.writeString(key.bytes());
                writeIntset(o, set);
            } else {
                o.writeByte(RdbFormat.TYPE_SET);
                o.writeString(key.bytes());
                o.writeLength(set.size());
                try {
                    set.forEach(member -> {
                        try {
                            o.writeString(member);
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                    });
                } catch (UncheckedIOException e) {
                    throw e.getCause();
                }
            }
        } else {
            throw new IllegalArgumentException("no RDB encoding here for a value of type " + ValueType.of(value).name());
        }
    }

    /**
     * A list as a quicklist of listpacks: {@code <length nodes>}, then for each node
     * {@code 2 (PACKED)} and the listpack as a string. A node is closed when the next element would
     * take it over {@link #NODE_BYTES} (a single bigger element gets a node of its own).
     *
     * <p>Redis: {@code rdb.c}, {@code rdbSaveObject} for {@code OBJ_ENCODING_QUICKLIST}.
     */
    private static void writeList(RdbOutput o, ListValue list) throws IOException {
        List<byte[]> nodes = new ArrayList<>();
        byte[][] node = {Listpack.empty()};
        list.forEach(element -> {
            int size = node[0].length + 2 + Listpack.entrySize(element); // as Redis counts: 6-byte header
            if (Listpack.count(node[0]) > 0 && size > NODE_BYTES) {
                nodes.add(node[0]);
                node[0] = Listpack.empty();
            }
            node[0] = Listpack.append(node[0], element);
        });
        if (Listpack.count(node[0]) > 0) {
            nodes.add(node[0]);
        }
        o.writeLength(nodes.size());
        for (byte[] lp : nodes) {
            o.writeLength(RdbFormat.QUICKLIST_NODE_PACKED);
            o.writeString(toRedisListpack(lp));
        }
    }

    /**
     * Lab 6's listpack (u32 count, entries, FF) as Redis's (u32 total bytes, u16 count, the same
     * entries, FF).
     */
    static byte[] toRedisListpack(byte[] lp) {
        int entries = lp.length - Listpack.HEADER_SIZE; // the entries and the end marker
        byte[] redis = new byte[RdbFormat.LISTPACK_HEADER + entries];
        int total = redis.length;
        int count = Math.min(Listpack.count(lp), RdbFormat.LISTPACK_COUNT_UNKNOWN);
        redis[0] = (byte) total;
        redis[1] = (byte) (total >>> 8);
        redis[2] = (byte) (total >>> 16);
        redis[3] = (byte) (total >>> 24);
        redis[4] = (byte) count;
        redis[5] = (byte) (count >>> 8);
        System.arraycopy(lp, Listpack.HEADER_SIZE, redis, RdbFormat.LISTPACK_HEADER, entries);
        return redis;
    }

    /**
     * An intset set as Redis's intset, in a string: u32 LE width (2, 4 or 8 bytes: the narrowest that
     * holds every member), u32 LE count, the members ascending, little-endian.
     *
     * <p>Redis: {@code intset.c} (its layout); {@code rdb.c}, {@code rdbSaveObject} for
     * {@code OBJ_ENCODING_INTSET} (the intset's bytes as one string).
     */
    private static void writeIntset(RdbOutput o, SetValue set) throws IOException {
        long[] values = new long[set.size()];
        int[] n = {0};
        set.forEach(member -> values[n[0]++] = Numbers.string2ll(member));
        Arrays.sort(values);
        int width = IntSet.INT16;
        for (long v : values) {
            width = Math.max(width, IntSet.widthOf(v));
        }
        byte[] is = new byte[RdbFormat.INTSET_HEADER + width * values.length];
        putLittleEndian(is, 0, width, 4);
        putLittleEndian(is, 4, values.length, 4);
        for (int i = 0; i < values.length; i++) {
            putLittleEndian(is, RdbFormat.INTSET_HEADER + i * width, values[i], width);
        }
        o.writeString(is); // as any string: LZF-compressed if that pays, as Redis does
    }

    private static void putLittleEndian(byte[] b, int at, long v, int n) {
        for (int i = 0; i < n; i++) {
            b[at + i] = (byte) (v >>> (8 * i));
        }
    }
}
