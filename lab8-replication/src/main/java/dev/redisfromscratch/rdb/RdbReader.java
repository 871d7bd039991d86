package dev.redisfromscratch.rdb;

import dev.redisfromscratch.encoding.EncodingLimits;
import dev.redisfromscratch.encoding.Listpack;
import dev.redisfromscratch.lists.ListValue;
import dev.redisfromscratch.sets.SetValue;
import dev.redisfromscratch.store.DataStore;
import dev.redisfromscratch.store.Databases;
import dev.redisfromscratch.store.ExpiresIndex;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Loads an RDB file into a keyspace: what a replica does with the payload of a full resync.
 *
 * <p>It reads versions 1 to 10, and what Redis 7.0.15 writes for strings, lists and sets:
 * <ul>
 *   <li>strings: raw, int-encoded (8, 16, 32 bits) and LZF-compressed;</li>
 *   <li>lists: type 18 (a quicklist of listpacks, PACKED and PLAIN nodes, with every listpack
 *       integer encoding) and the old type 1 (plain strings);</li>
 *   <li>sets: type 11 (an intset), type 2 (plain strings), and Redis 7.2's type 20 (a listpack);</li>
 *   <li>expire times in ms ({@code FC}) and in seconds ({@code FD}); {@code SELECTDB},
 *       {@code RESIZEDB} (read and ignored), {@code AUX} (kept: {@link Loaded#aux()}), and the
 *       eviction hints {@code FREQ} and {@code IDLE} (skipped).</li>
 * </ul>
 * Anything else is an {@link RdbFormatException} that names it and its offset: hashes, sorted sets,
 * streams, modules, functions ({@code FUNCTION2}, {@code MODULE_AUX}), ziplist-era types.
 *
 * <p>The checksum after {@code EOF} is checked against the CRC64 of every byte before it, unless it
 * is 0 ({@code rdbchecksum no}), as Redis does. Keys are stored as they are read, so a failure
 * leaves the keys read before it in {@code dbs}: the caller empties them first, and again on a
 * failure. Keys whose expire time has passed are stored too, as a replica stores them (it waits for
 * the primary's {@code DEL}; Redis drops them only when a primary loads a file). A list or set
 * with no elements is skipped, as Redis skips it ("empty keys skipped").
 *
 * <p>Lists and sets are rebuilt with lab 6's operations ({@link ListValue#pushTail},
 * {@link SetValue#add}) under the given {@link EncodingLimits}, so their encodings after a load are
 * the ones the limits give, whatever the file's were (an intset of 600 members becomes a hash table
 * under {@code set-max-intset-entries 512}, as Redis 7.0's load converts it).
 *
 * <p>Redis: {@code rdb.c}, {@code rdbLoadRio}, {@code rdbLoadObject}, {@code rdbLoadType},
 * {@code rdbLoadCheckModuleValue}; {@code listpack.c}, {@code lpValidateIntegrity};
 * {@code intset.c}, {@code intsetValidateIntegrity}.
 */
public final class RdbReader {
    private final RdbInput in;
    private final Databases dbs;
    private final EncodingLimits limits;

    /**
     * What a load found, besides the keys it stored.
     *
     * @param keys the keys stored, in all databases
     * @param emptyKeysSkipped lists and sets with no elements, skipped
     * @param version the file's RDB version
     * @param aux the auxiliary fields, by name, in the file's order ({@code redis-ver},
     *     {@code repl-id}, ...), each value as its bytes (an int-encoded one as its decimal text)
     */
    public record Loaded(long keys, long emptyKeysSkipped, int version, Map<String, byte[]> aux) {
        /** @return the value of the auxiliary field {@code name} as text, if the file has it */
        public Optional<String> auxText(String name) {
            byte[] v = aux.get(name);
            return v == null ? Optional.empty() : Optional.of(new String(v, StandardCharsets.UTF_8));
        }

        /**
         * @return the replication fields a primary writes for a full resync ({@code repl-stream-db},
         *     {@code repl-id}, {@code repl-offset}), if the file has all three and they are well formed
         */
        public Optional<ReplicationAux> replicationAux() {
            Optional<String> db = auxText(ReplicationAux.STREAM_DB);
            Optional<String> id = auxText(ReplicationAux.ID);
            Optional<String> offset = auxText(ReplicationAux.OFFSET);
            if (db.isEmpty() || id.isEmpty() || offset.isEmpty()) {
                return Optional.empty();
            }
            try {
                return Optional.of(new ReplicationAux(Integer.parseInt(db.get()), id.get(), Long.parseLong(offset.get())));
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        }
    }

    private RdbReader(InputStream in, Databases dbs, EncodingLimits limits) {
        this.in = new RdbInput(in);
        this.dbs = dbs;
        this.limits = limits;
    }

    /**
     * Loads a whole RDB into {@code dbs}, lists and sets under the default encoding limits.
     *
     * @param in the RDB's bytes, from its magic to its checksum (read through a 64 KB buffer, which
     *     may read past the checksum: give a stream that holds the RDB alone)
     * @param dbs the keyspace, which the caller has emptied
     * @return the number of keys stored
     * @throws RdbFormatException if the input is not an RDB this reader loads: with what and where
     * @throws IOException if {@code in} fails
     */
    public static long load(InputStream in, Databases dbs) throws IOException {
        return read(in, dbs, EncodingLimits.defaults()).keys();
    }

    /**
     * Loads a whole RDB into {@code dbs}, rebuilding lists and sets under {@code limits} (the
     * server's {@code list-max-listpack-size}, {@code set-max-intset-entries}, ...).
     *
     * @param in the RDB's bytes ({@link #load(InputStream, Databases)})
     * @param dbs the keyspace, which the caller has emptied
     * @return the keys stored, the empty ones skipped, the version and the auxiliary fields
     * @throws RdbFormatException if the input is not an RDB this reader loads: with what and where
     * @throws IOException if {@code in} fails
     */
    public static Loaded read(InputStream in, Databases dbs, EncodingLimits limits) throws IOException {
        return new RdbReader(in, dbs, limits).readAll();
    }

    private Loaded readAll() throws IOException {
        int version = readHeader();
        Map<String, byte[]> aux = new LinkedHashMap<>();
        long keys = 0;
        long empty = 0;
        int db = 0; // keys before any SELECTDB are database 0's
        long expireAt = ExpiresIndex.NO_EXPIRE;
        while (true) {
            long at = in.offset();
            int type = in.readByte();
            switch (type) {
                case RdbFormat.OPCODE_EXPIRETIME_MS:
                    expireAt = in.readLittleEndian(8);
                    continue;
                case RdbFormat.OPCODE_EXPIRETIME:
                    expireAt = in.readLittleEndian(4) * 1000;
                    continue;
                case RdbFormat.OPCODE_FREQ:
                    in.readByte(); // LFU counter: no eviction here
                    continue;
                case RdbFormat.OPCODE_IDLE:
                    in.readLength(); // LRU idle seconds: no eviction here
                    continue;
                case RdbFormat.OPCODE_SELECTDB: {
                    long n = in.readLength();
                    if (!dbs.exists(n)) {
                        throw new RdbFormatException("SELECTDB " + n + " at offset " + at + ": this server has "
                                + dbs.count() + " databases (the RDB was written by a server with more)");
                    }
                    db = (int) n;
                    continue;
                }
                case RdbFormat.OPCODE_RESIZEDB:
                    in.readLength(); // keys
                    in.readLength(); // keys with a TTL
                    continue;
                case RdbFormat.OPCODE_AUX: {
                    byte[] name = in.readString();
                    byte[] value = in.readString();
                    aux.put(new String(name, StandardCharsets.UTF_8), value);
                    continue;
                }
                case RdbFormat.OPCODE_MODULE_AUX:
                    throw unsupported("module data (MODULE_AUX, 0xf7)", at);
                case RdbFormat.OPCODE_FUNCTION2:
                case RdbFormat.OPCODE_FUNCTION_PRE_GA:
                    throw unsupported("a function library (FUNCTION" + (type == RdbFormat.OPCODE_FUNCTION2 ? "2, 0xf5" : "_PRE_GA, 0xf6")
                            + "; written when FUNCTION LOAD was used)", at);
                case RdbFormat.OPCODE_EOF:
                    readChecksum(version);
                    return new Loaded(keys, empty, version, Collections.unmodifiableMap(aux));
                default:
                    break;
            }
            byte[] key = in.readString();
            Object value = readValue(type, key, at);
            if (value == null) {
                empty++;
            } else {
                store(db, key, value, expireAt, at);
                keys++;
            }
            expireAt = ExpiresIndex.NO_EXPIRE;
        }
    }

    /** {@code REDIS} and four digits; the version must be 1 to 10. */
    private int readHeader() throws IOException {
        byte[] magic;
        try {
            magic = in.readBytes(9);
        } catch (RdbFormatException e) {
            throw new RdbFormatException("not an RDB file: fewer than 9 bytes (REDIS and a 4-digit version)", e);
        }
        for (int i = 0; i < RdbFormat.MAGIC.length; i++) {
            if (magic[i] != RdbFormat.MAGIC[i]) {
                throw new RdbFormatException("not an RDB file: it does not start with REDIS (wrong signature)");
            }
        }
        String digits = new String(magic, 5, 4, StandardCharsets.US_ASCII);
        int version;
        try {
            version = Integer.parseInt(digits);
        } catch (NumberFormatException e) {
            throw new RdbFormatException("not an RDB file: its version \"" + digits + "\" is not a number");
        }
        if (version < 1 || version > RdbFormat.VERSION) {
            throw new RdbFormatException("Can't handle RDB format version " + version + " (this reader, like Redis 7.0, reads 1 to "
                    + RdbFormat.VERSION + "; Redis 7.2 writes 11)");
        }
        return version;
    }

    /** After {@code EOF}: 8 bytes, the CRC64 of everything before them; 0 means not computed. */
    private void readChecksum(int version) throws IOException {
        if (version < RdbFormat.FIRST_VERSION_WITH_CHECKSUM) {
            return;
        }
        long computed = in.crc();
        long at = in.offset();
        long stored = in.readLittleEndian(8);
        if (stored != 0 && stored != computed) {
            throw new RdbFormatException("Wrong RDB checksum at offset " + at + ": the file says " + Long.toHexString(stored)
                    + ", its bytes give " + Long.toHexString(computed));
        }
    }

    /**
     * Reads one value of type {@code type}.
     *
     * @param at the offset of the type byte, for errors
     * @return the value, or {@code null} for a list or set with no elements
     */
    private Object readValue(int type, byte[] key, long at) throws IOException {
        switch (type) {
            case RdbFormat.TYPE_STRING:
                return in.readString();
            case RdbFormat.TYPE_LIST: {
                long n = in.readLength();
                ListValue list = new ListValue();
                for (long i = 0; i < n; i++) {
                    list.pushTail(in.readString(), limits);
                }
                return list.size() == 0 ? null : list;
            }
            case RdbFormat.TYPE_LIST_QUICKLIST_2:
                return readQuicklist(key, at);
            case RdbFormat.TYPE_SET: {
                long n = in.readLength();
                SetValue set = new SetValue();
                set.maybeConvert((int) Math.min(n, Integer.MAX_VALUE), limits);
                for (long i = 0; i < n; i++) {
                    addMember(set, in.readString(), key, at);
                }
                return set.size() == 0 ? null : set;
            }
            case RdbFormat.TYPE_SET_INTSET:
                return readIntset(key, at);
            case RdbFormat.TYPE_SET_LISTPACK: {
                byte[] lp = in.readString();
                SetValue set = new SetValue();
                forEachListpackEntry(lp, key, at, m -> addMember(set, m, key, at));
                return set.size() == 0 ? null : set;
            }
            default:
                String known = RdbFormat.typeName(type);
                if (known.startsWith("unknown")) {
                    throw new RdbFormatException("unknown value type 0x" + Integer.toHexString(type) + " (" + type + ") at offset "
                            + at + " (not a type or opcode of RDB version " + RdbFormat.VERSION + ")");
                }
                throw unsupported("a value of type " + known + " for key " + printable(key)
                        + " (this reader loads strings, lists and sets)", at);
        }
    }

    /**
     * A quicklist: {@code <length nodes>}, then per node {@code <length container>} and a string,
     * one element (PLAIN) or a listpack (PACKED). Empty listpacks are skipped, as Redis skips them.
     *
     * <p>Redis: {@code rdb.c}, {@code rdbLoadObject} for {@code RDB_TYPE_LIST_QUICKLIST_2}.
     */
    private Object readQuicklist(byte[] key, long at) throws IOException {
        long nodes = in.readLength();
        ListValue list = new ListValue();
        for (long i = 0; i < nodes; i++) {
            long nodeAt = in.offset();
            long container = in.readLength();
            byte[] data = in.readString();
            if (container == RdbFormat.QUICKLIST_NODE_PLAIN) {
                list.pushTail(data, limits);
            } else if (container == RdbFormat.QUICKLIST_NODE_PACKED) {
                forEachListpackEntry(data, key, nodeAt, e -> list.pushTail(e, limits));
            } else {
                throw new RdbFormatException("quicklist node of key " + printable(key) + " at offset " + nodeAt
                        + " has container " + container + " (1 PLAIN or 2 PACKED expected)");
            }
        }
        return list.size() == 0 ? null : list;
    }

    /**
     * Gives each entry of a Redis listpack to {@code action}, integers as their decimal text. The
     * header is checked (total bytes, end marker, count); the entries are decoded by lab 6's
     * {@link Listpack}, whose entry encodings are Redis's (its header is 4 bytes, a count: it is put
     * in front of the entries instead of Redis's 6).
     *
     * <p>Redis: {@code listpack.c}, {@code lpValidateIntegrity} (shallow), {@code lpGet}.
     */
    private static void forEachListpackEntry(byte[] redis, byte[] key, long at, EntryAction action)
            throws RdbFormatException {
        String where = "listpack of key " + printable(key) + " at offset " + at;
        if (redis.length < RdbFormat.LISTPACK_HEADER + 1) {
            throw new RdbFormatException("corrupt " + where + ": " + redis.length + " bytes, shorter than a listpack's header");
        }
        long total = (redis[0] & 0xFFL) | (redis[1] & 0xFFL) << 8 | (redis[2] & 0xFFL) << 16 | (redis[3] & 0xFFL) << 24;
        int count = (redis[4] & 0xFF) | (redis[5] & 0xFF) << 8;
        if (total != redis.length) {
            throw new RdbFormatException("corrupt " + where + ": its header says " + total + " bytes, the string has " + redis.length);
        }
        if ((redis[redis.length - 1] & 0xFF) != Listpack.END) {
            throw new RdbFormatException("corrupt " + where + ": it does not end with 0xff");
        }
        byte[] lp = new byte[redis.length - RdbFormat.LISTPACK_HEADER + Listpack.HEADER_SIZE];
        System.arraycopy(redis, RdbFormat.LISTPACK_HEADER, lp, Listpack.HEADER_SIZE, redis.length - RdbFormat.LISTPACK_HEADER);
        int seen = 0;
        try {
            for (int p = Listpack.first(lp); p >= 0; ) {
                int next = Listpack.next(lp, p); // first: it fails if the entry runs past the end
                byte[] e = Listpack.get(lp, p);
                seen++;
                action.accept(e);
                p = next;
            }
        } catch (RuntimeException e) {
            throw new RdbFormatException("corrupt " + where + ": entry " + seen + " runs past its end or has an unknown encoding", e);
        }
        if (count != RdbFormat.LISTPACK_COUNT_UNKNOWN && count != seen) {
            throw new RdbFormatException("corrupt " + where + ": its header says " + count + " entries, it holds " + seen);
        }
    }

    /**
     * An intset in a string: u32 LE width (2, 4, 8), u32 LE count, the integers ascending.
     *
     * <p>Redis: {@code intset.c}, {@code intsetValidateIntegrity}; {@code rdb.c}, {@code rdbLoadObject}
     * for {@code RDB_TYPE_SET_INTSET}.
     */
    private Object readIntset(byte[] key, long at) throws IOException {
        byte[] is = in.readString();
        String where = "intset of key " + printable(key) + " at offset " + at;
        if (is.length < RdbFormat.INTSET_HEADER) {
            throw new RdbFormatException("corrupt " + where + ": " + is.length + " bytes, shorter than its header");
        }
        int width = (int) le(is, 0, 4);
        long count = le(is, 4, 4);
        if (width != 2 && width != 4 && width != 8) {
            throw new RdbFormatException("corrupt " + where + ": width " + width + " (2, 4 or 8 expected)");
        }
        if (RdbFormat.INTSET_HEADER + count * width != is.length) {
            throw new RdbFormatException("corrupt " + where + ": " + count + " integers of " + width + " bytes do not fill its "
                    + is.length + " bytes");
        }
        SetValue set = new SetValue();
        set.maybeConvert((int) count, limits);
        long previous = 0;
        for (int i = 0; i < count; i++) {
            long v = le(is, RdbFormat.INTSET_HEADER + i * width, width) << (64 - 8 * width) >> (64 - 8 * width);
            if (i > 0 && v <= previous) {
                throw new RdbFormatException("corrupt " + where + ": its integers are not in ascending order, or repeat");
            }
            previous = v;
            set.add(Long.toString(v).getBytes(StandardCharsets.US_ASCII), limits);
        }
        return set.size() == 0 ? null : set;
    }

    private void addMember(SetValue set, byte[] member, byte[] key, long at) throws RdbFormatException {
        if (!set.add(member, limits)) {
            throw new RdbFormatException("Duplicate set members detected in set " + printable(key) + " at offset " + at);
        }
    }

    /** Receives one listpack entry. */
    @FunctionalInterface
    private interface EntryAction {
        void accept(byte[] entry) throws RdbFormatException;
    }

    /** Stores one key; a key already in the database is an error, as in Redis. */
    private void store(int db, byte[] key, Object value, long expireAt, long at) throws RdbFormatException {
        DataStore store = dbs.db(db);
        int before = store.size();
        // a time at or before 1970 is in the past all the same: kept as 1 ms, which the store accepts
        store.put(key, value, expireAt == ExpiresIndex.NO_EXPIRE ? expireAt : Math.max(1, expireAt));
        if (store.size() == before) { // it replaced a key: one lookup, not two (the load fails anyway)
            throw new RdbFormatException("RDB has duplicated key " + printable(key) + " in DB " + db + " at offset " + at);
        }
    }

    private static RdbFormatException unsupported(String what, long at) {
        return new RdbFormatException("unsupported in this lab: " + what + " at offset " + at);
    }

    private static long le(byte[] b, int at, int n) {
        long v = 0;
        for (int i = 0; i < n; i++) {
            v |= (b[at + i] & 0xFFL) << (8 * i);
        }
        return v;
    }

    /** @return the key quoted, printable ASCII as is, other bytes as \xNN, at most 64 bytes shown */
    static String printable(byte[] key) {
        StringBuilder sb = new StringBuilder("'");
        for (int i = 0; i < Math.min(key.length, 64); i++) {
            int c = key[i] & 0xFF;
            if (c >= 0x20 && c < 0x7F && c != '\'' && c != '\\') {
                sb.append((char) c);
            } else {
                sb.append(String.format("\\x%02x", c));
            }
        }
        if (key.length > 64) {
            sb.append("...");
        }
        return sb.append('\'').toString();
    }
}
