package dev.redisfromscratch.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.redisfromscratch.config.ServerConfig;
import dev.redisfromscratch.resp.BulkString;
import dev.redisfromscratch.resp.RespArray;
import dev.redisfromscratch.resp.RespInteger;
import dev.redisfromscratch.resp.RespValue;
import dev.redisfromscratch.resp.SimpleString;
import dev.redisfromscratch.resp.client.RespClient;
import dev.redisfromscratch.testkit.ManualClock;
import dev.redisfromscratch.testkit.TempDirs;
import dev.redisfromscratch.testkit.grading.Stage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Lists and sets survive a restart, with every encoding, in several databases: through the
 * snapshot (SAVE, and BGSAVE at its point in time while the list changes), through the append-only
 * file's replay, and through BGREWRITEAOF's rewritten file. After a load each value's encoding is
 * the one the rules give for its contents and the server's limits now. Lab 4's version-1 snapshots
 * still load; lab 6's version-2 snapshot stops lab 5's server (strings only) at startup.
 */
@Stage(lab = 6, value = 2)
class ListSetPersistenceTest {
    /** One key: database, name, type, elements in order (a list) or any order (a set), encoding. */
    record Expected(int db, String key, boolean list, List<String> elements, String encoding) {
    }

    private static List<String> range(String prefix, int from, int to) {
        List<String> out = new ArrayList<>();
        for (int i = from; i <= to; i++) {
            out.add(prefix + i);
        }
        return out;
    }

    private static final String LONG = "x".repeat(100);

    /** Every encoding, spread over databases 0, 3 and 15. */
    private static final List<Expected> DATA = List.of(
            new Expected(0, "list:small", true, List.of("a", "b", "\u00e9", "42"), "listpack"),
            new Expected(0, "list:long", true, range(LONG, 1, 200), "quicklist"),     // > 8 KB: several nodes
            new Expected(3, "set:ints", false, List.of("3", "-7", "100000", "1"), "intset"),
            new Expected(3, "set:small", false, List.of("red", "green", "7"), "listpack"),
            new Expected(15, "set:big", false, range("m", 1, 300), "hashtable"),
            new Expected(15, "list:one", true, List.of("only"), "listpack"));

    private static void write(RespClient c, Expected e) throws IOException {
        call(c, "SELECT", Integer.toString(e.db()));
        List<String> argv = new ArrayList<>(List.of(e.list() ? "RPUSH" : "SADD", e.key()));
        argv.addAll(e.elements());
        call(c, argv.toArray(String[]::new));
    }

    private static void writeAll(RespClient c) throws IOException {
        for (Expected e : DATA) {
            write(c, e);
        }
        call(c, "SELECT", "15");
        call(c, "PEXPIRE", "list:one", "3600000");
        call(c, "SET", "plain", "string");
        call(c, "SELECT", "0");
    }

    private static RespValue call(RespClient c, String... argv) throws IOException {
        RespValue reply = c.call(argv);
        assertThat(reply.toString()).as(String.join(" ", argv)).doesNotContain("ERR");
        return reply;
    }

    private static List<String> texts(RespValue array) {
        List<String> out = new ArrayList<>();
        for (RespValue v : ((RespArray) array).elements()) {
            out.add(new String(((BulkString) v).bytes(), StandardCharsets.UTF_8));
        }
        return out;
    }

    private static String text(RespValue bulk) {
        return new String(((BulkString) bulk).bytes(), StandardCharsets.UTF_8);
    }

    /** Checks that every key of {@link #DATA} is back, with its elements, TTL and encoding. */
    private static void assertAllBack(int port) throws IOException {
        try (RespClient c = new RespClient("127.0.0.1", port)) {
            for (Expected e : DATA) {
                call(c, "SELECT", Integer.toString(e.db()));
                if (e.list()) {
                    assertThat(texts(call(c, "LRANGE", e.key(), "0", "-1"))).as(e.key()).containsExactlyElementsOf(e.elements());
                } else {
                    assertThat(texts(call(c, "SMEMBERS", e.key()))).as(e.key()).containsExactlyInAnyOrderElementsOf(e.elements());
                }
                assertThat(text(call(c, "OBJECT", "ENCODING", e.key()))).as(e.key()).isEqualTo(e.encoding());
                assertThat(call(c, "TYPE", e.key())).isEqualTo(new SimpleString(e.list() ? "list" : "set"));
            }
            call(c, "SELECT", "15");
            assertThat(((RespInteger) call(c, "PTTL", "list:one")).value()).isBetween(1L, 3_600_000L);
            assertThat(text(call(c, "GET", "plain"))).isEqualTo("string");
            call(c, "SELECT", "3");
            assertThat(call(c, "DBSIZE")).isEqualTo(new RespInteger(2));
        }
    }

