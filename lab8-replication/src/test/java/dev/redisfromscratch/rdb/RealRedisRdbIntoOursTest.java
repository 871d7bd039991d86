package dev.redisfromscratch.rdb;

import static dev.redisfromscratch.rdb.KeyspaceView.bytes;
import static org.assertj.core.api.Assertions.assertThat;

import dev.redisfromscratch.encoding.EncodingLimits;
import dev.redisfromscratch.lists.ListValue;
import dev.redisfromscratch.sets.SetValue;
import dev.redisfromscratch.store.Databases;
import dev.redisfromscratch.testkit.ExternalTool;
import dev.redisfromscratch.testkit.RealRedis;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Pipeline;

/**
 * Real Redis 7.0's own RDB files, loaded by our reader: a {@code SAVE}d {@code dump.rdb} and the
 * payload of a full resync ({@code redis-cli --rdb}, which syncs as a replica does), with every
 * encoding Redis writes for strings (raw, 8/16/32-bit integers, LZF), lists (quicklists of
 * listpacks, many nodes, compressed nodes) and sets (intsets of each width, hash tables), TTLs, and
 * databases 0 and 3. Our keyspace after the load equals what the real Redis serves.
 */
class RealRedisRdbIntoOursTest {
    @TempDir
    Path dir;

    /** Writes every case into a real Redis through Jedis. */
    static void fill(Jedis jedis) {
        long later = System.currentTimeMillis() + 3_600_000;
        Pipeline p = jedis.pipelined();
        p.set("plain", "value");
        p.set("int8", "-7");
        p.set("int16", "-32768");
        p.set("int32", "2147483647");
        p.set("int64", "9223372036854775807");
        p.set("not canonical", "007");
        p.set("empty", "");
        p.set(new byte[] {0, '\r', '\n', (byte) 0xFF}, new byte[] {(byte) 0xFF, 0, 1});
        p.set("compressible", "abc".repeat(10_000));
        p.set("short compressible", "a".repeat(25));
        p.set("utf8", "naïve ☕ ".repeat(20));
        p.rpush("small list", "a", "1", "-5", "127", "128", "-4096", "4095", "40000", "-8388608", "2147483647",
                "-9223372036854775808", "9223372036854775807", "", "x".repeat(63), "y".repeat(64), "z".repeat(5000));
        List<String> many = new ArrayList<>();
        for (int i = 0; i < 20_000; i++) {
            many.add(i % 3 == 0 ? Integer.toString(i * 997) : "element-" + i);
        }
        for (int i = 0; i < many.size(); i += 1000) {
            p.rpush("big list", many.subList(i, i + 1000).toArray(String[]::new));
        }
        p.rpush("big list", "b".repeat(20_000), "c".repeat(100));
        p.sadd("intset16", "1", "2", "3", "-100");
        p.sadd("intset32", "1", "70000", "-70000");
        p.sadd("intset64", "1", "5000000000", "-9223372036854775808");
        p.sadd("words", "red", "green", "1", "", "q".repeat(300));
        List<String> ints = new ArrayList<>();
        for (int i = 0; i < 600; i++) {
            ints.add(Integer.toString(i * 3));
        }
        p.sadd("many ints", ints.toArray(String[]::new));
        p.set("session", "s1");
        p.pexpireAt("session", later);
        p.rpush("ttl list", "a", "b");
        p.pexpireAt("ttl list", later + 1);
        p.sadd("ttl set", "m", "1");
        p.pexpireAt("ttl set", later + 2);
        p.select(3);
        p.set("plain", "in db 3");
        p.rpush("l3", "x", "y", "z");
        p.sadd("s3", "5", "6");
        p.pexpireAt("s3", later + 3);
        p.select(0);
        p.sync();
    }

    private Databases load(Path file) throws IOException {
        Databases ours = KeyspaceView.emptyDatabases();
        try (InputStream in = Files.newInputStream(file)) {
            RdbReader.Loaded loaded = RdbReader.read(in, ours, EncodingLimits.defaults());
            assertThat(loaded.version()).isEqualTo(10);
            assertThat(loaded.auxText("redis-ver")).contains("7.0.15");
        }
        return ours;
    }

