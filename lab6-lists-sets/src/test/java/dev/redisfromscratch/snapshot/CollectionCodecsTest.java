package dev.redisfromscratch.snapshot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonParseException;
import dev.redisfromscratch.encoding.EncodingLimits;
import dev.redisfromscratch.lists.ListValue;
import dev.redisfromscratch.sets.SetValue;
import dev.redisfromscratch.store.DataStore;
import dev.redisfromscratch.store.Databases;
import dev.redisfromscratch.testkit.ManualClock;
import dev.redisfromscratch.testkit.grading.Stage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Lists and sets in the snapshot and the rewrite, without a server: the JSON shape, version 2,
 * lab 4's files still read, a version-2 file refused by lab 4's codecs, freezing as a copy, and
 * the rewrite's batches of 64.
 */
@Stage(lab = 6, value = 2)
class CollectionCodecsTest {
    private static final long NOW = 1_767_225_600_000L;
    private static final String HEADER = "{\"format\":\"redis-from-scratch snapshot\",\"version\":";

    private final EncodingLimits limits = EncodingLimits.defaults();

    private ValueCodecs codecs() {
        ValueCodecs codecs = ValueCodecs.strings();
        CollectionCodecs.register(codecs, limits);
        return codecs;
    }

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private ListValue list(String... elements) {
        ListValue list = new ListValue();
        for (String e : elements) {
            list.pushTail(b(e), limits);
        }
        return list;
    }

    private SetValue set(String... members) {
        SetValue set = new SetValue();
        for (String m : members) {
            set.add(b(m), limits);
        }
        return set;
    }

    private static List<String> elements(Object value) {
        List<String> out = new ArrayList<>();
        if (value instanceof ListValue l) {
            l.forEach(e -> out.add(new String(e, StandardCharsets.ISO_8859_1)));
        } else {
            ((SetValue) value).forEach(e -> out.add(new String(e, StandardCharsets.ISO_8859_1)));
        }
        return out;
    }

