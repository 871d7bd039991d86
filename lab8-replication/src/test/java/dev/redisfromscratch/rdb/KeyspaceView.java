package dev.redisfromscratch.rdb;

import dev.redisfromscratch.encoding.EncodingLimits;
import dev.redisfromscratch.lists.ListValue;
import dev.redisfromscratch.sets.SetValue;
import dev.redisfromscratch.store.Databases;
import dev.redisfromscratch.store.ExpiresIndex;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import redis.clients.jedis.Jedis;

/**
 * A keyspace as plain values, to compare ours with a real Redis's: {@code "db/key"} to the key's
 * type, value (a {@code String}, a {@code List<String>} or a {@code Set<String>}, bytes as
 * ISO-8859-1 characters, one per byte) and expire time (Unix ms, or -1).
 */
final class KeyspaceView {
    /** One key. */
    record Entry(String type, Object value, long expireAt) {
    }

    private KeyspaceView() {
    }

    static String text(byte[] b) {
        return new String(b, StandardCharsets.ISO_8859_1);
    }

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    /** @return every key of {@code dbs} */
    static Map<String, Entry> of(Databases dbs) {
        Map<String, Entry> view = new TreeMap<>();
        for (int db = 0; db < dbs.count(); db++) {
            int n = db;
            dbs.db(db).forEach((key, value, expireAt) -> view.put(n + "/" + text(key.bytes()), entry(value, expireAt)));
        }
        return view;
    }

    private static Entry entry(Object value, long expireAt) {
        if (value instanceof byte[] s) {
            return new Entry("string", text(s), expireAt);
        }
        if (value instanceof ListValue list) {
            List<String> elements = new ArrayList<>();
            list.forEach(e -> elements.add(text(e)));
            return new Entry("list", elements, expireAt);
        }
        SetValue set = (SetValue) value;
        Set<String> members = new HashSet<>();
        set.forEach(m -> members.add(text(m)));
        return new Entry("set", members, expireAt);
    }

    /** @return every key of the first {@code databases} databases of a real Redis, read with Jedis */
    static Map<String, Entry> of(Jedis jedis, int databases) {
        Map<String, Entry> view = new TreeMap<>();
        for (int db = 0; db < databases; db++) {
            jedis.select(db);
            for (byte[] key : jedis.keys(bytes("*"))) {
                String type = jedis.type(key);
                long expireAt = jedis.pexpireTime(key);
                Object value = switch (type) {
                    case "string" -> text(jedis.get(key));
                    case "list" -> jedis.lrange(key, 0, -1).stream().map(KeyspaceView::text).toList();
                    case "set" -> {
                        Set<String> members = new HashSet<>();
                        jedis.smembers(key).forEach(m -> members.add(text(m)));
                        yield members;
                    }
                    default -> throw new AssertionError("unexpected type " + type);
                };
                view.put(db + "/" + text(key), new Entry(type, value, expireAt < 0 ? ExpiresIndex.NO_EXPIRE : expireAt));
            }
        }
        jedis.select(0);
        return view;
    }

    /** @return 16 empty databases with the system clock */
    static Databases emptyDatabases() {
        return new Databases(Databases.DEFAULT_COUNT, Clock.systemUTC());
    }

    /**
     * A keyspace with every case the writer has: strings (raw, int-encodable, 64-bit, not canonical,
     * binary, empty, long), lists (small, with every listpack integer width, many nodes, a big
     * element), sets (intset of every width, hash table, too many integers for an intset), TTLs on
     * each type, and databases 0, 3 and 15.
     *
     * @param expireAt a future Unix time in ms for the keys with a TTL
     */
    static Databases sample(long expireAt) {
        Databases dbs = emptyDatabases();
        EncodingLimits limits = EncodingLimits.defaults();
        var db0 = dbs.db(0);
        db0.set(bytes("plain"), bytes("value"));
        db0.set(bytes("int"), bytes("12345"));
        db0.set(bytes("int8"), bytes("-7"));
        db0.set(bytes("int32"), bytes("2147483647"));
        db0.set(bytes("int64"), bytes("9223372036854775807"));
        db0.set(bytes("leading zero"), bytes("007"));
        db0.set(bytes("minus zero"), bytes("-0"));
        db0.set(bytes("empty"), new byte[0]);
        db0.set(new byte[] {0, '\r', '\n', (byte) 0xFF}, new byte[] {(byte) 0xFF, 0, 1, 2});
        db0.set(bytes("long"), bytes("abc".repeat(10_000)));
        db0.set(bytes("utf8"), "naïve ☕".getBytes(StandardCharsets.UTF_8));
        ListValue small = new ListValue();
        for (String e : List.of("a", "1", "-5", "127", "128", "-4096", "4095", "40000", "-8388608", "2147483647",
                "-9223372036854775808", "9223372036854775807", "", "007", "x".repeat(63), "y".repeat(64),
                "z".repeat(5000))) {
            small.pushTail(bytes(e), limits);
        }
        db0.put(bytes("list"), small);
        ListValue big = new ListValue();
        for (int i = 0; i < 5000; i++) {
            big.pushTail(bytes(i % 3 == 0 ? Integer.toString(i * 997) : "element-" + i), limits);
        }
        big.pushTail(bytes("b".repeat(20_000)), limits);
        big.pushTail(bytes("last"), limits);
        db0.put(bytes("biglist"), big);
        db0.put(bytes("intset16"), set(limits, "1", "2", "3", "-100"));
        db0.put(bytes("intset32"), set(limits, "1", "70000", "-70000"));
        db0.put(bytes("intset64"), set(limits, "1", "5000000000", "-9223372036854775808"));
        db0.put(bytes("words"), set(limits, "red", "green", "1", ""));
        List<String> many = new ArrayList<>();
        for (int i = 0; i < 600; i++) {
            many.add(Integer.toString(i * 3));
        }
        db0.put(bytes("manyints"), set(limits, many.toArray(String[]::new)));
        db0.setExpireAt(bytes("session"), bytes("s1"), expireAt);
        db0.put(bytes("ttl list"), listOf(limits, "a", "b"), expireAt + 1);
        db0.put(bytes("ttl set"), set(limits, "m"), expireAt + 2);
        dbs.db(3).set(bytes("plain"), bytes("in db 3"));
        dbs.db(3).put(bytes("l3"), listOf(limits, "x", "y", "z"));
        dbs.db(3).put(bytes("s3"), set(limits, "5", "6"), expireAt + 3);
        dbs.db(15).set(bytes("last db"), bytes("15"));
        return dbs;
    }

    static ListValue listOf(EncodingLimits limits, String... elements) {
        ListValue list = new ListValue();
        for (String e : elements) {
            list.pushTail(bytes(e), limits);
        }
        return list;
    }

    static SetValue set(EncodingLimits limits, String... members) {
        SetValue set = new SetValue();
        set.maybeConvert(members.length, limits);
        for (String m : members) {
            set.add(bytes(m), limits);
        }
        return set;
    }
}
