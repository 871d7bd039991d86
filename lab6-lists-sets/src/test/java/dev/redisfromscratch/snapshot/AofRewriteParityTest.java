package dev.redisfromscratch.snapshot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.redisfromscratch.encoding.EncodingLimits;
import dev.redisfromscratch.lists.ListValue;
import dev.redisfromscratch.resp.BulkString;
import dev.redisfromscratch.resp.client.RespClient;
import dev.redisfromscratch.server.AofFiles;
import dev.redisfromscratch.sets.SetValue;
import dev.redisfromscratch.testkit.RealRedis;
import dev.redisfromscratch.testkit.grading.Stage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Our rewrite of a list or a set is the one Redis 7.0.15's {@code BGREWRITEAOF} writes for the
 * same contents: a list as {@code RPUSH key} batches of 64 elements, head first, byte for byte; an
 * intset as {@code SADD key} batches of 64 in ascending order, byte for byte; any other set as
 * {@code SADD} batches of the same sizes with the same members (the order of a hash table's members
 * is its own in each server).
 */
@Stage(lab = 6, value = 2)
class AofRewriteParityTest {
    private final EncodingLimits limits = EncodingLimits.defaults();

    private static List<String> range(String prefix, int from, int to) {
        List<String> out = new ArrayList<>();
        for (int i = from; i <= to; i++) {
            out.add(prefix + i);
        }
        return out;
    }

    /** Key → the contents Redis and we are given; lists are those whose name starts with "l". */
    private static final Map<String, List<String>> DATA = new LinkedHashMap<>();

    static {
        DATA.put("l:short", List.of("a", "b", "c"));
        DATA.put("l:130", range("e", 0, 129));
        DATA.put("l:128", range("", 1, 128));
        DATA.put("s:ints", Stream.concat(range("", 1, 150).stream(), Stream.of("-5", "70000")).toList());
        DATA.put("s:words", List.of("red", "green", "blue"));
        DATA.put("s:200", range("m", 1, 200));
    }

    @Test
    void ourRewriteMatchesRedissForListsAndSets() throws IOException {
        Map<String, List<List<String>>> redis = redisRewrite();
        for (Map.Entry<String, List<String>> e : DATA.entrySet()) {
            String key = e.getKey();
            List<List<String>> ours = ourRewrite(key, e.getValue());
            List<List<String>> theirs = redis.get(key);
            assertThat(theirs).as(key).isNotNull();
            if (key.startsWith("l") || key.equals("s:ints")) {
                assertThat(ours).as(key).isEqualTo(theirs);
            } else {
                assertThat(ours.stream().map(List::size).toList()).as(key).isEqualTo(theirs.stream().map(List::size).toList());
                assertThat(ours).allSatisfy(c -> assertThat(c.subList(0, 2)).containsExactly("SADD", key));
                assertThat(members(ours)).as(key).containsExactlyInAnyOrderElementsOf(members(theirs));
            }
        }
    }

    private List<List<String>> ourRewrite(String key, List<String> contents) {
        ValueCodecs codecs = ValueCodecs.strings();
        CollectionCodecs.register(codecs, limits);
        Object value;
        if (key.startsWith("l")) {
            ListValue list = new ListValue();
            contents.forEach(e -> list.pushTail(e.getBytes(StandardCharsets.UTF_8), limits));
            value = list;
        } else {
            SetValue set = new SetValue();
            contents.forEach(e -> set.add(e.getBytes(StandardCharsets.UTF_8), limits));
            value = set;
        }
        List<List<String>> commands = new ArrayList<>();
        ValueCodec codec = codecs.of(value);
        codec.rewrite(key.getBytes(StandardCharsets.UTF_8), codec.freeze(value),
                argv -> commands.add(argv.stream().map(a -> new String(a, StandardCharsets.UTF_8)).toList()));
        return commands;
    }

    private static List<String> members(List<List<String>> commands) {
        List<String> out = new ArrayList<>();
        commands.forEach(c -> out.addAll(c.subList(2, c.size())));
        return out;
    }

    /** Loads {@link #DATA} into a real Redis, rewrites its AOF, and groups the base file's commands by key. */
    private static Map<String, List<List<String>>> redisRewrite() throws IOException {
        try (RealRedis redis = RealRedis.start("--appendonly", "yes", "--aof-use-rdb-preamble", "no");
             RespClient c = new RespClient("127.0.0.1", redis.port())) {
            for (Map.Entry<String, List<String>> e : DATA.entrySet()) {
                List<String> argv = new ArrayList<>(List.of(e.getKey().startsWith("l") ? "RPUSH" : "SADD", e.getKey()));
                argv.addAll(e.getValue());
                c.call(argv.toArray(String[]::new));
            }
            c.call("BGREWRITEAOF");
            Path dir = redis.dir().resolve("appendonlydir");
            Path base = null;
            long deadline = System.nanoTime() + 30_000_000_000L;
            while (base == null) {
                String info = new String(((BulkString) c.call("INFO", "persistence")).bytes(), StandardCharsets.US_ASCII);
                if (info.contains("aof_rewrite_in_progress:0") && info.contains("aof_rewrite_scheduled:0")) {
                    try (Stream<Path> files = Files.list(dir)) {
                        base = files.filter(p -> p.getFileName().toString().matches("appendonly\\.aof\\.[2-9]\\d*\\.base\\.aof"))
                                .findFirst().orElse(null);
                    }
                }
                assertThat(System.nanoTime()).as("Redis's rewrite finished").isLessThan(deadline);
            }
            Map<String, List<List<String>>> byKey = new LinkedHashMap<>();
            for (List<String> command : AofFiles.parse(Files.readString(base, StandardCharsets.ISO_8859_1))) {
                if (!command.get(0).equals("SELECT")) {
                    byKey.computeIfAbsent(command.get(1), k -> new ArrayList<>()).add(command);
                }
            }
            return byKey;
        }
    }
}