    private String write(Databases dbs) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new SnapshotWriter(codecs()).write(out, KeyspaceCapture.of(dbs, codecs(), NOW), NOW);
        return out.toString(StandardCharsets.UTF_8);
    }

    private static Databases databases(int count) {
        return new Databases(count, new ManualClock(NOW));
    }

    private static SnapshotReader.Counts read(ValueCodecs codecs, String json, Databases into) throws IOException {
        return new SnapshotReader(codecs).read(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), into, NOW);
    }

    @Test
    void aListAndASetAreJsonArraysInVersion2() throws IOException {
        Databases dbs = databases(1);
        dbs.db(0).put(b("q"), list("a", "b", "\u00e9"));
        dbs.db(0).put(b("bin"), list("x"));
        ((ListValue) dbs.db(0).lookup(b("bin"))).pushTail(new byte[] {(byte) 0xff}, limits);
        dbs.db(0).put(b("s"), set("7"));
        String json = write(dbs);
        assertThat(json).startsWith(HEADER + "2,")
                .contains("{\"key\":\"q\",\"type\":\"list\",\"value\":[\"a\",\"b\",\"\u00e9\"]}")
                .contains("{\"key\":\"bin\",\"type\":\"list\",\"value\":[\"x\",{\"base64\":\"/w==\"}]}")
                .contains("{\"key\":\"s\",\"type\":\"set\",\"value\":[\"7\"]}")
                .endsWith("\"count\":3}");
    }

    @Test
    void listsAndSetsInSeveralDatabasesComeBackWithTheirTtls() throws IOException {
        Databases dbs = databases(4);
        dbs.db(0).put(b("l0"), list("1", "2", "3"));
        dbs.db(2).put(b("s2"), set("a", "b", "c"));
        dbs.db(2).put(b("i2"), set("3", "1", "2"));
        dbs.db(3).put(b("l3"), list("x"), NOW + 60_000);
        dbs.db(3).put(b("str"), b("plain"));
        Databases loaded = databases(4);
        SnapshotReader.Counts counts = read(codecs(), write(dbs), loaded);
        assertThat(counts.loaded()).isEqualTo(5);
        assertThat(elements(loaded.db(0).lookup(b("l0")))).containsExactly("1", "2", "3");
        assertThat(elements(loaded.db(2).lookup(b("s2")))).containsExactlyInAnyOrder("a", "b", "c");
        assertThat(elements(loaded.db(2).lookup(b("i2")))).containsExactlyInAnyOrder("1", "2", "3");
        assertThat(elements(loaded.db(3).lookup(b("l3")))).containsExactly("x");
        assertThat(loaded.db(3).expireTime(b("l3"))).isEqualTo(NOW + 60_000);
        assertThat(loaded.db(3).get(b("str"))).isEqualTo(b("plain"));
    }

    @Test
    void lab4sVersion1FileLoadsAndAVersion2FileIsRefusedByLab4() throws IOException {
        String v1 = HEADER + "1,\"keys\":[{\"key\":\"a\",\"type\":\"string\",\"value\":\"1\"},{\"select\":2},"
                + "{\"key\":\"b\",\"type\":\"string\",\"value\":{\"base64\":\"/w==\"},\"expireAt\":" + (NOW + 1000) + "}],\"count\":2}";
        Databases loaded = databases(16);
        assertThat(read(codecs(), v1, loaded).loaded()).isEqualTo(2);
        assertThat(loaded.db(2).get(b("b"))).isEqualTo(new byte[] {(byte) 0xff});

        Databases dbs = databases(1);
        dbs.db(0).put(b("q"), list("a"));
        String v2 = write(dbs);
        assertThatThrownBy(() -> read(ValueCodecs.strings(), v2, databases(1)))
                .isInstanceOf(JsonParseException.class)
                .hasMessageContaining("snapshot version 2 is not one this server reads (1 to 1)");
    }

    @Test
    void anEmptyOrMalformedCollectionIsRefused() {
        for (String value : List.of("[]", "\"a\"", "[1]", "[\"a\",[\"b\"]]")) {
            String json = HEADER + "2,\"keys\":[{\"key\":\"k\",\"type\":\"list\",\"value\":" + value + "}],\"count\":1}";
            assertThatThrownBy(() -> read(codecs(), json, databases(1))).as(value).isInstanceOf(JsonParseException.class);
            String set = json.replace("\"list\"", "\"set\"");
            assertThatThrownBy(() -> read(codecs(), set, databases(1))).as(value).isInstanceOf(JsonParseException.class);
        }
    }

    @Test
    void freezingCopiesSoLaterChangesAreNotSaved() {
        ListValue live = list("a", "b");
        SetValue liveSet = set("1", "2");
        Object frozen = codecs().of(live).freeze(live);
        Object frozenSet = codecs().of(liveSet).freeze(liveSet);
        live.pushTail(b("c"), limits);
        live.popHead();
        liveSet.add(b("3"), limits);
        assertThat(elements(frozen)).containsExactly("a", "b");
        assertThat(elements(frozenSet)).containsExactlyInAnyOrder("1", "2");
    }

    @Test
    void theRewriteIsRpushOrSaddOf64AtMost() {
        String[] many = new String[130];
        for (int i = 0; i < many.length; i++) {
            many[i] = "e" + i;
        }
        List<List<String>> commands = new ArrayList<>();
        ValueCodecs codecs = codecs();
        ListValue list = list(many);
        codecs.of(list).rewrite(b("k"), codecs.of(list).freeze(list), argv -> commands.add(texts(argv)));
        assertThat(commands).hasSize(3);
        assertThat(commands.get(0)).hasSize(66).startsWith("RPUSH", "k", "e0", "e1").endsWith("e63");
        assertThat(commands.get(1)).hasSize(66).startsWith("RPUSH", "k", "e64").endsWith("e127");
        assertThat(commands.get(2)).containsExactly("RPUSH", "k", "e128", "e129");

        commands.clear();
        SetValue set = set(many);
        codecs.of(set).rewrite(b("s"), set, argv -> commands.add(texts(argv)));
        assertThat(commands).extracting(c -> c.size()).containsExactly(66, 66, 4);
        List<String> members = new ArrayList<>();
        for (List<String> c : commands) {
            assertThat(c.subList(0, 2)).containsExactly("SADD", "s");
            members.addAll(c.subList(2, c.size()));
        }
        assertThat(members).containsExactlyInAnyOrder(many);

        commands.clear();
        codecs.of(list("only")).rewrite(b("k"), list("only"), argv -> commands.add(texts(argv)));
        assertThat(commands).containsExactly(List.of("RPUSH", "k", "only"));
    }

    private static List<String> texts(List<byte[]> argv) {
        return argv.stream().map(a -> new String(a, StandardCharsets.ISO_8859_1)).toList();
    }
}
