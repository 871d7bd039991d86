package dev.redisfromscratch.rdb;

import java.nio.charset.StandardCharsets;

/**
 * The constants of the RDB format, version 10 (Redis 7.0): the file's layout, its opcodes, the value
 * types this lab reads and writes, and the encodings of lengths and strings.
 *
 * <pre>
 *   "REDIS0010"                         magic, 5 bytes, then the version as 4 ASCII digits
 *   FA &lt;string name&gt; &lt;string value&gt;   AUX: redis-ver, redis-bits, ctime, used-mem, repl-stream-db,
 *                                       repl-id, repl-offset, aof-base (a reader skips unknown ones)
 *   for each database that has keys:
 *     FE &lt;length db&gt;                     SELECTDB
 *     FB &lt;length keys&gt; &lt;length expires&gt; RESIZEDB: how many keys, how many of them with a TTL
 *     for each key:
 *       [FC &lt;8 bytes LE&gt;]               EXPIRETIME_MS: Unix time in ms (FD &lt;4 bytes LE&gt;: in seconds, old)
 *       &lt;type byte&gt; &lt;string key&gt; &lt;value&gt;
 *   FF                                  EOF
 *   &lt;8 bytes LE&gt;                        CRC64 of everything before it ({@link Crc64}); 0: not computed
 *
 *   length    00xxxxxx                  6 bits
 *             01xxxxxx xxxxxxxx         14 bits, big-endian
 *             10000000 &lt;4 bytes BE&gt;     32 bits
 *             10000001 &lt;8 bytes BE&gt;     64 bits
 *             11xxxxxx                  not a length: a string in a special encoding, xxxxxx:
 *                                         0 INT8 (1 byte), 1 INT16 (2 bytes LE), 2 INT32 (4 bytes LE),
 *                                         3 LZF: &lt;length compressed&gt; &lt;length original&gt; &lt;bytes&gt;
 *   string    &lt;length n&gt; &lt;n bytes&gt;, or one of the special encodings
 *
 *   values    0  STRING                 a string
 *             1  LIST                   &lt;length n&gt;, n strings (old; read only)
 *             2  SET                    &lt;length n&gt;, n strings
 *             11 SET_INTSET             a string holding an intset: u32 LE width (2, 4, 8), u32 LE count,
 *                                       the integers, ascending, little-endian
 *             18 LIST_QUICKLIST_2       &lt;length nodes&gt;, each &lt;length container&gt; (1 PLAIN: the string is
 *                                       one element; 2 PACKED: a listpack) and a string
 *             20 SET_LISTPACK           a string holding a listpack (Redis 7.2; read only)
 *   listpack  u32 LE total bytes, u16 LE count (65535: count unknown), entries, FF
 * </pre>
 *
 * <p>Redis: {@code rdb.h} ({@code RDB_VERSION}, {@code RDB_TYPE_*}, {@code RDB_OPCODE_*},
 * {@code RDB_ENC_*}, {@code RDB_6BITLEN} ...), {@code rdb.c} ({@code rdbSaveLen},
 * {@code rdbSaveRio}), {@code listpack.c}, {@code intset.c}.
 */
public final class RdbFormat {
    /** The file's first five bytes. */
    public static final byte[] MAGIC = "REDIS".getBytes(StandardCharsets.US_ASCII);
    /** The version this lab writes, and the highest it reads: Redis 7.0's ({@code RDB_VERSION}). */
    public static final int VERSION = 10;
    /** The first version with a checksum after {@code EOF}. */
    public static final int FIRST_VERSION_WITH_CHECKSUM = 5;