    @Test
    void saveThenRestartBringsBackEveryEncodingInEveryDatabase() throws Exception {
        IntegratedServerFixture first = IntegratedServerFixture.start(ListsSetsServer.extensions());
        Path dir = first.dir;
        try (RespClient c = new RespClient("127.0.0.1", first.port)) {
            writeAll(c);
            call(c, "SAVE");
        }
        first.stopKeepingFiles();
        String json = Files.readString(dir.resolve("dump.json"));
        assertThat(json).startsWith("{\"format\":\"redis-from-scratch snapshot\",\"version\":2,")
                .contains("{\"key\":\"list:small\",\"type\":\"list\",\"value\":[\"a\",\"b\",\"\u00e9\",\"42\"]}",
                        "{\"select\":3}", "{\"select\":15}");
        try (IntegratedServerFixture again = IntegratedServerFixture.startIn(dir, ListsSetsServer.extensions())) {
            assertAllBack(again.port);
        }
    }

    @Test
    void bgsaveThenRestartBringsBackEveryEncodingInEveryDatabase() throws Exception {
        IntegratedServerFixture first = IntegratedServerFixture.start(ListsSetsServer.extensions());
        Path dir = first.dir;
        try (RespClient c = new RespClient("127.0.0.1", first.port)) {
            writeAll(c);
            assertThat(c.call("BGSAVE")).isEqualTo(new SimpleString("Background saving started"));
            first.server.persistence().backgroundWorkDone().get(30, TimeUnit.SECONDS);
        }
        first.stopKeepingFiles();
        try (IntegratedServerFixture again = IntegratedServerFixture.startIn(dir, ListsSetsServer.extensions())) {
            assertAllBack(again.port);
        }
    }

    @Test
    void theAppendOnlyFileReplaysListsAndSets() throws Exception {
        IntegratedServerFixture first = IntegratedServerFixture.start(ListsSetsServer.extensions(),
                "appendonly", "yes", "appendfsync", "always");
        Path dir = first.dir;
        try (RespClient c = new RespClient("127.0.0.1", first.port)) {
            writeAll(c);
            // changes in place that the file must carry too
            call(c, "SELECT", "0");
            call(c, "RPUSH", "list:gone", "x");
            call(c, "LPOP", "list:gone");
            call(c, "SELECT", "3");
            call(c, "SADD", "set:ints", "99");
            call(c, "SREM", "set:ints", "99");
        }
        first.stopKeepingFiles();
        try (IntegratedServerFixture again = IntegratedServerFixture.startIn(dir, ListsSetsServer.extensions(), "appendonly", "yes")) {
            assertAllBack(again.port);
            try (RespClient c = new RespClient("127.0.0.1", again.port)) {
                assertThat(call(c, "EXISTS", "list:gone")).isEqualTo(new RespInteger(0));
            }
        }
    }

    @Test
    void bgrewriteaofWritesRpushAndSaddBatchesThatReplay() throws Exception {
        IntegratedServerFixture first = IntegratedServerFixture.start(ListsSetsServer.extensions(),
                "appendonly", "yes", "appendfsync", "always");
        Path dir = first.dir;
        try (RespClient c = new RespClient("127.0.0.1", first.port)) {
            call(c, "RPUSH", "scratch", "1");   // written, then gone: the rewrite leaves it out
            call(c, "DEL", "scratch");
            writeAll(c);
            call(c, "BGREWRITEAOF");
            first.server.persistence().backgroundWorkDone().get(30, TimeUnit.SECONDS);
        }
        first.stopKeepingFiles();
        String aof = Files.readString(dir.resolve("appendonly.aof"), StandardCharsets.ISO_8859_1);
        assertThat(aof).doesNotContain("scratch")
                .contains("*66\r\n$5\r\nRPUSH\r\n$9\r\nlist:long\r\n") // 200 elements: 64 + 64 + 64 + 8
                .contains("*10\r\n$5\r\nRPUSH\r\n$9\r\nlist:long\r\n")
                .contains("*6\r\n$4\r\nSADD\r\n$8\r\nset:ints\r\n");
        try (IntegratedServerFixture again = IntegratedServerFixture.startIn(dir, ListsSetsServer.extensions(), "appendonly", "yes")) {
            assertAllBack(again.port);
        }
    }

    @Test
    void bgsaveWritesTheListAsItWasWhenTheSaveBegan() throws Exception {
        Path dir = TempDirs.create("lab6-");
        BlockingQueue<Runnable> held = new LinkedBlockingQueue<>();
        List<String> log = new CopyOnWriteArrayList<>();
        IntegratedServer server = IntegratedServer.create(ServerConfig.ephemeral().set("dir", dir.toString()),
                new ManualClock(), held::add, log::add, ListsSetsServer.extensions());
        int port = server.start();
        try (RespClient c = new RespClient("127.0.0.1", port)) {
            call(c, "RPUSH", "q", "a", "b", "c");
            call(c, "SADD", "s", "1", "2");
            assertThat(c.call("BGSAVE").toString()).contains("Background saving started");
            // the save is "slow": it has not run yet, and the list and the set change in place
            call(c, "RPUSH", "q", "d");
            call(c, "LPOP", "q");
            call(c, "LSET", "q", "0", "B");
            call(c, "SADD", "s", "3");
            call(c, "SREM", "s", "1");
            Thread save = new Thread(held.take());
            save.start();
            save.join(30_000);
            server.persistence().backgroundWorkDone().get(30, TimeUnit.SECONDS);
            assertThat(texts(call(c, "LRANGE", "q", "0", "-1"))).containsExactly("B", "c", "d");
        }
        server.close();
        try (IntegratedServerFixture again = IntegratedServerFixture.startIn(dir, ListsSetsServer.extensions());
             RespClient c = new RespClient("127.0.0.1", again.port)) {
            assertThat(texts(call(c, "LRANGE", "q", "0", "-1"))).containsExactly("a", "b", "c");
            assertThat(texts(call(c, "SMEMBERS", "s"))).containsExactlyInAnyOrder("1", "2");
        }
    }