    private void savedDumpLoadsIdentically(String... config) throws IOException {
        try (RealRedis redis = RealRedis.start(config); Jedis jedis = new Jedis("127.0.0.1", redis.port())) {
            fill(jedis);
            assertThat(jedis.save()).isEqualTo("OK");
            Databases ours = load(redis.dir().resolve("dump.rdb"));
            assertThat(KeyspaceView.of(ours)).isEqualTo(KeyspaceView.of(jedis, 16));
            assertThat(ours.db(3).size()).isEqualTo(3);
        }
    }

    @Test
    void aSavedDumpLoadsIdentically() throws IOException {
        savedDumpLoadsIdentically();
    }

    @Test
    void aDumpWithCompressedQuicklistNodesAndSmallNodesLoadsIdentically() throws IOException {
        // every node but the head and tail LZF-compressed in memory, written as LZF strings;
        // at most 5 entries per node, so the lists have thousands of nodes
        savedDumpLoadsIdentically("--list-compress-depth", "1", "--list-max-listpack-size", "5");
    }

    @Test
    void aDumpWithoutCompressionOrChecksumLoadsIdentically() throws IOException {
        savedDumpLoadsIdentically("--rdbcompression", "no", "--rdbchecksum", "no");
    }

    @Test
    void aDumpWithEvictionHintsLoadsIdentically() throws IOException {
        // an LFU policy writes a FREQ opcode (f9) before each key, an LRU one an IDLE opcode (f8)
        savedDumpLoadsIdentically("--maxmemory-policy", "allkeys-lfu");
        savedDumpLoadsIdentically("--maxmemory-policy", "allkeys-lru");
    }

    @Test
    void theFullResyncPayloadOfARealPrimaryLoadsIdentically() throws IOException {
        // diskless (7.0's default) without the 5 s wait for more replicas
        try (RealRedis redis = RealRedis.start("--repl-diskless-sync-delay", "0"); Jedis jedis = new Jedis("127.0.0.1", redis.port())) {
            fill(jedis);
            Path file = dir.resolve("payload.rdb");
            ExternalTool.Result r = ExternalTool.require("redis-cli").run(new byte[0], Duration.ofSeconds(30),
                    "-p", Integer.toString(redis.port()), "--rdb", file.toString());
            assertThat(r.exitCode()).as(r.stderr() + r.out()).isZero();

            Databases ours = KeyspaceView.emptyDatabases();
            RdbReader.Loaded loaded;
            try (InputStream in = Files.newInputStream(file)) {
                loaded = RdbReader.read(in, ours, EncodingLimits.defaults());
            }
            assertThat(KeyspaceView.of(ours)).isEqualTo(KeyspaceView.of(jedis, 16));
            String replId = jedis.info("replication").lines().filter(l -> l.startsWith("master_replid:"))
                    .findFirst().orElseThrow().substring("master_replid:".length());
            assertThat(loaded.replicationAux()).hasValueSatisfying(aux -> {
                assertThat(aux.replId()).isEqualTo(replId);
                assertThat(aux.streamDb()).isZero();
            });
        }
    }

    @Test
    void loadedValuesTakeTheEncodingsOurLimitsGive() throws IOException {
        try (RealRedis redis = RealRedis.start(); Jedis jedis = new Jedis("127.0.0.1", redis.port())) {
            fill(jedis);
            jedis.save();
            Databases ours = load(redis.dir().resolve("dump.rdb"));
            assertThat(((SetValue) ours.db(0).lookup(bytes("intset64"))).encoding()).isEqualTo(SetValue.INTSET);
            assertThat(((SetValue) ours.db(0).lookup(bytes("many ints"))).encoding()).isEqualTo(SetValue.HASHTABLE);
            assertThat(((ListValue) ours.db(0).lookup(bytes("big list"))).encoding()).isEqualTo("quicklist");
            assertThat(((ListValue) ours.db(0).lookup(bytes("small list"))).size()).isEqualTo(16);
        }
    }
}