    /** Opcode: an LFU frequency (1 byte) for the next key. */
    public static final int OPCODE_FREQ = 0xF9;
    /** Opcode: an LRU idle time (a length, seconds) for the next key. */
    public static final int OPCODE_IDLE = 0xF8;
    /** Opcode: module auxiliary data (not supported here). */
    public static final int OPCODE_MODULE_AUX = 0xF7;
    /** Opcode: a function library, Redis 7.0 release candidates' form (not supported here). */
    public static final int OPCODE_FUNCTION_PRE_GA = 0xF6;
    /** Opcode: a function library (not supported here). */
    public static final int OPCODE_FUNCTION2 = 0xF5;
    /** Opcode: an auxiliary field, two strings. */
    public static final int OPCODE_AUX = 0xFA;
    /** Opcode: sizes of the database's hash tables, two lengths. */
    public static final int OPCODE_RESIZEDB = 0xFB;
    /** Opcode: the next key's expire time, Unix ms, 8 bytes little-endian. */
    public static final int OPCODE_EXPIRETIME_MS = 0xFC;
    /** Opcode: the next key's expire time, Unix seconds, 4 bytes little-endian (old files). */
    public static final int OPCODE_EXPIRETIME = 0xFD;
    /** Opcode: the keys that follow are the database whose number (a length) follows. */
    public static final int OPCODE_SELECTDB = 0xFE;
    /** Opcode: the end of the data; the checksum follows. */
    public static final int OPCODE_EOF = 0xFF;

    /** Type: a string. */
    public static final int TYPE_STRING = 0;
    /** Type: a list as plain strings (old files). */
    public static final int TYPE_LIST = 1;
    /** Type: a set as plain strings. */
    public static final int TYPE_SET = 2;
    /** Type: a set as an intset. */
    public static final int TYPE_SET_INTSET = 11;
    /** Type: a list as a quicklist of ziplists (RDB 7 to 9; not supported here). */
    public static final int TYPE_LIST_QUICKLIST = 14;
    /** Type: a list as a quicklist of listpacks (RDB 10). */
    public static final int TYPE_LIST_QUICKLIST_2 = 18;
    /** Type: a set as a listpack (RDB 11, Redis 7.2). */
    public static final int TYPE_SET_LISTPACK = 20;

    /** A quicklist node holding one element as a plain string. */
    public static final int QUICKLIST_NODE_PLAIN = 1;
    /** A quicklist node holding a listpack. */
    public static final int QUICKLIST_NODE_PACKED = 2;

    /** Length encoding: the top two bits of the first byte. */
    static final int LEN_6BIT = 0;
    static final int LEN_14BIT = 1;
    static final int LEN_32BIT = 0x80;
    static final int LEN_64BIT = 0x81;
    static final int ENCVAL = 3;
    /** Special string encodings (the low six bits after {@code 11}). */
    static final int ENC_INT8 = 0;
    static final int ENC_INT16 = 1;
    static final int ENC_INT32 = 2;
    static final int ENC_LZF = 3;

    /** A listpack's header: u32 total bytes and u16 count. */
    static final int LISTPACK_HEADER = 6;
    /** A listpack's count when it has 65535 entries or more: "count them". */
    static final int LISTPACK_COUNT_UNKNOWN = 0xFFFF;
    /** An intset's header: u32 width and u32 count. */
    static final int INTSET_HEADER = 8;

    private RdbFormat() {
    }

    /**
     * @param type a type byte
     * @return a name for it in errors: Redis's constant's name, e.g. {@code "ZSET_LISTPACK (17)"}
     */
    public static String typeName(int type) {
        String name = switch (type) {
            case 0 -> "STRING";
            case 1 -> "LIST";
            case 2 -> "SET";
            case 3 -> "ZSET";
            case 4 -> "HASH";
            case 5 -> "ZSET_2";
            case 6 -> "MODULE_PRE_GA";
            case 7 -> "MODULE_2";
            case 9 -> "HASH_ZIPMAP";
            case 10 -> "LIST_ZIPLIST";
            case 11 -> "SET_INTSET";
            case 12 -> "ZSET_ZIPLIST";
            case 13 -> "HASH_ZIPLIST";
            case 14 -> "LIST_QUICKLIST";
            case 15 -> "STREAM_LISTPACKS";
            case 16 -> "HASH_LISTPACK";
            case 17 -> "ZSET_LISTPACK";
            case 18 -> "LIST_QUICKLIST_2";
            case 19 -> "STREAM_LISTPACKS_2";
            case 20 -> "SET_LISTPACK";
            case 21 -> "STREAM_LISTPACKS_3";
            default -> null;
        };
        return name == null ? "unknown type " + type : name + " (" + type + ")";
    }
}