    @Test
    void aLoadEncodesByTheLimitsOfTheServerThatLoads() throws Exception {
        IntegratedServerFixture first = IntegratedServerFixture.start(ListsSetsServer.extensions());
        Path dir = first.dir;
        try (RespClient c = new RespClient("127.0.0.1", first.port)) {
            call(c, "RPUSH", "l", "1", "2", "3");
            call(c, "SADD", "ints", "1", "2", "3", "4", "5");
            call(c, "SADD", "words", "a", "b", "c", "d", "e");
            assertThat(text(call(c, "OBJECT", "ENCODING", "l"))).isEqualTo("listpack");
            assertThat(text(call(c, "OBJECT", "ENCODING", "ints"))).isEqualTo("intset");
            assertThat(text(call(c, "OBJECT", "ENCODING", "words"))).isEqualTo("listpack");
            call(c, "SAVE");
        }
        first.stopKeepingFiles();
        try {
            IntegratedServerFixture again = IntegratedServerFixture.startIn(dir, ListsSetsServer.extensions(),
                    "list-max-listpack-size", "2", "set-max-intset-entries", "4", "set-max-listpack-entries", "4");
            try (RespClient c = new RespClient("127.0.0.1", again.port)) {
                assertThat(text(call(c, "OBJECT", "ENCODING", "l"))).isEqualTo("quicklist");   // 3 entries > 2 per node
                assertThat(text(call(c, "OBJECT", "ENCODING", "ints"))).isEqualTo("hashtable"); // 5 > 4 and 5 > 4
                assertThat(text(call(c, "OBJECT", "ENCODING", "words"))).isEqualTo("hashtable");
                assertThat(texts(call(c, "LRANGE", "l", "0", "-1"))).containsExactly("1", "2", "3");
            } finally {
                again.stopKeepingFiles();
            }
            IntegratedServerFixture third = IntegratedServerFixture.startIn(dir, ListsSetsServer.extensions(),
                    "set-max-intset-entries", "4", "set-max-listpack-entries", "8");
            try (RespClient c = new RespClient("127.0.0.1", third.port)) {
                assertThat(text(call(c, "OBJECT", "ENCODING", "ints"))).isEqualTo("hashtable"); // an intset past its limit: 7.2's rule
                assertThat(text(call(c, "OBJECT", "ENCODING", "words"))).isEqualTo("listpack");
                assertThat(text(call(c, "OBJECT", "ENCODING", "l"))).isEqualTo("listpack");     // back under the default
            } finally {
                third.stopKeepingFiles();
            }
        } finally {
            TempDirs.delete(dir);
        }
    }

    @Test
    void lab4sVersion1SnapshotLoadsAndLab6sStopsLab5sServer() throws Exception {
        Path dir = TempDirs.create("lab6-");
        try {
            Files.writeString(dir.resolve("dump.json"), "{\"format\":\"redis-from-scratch snapshot\",\"version\":1,\n"
                    + "\"keys\":[{\"key\":\"a\",\"type\":\"string\",\"value\":\"1\"},{\"select\":4},"
                    + "{\"key\":\"b\",\"type\":\"string\",\"value\":{\"base64\":\"/w==\"}}],\"count\":2}");
            IntegratedServerFixture lab6 = IntegratedServerFixture.startIn(dir, ListsSetsServer.extensions());
            try (RespClient c = new RespClient("127.0.0.1", lab6.port)) {
                assertThat(text(call(c, "GET", "a"))).isEqualTo("1");
                call(c, "SELECT", "4");
                assertThat(((BulkString) call(c, "GET", "b")).bytes()).containsExactly(0xff);
                call(c, "RPUSH", "l", "x");
                call(c, "SAVE");
            }
            lab6.stopKeepingFiles();
            assertThat(Files.readString(dir.resolve("dump.json"))).contains("\"version\":2,");
            assertThatThrownBy(() -> IntegratedServerFixture.startIn(dir).close())
                    .isInstanceOf(IOException.class)
                    .hasMessageContaining("snapshot version 2 is not one this server reads (1 to 1)");
        } finally {
            TempDirs.delete(dir);
        }
    }
}
