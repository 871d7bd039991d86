package dev.redisfromscratch.sets;

import static org.assertj.core.api.Assertions.assertThat;

import dev.redisfromscratch.encoding.EncodingLimits;
import dev.redisfromscratch.resp.RespInteger;
import dev.redisfromscratch.resp.RespValue;
import dev.redisfromscratch.resp.SimpleString;
import dev.redisfromscratch.resp.client.RespClient;
import dev.redisfromscratch.server.IntegratedServerFixture;
import dev.redisfromscratch.server.ListsSetsServer;
import dev.redisfromscratch.server.ParityServers;
import dev.redisfromscratch.testkit.grading.Points;
import dev.redisfromscratch.testkit.grading.Stage;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every conversion boundary of a set's encoding, Redis 7.2's rules with the default limits
 * ({@code set-max-intset-entries} 512, {@code set-max-listpack-entries} 128,
 * {@code set-max-listpack-value} 64), read through {@code OBJECT ENCODING} on lab 6's server (7.0.15
 * has no listpack sets, so these are not compared with it), plus the rules that need other limits,
 * on {@link SetValue} directly.
 */
@Stage(lab = 6, value = 2)
class SetEncodingTest {
    private static IntegratedServerFixture server;
    private static RespClient client;

    @BeforeAll
    static void start() throws Exception {
        server = IntegratedServerFixture.start(ListsSetsServer.extensions());
        client = new RespClient("127.0.0.1", server.port);
    }

    @AfterAll
    static void stop() throws Exception {
        if (client != null) {
            client.close();
        }
        if (server != null) {
            server.close();
        }
    }

    @AfterEach
    void flush() throws Exception {
        client.call("FLUSHALL");
    }

    private static String encoding(String key) throws Exception {
        return ParityServers.text(client.call("OBJECT", "ENCODING", key));
    }

    private static long integer(RespValue reply) {
        return ((RespInteger) reply).value();
    }

    /** SADD key m(from) ... m(to - 1), in one call. */
    private static long sadd(String key, String prefix, int from, int to) throws Exception {
        List<String> args = new ArrayList<>(List.of("SADD", key));
        for (int i = from; i < to; i++) {
            args.add(prefix + i);
        }
        return integer(client.call(args.toArray(String[]::new)));
    }

    @Test
    @Points(1)
    void anIntsetHolds512IntegersAndThe513thMakesAHashtable() throws Exception {
        for (int i = 0; i < 511; i++) {
            client.call("SADD", "s", Integer.toString(i));
        }
        assertThat(encoding("s")).isEqualTo("intset");
        client.call("SADD", "s", "511");
        assertThat(encoding("s")).isEqualTo("intset");
        client.call("SADD", "s", "511");       // already a member: no change
        assertThat(encoding("s")).isEqualTo("intset");
        client.call("SADD", "s", "512");
        assertThat(encoding("s")).isEqualTo("hashtable");
        client.call("SREM", "s", "512", "511", "0");
        assertThat(encoding("s")).as("never converted back").isEqualTo("hashtable");
    }

    @Test
    @Points(1)
    void theNumberOfMembersACommandAddsChoosesTheEncodingFirst() throws Exception {
        sadd("a", "", 0, 512);
        assertThat(encoding("a")).isEqualTo("intset");
        sadd("b", "", 0, 513);
        assertThat(encoding("b")).isEqualTo("hashtable");
        client.call("SADD", "c", "1");
        List<String> args = new ArrayList<>(List.of("SADD", "c"));
        for (int i = 0; i < 513; i++) {
            args.add("1");                     // 513 arguments, all one member already there
        }
        assertThat(integer(client.call(args.toArray(String[]::new)))).isZero();
        assertThat(encoding("c")).as("converted before adding, as setTypeMaybeConvert does").isEqualTo("hashtable");
        sadd("d", "m", 0, 128);
        assertThat(encoding("d")).isEqualTo("listpack");
        sadd("e", "m", 0, 129);
        assertThat(encoding("e")).isEqualTo("hashtable");
        client.call("SADD", "f", "x");
        sadd("f", "m", 0, 129);
        assertThat(encoding("f")).isEqualTo("hashtable");
    }

    @Test
    @Points(1)
    void aListpackHolds128MembersOf64BytesAtMost() throws Exception {
        sadd("s", "m", 0, 127);
        assertThat(encoding("s")).isEqualTo("listpack");
        client.call("SADD", "s", "m127");
        assertThat(encoding("s")).isEqualTo("listpack");
        client.call("SADD", "s", "m128");
        assertThat(encoding("s")).isEqualTo("hashtable");
        assertThat(integer(client.call("SCARD", "s"))).isEqualTo(129);

        client.call("SADD", "v", "a", "x".repeat(64));
        assertThat(encoding("v")).isEqualTo("listpack");
        client.call("SADD", "v", "y".repeat(65));
        assertThat(encoding("v")).isEqualTo("hashtable");
        client.call("SADD", "w", "z".repeat(65));
        assertThat(encoding("w")).as("a new key of one long member").isEqualTo("hashtable");
    }

    @Test
    @Points(1)
    void anIntsetGivenAStringBecomesAListpackIfItFitsElseAHashtable() throws Exception {
        sadd("a", "", 0, 127);
        client.call("SADD", "a", "x".repeat(64));
        assertThat(encoding("a")).isEqualTo("listpack");
        assertThat(integer(client.call("SCARD", "a"))).isEqualTo(128);
        assertThat(integer(client.call("SISMEMBER", "a", "126"))).isEqualTo(1);

        sadd("b", "", 0, 128);
        client.call("SADD", "b", "x");
        assertThat(encoding("b")).as("128 integers and one more").isEqualTo("hashtable");

        client.call("SADD", "c", "1", "2");
        client.call("SADD", "c", "y".repeat(65));
        assertThat(encoding("c")).isEqualTo("hashtable");
    }

    @Test
    @Points(1)
    void onlyCanonicalIntegersGoInAnIntset() throws Exception {
        client.call("SADD", "i", "-9223372036854775808", "9223372036854775807", "-1", "0");
        assertThat(encoding("i")).isEqualTo("intset");
        for (String notAnInteger : List.of("007", "+1", "-0", " 1", "1 ", "9223372036854775808", "1.0", "")) {
            client.call("DEL", "k");
            client.call("SADD", "k", "1");
            client.call("SADD", "k", notAnInteger);
            assertThat(encoding("k")).as(notAnInteger).isEqualTo("listpack");
            assertThat(integer(client.call("SCARD", "k"))).as(notAnInteger).isEqualTo(2);
            assertThat(ParityServers.texts(client.call("SMEMBERS", "k"))).as(notAnInteger).contains(notAnInteger);
        }
        client.call("SADD", "n", "007");
        assertThat(encoding("n")).isEqualTo("listpack");
        assertThat(integer(client.call("SISMEMBER", "n", "7"))).isZero();
    }

    @Test
    @Points(1)
    void storedResultsAndMovedMembersTakeTheEncodingTheirMembersCallFor() throws Exception {
        client.call("SADD", "l1", "a", "1", "2", "3");
        client.call("SADD", "l2", "b", "1", "2", "3");
        assertThat(integer(client.call("SINTERSTORE", "d", "l1", "l2"))).isEqualTo(3);
        assertThat(encoding("d")).as("only integers in common").isEqualTo("intset");
        client.call("SUNIONSTORE", "d", "l1", "l2");
        assertThat(encoding("d")).isEqualTo("listpack");
        client.call("SDIFFSTORE", "d", "l1", "l2");
        assertThat(encoding("d")).isEqualTo("listpack");
        sadd("i1", "", 0, 300);
        sadd("i2", "", 300, 600);
        client.call("SUNIONSTORE", "d", "i1", "i2");
        assertThat(encoding("d")).as("600 integers").isEqualTo("hashtable");
        client.call("SINTERSTORE", "d", "i1", "i1");
        assertThat(encoding("d")).isEqualTo("intset");
        client.call("SMOVE", "l1", "ni", "1");
        assertThat(encoding("ni")).isEqualTo("intset");
        client.call("SMOVE", "l1", "ns", "a");
        assertThat(encoding("ns")).isEqualTo("listpack");
        client.call("COPY", "i1", "i3");
        assertThat(encoding("i3")).isEqualTo("intset");
        assertThat(client.call("TYPE", "i3")).isEqualTo(new SimpleString("set"));
    }

    @Test
    void otherLimitsAreRead() {
        EncodingLimits limits = EncodingLimits.defaults();
        limits.setMaxListpackValue(3);
        SetValue set = new SetValue();
        set.add(bytes("100"), limits);
        set.add(bytes("a"), limits);
        assertThat(set.encoding()).isEqualTo("listpack");
        SetValue negative = new SetValue();
        negative.add(bytes("-100"), limits);      // 4 bytes of text: the sign counts
        negative.add(bytes("a"), limits);
        assertThat(negative.encoding()).isEqualTo("hashtable");

        limits.setMaxIntsetEntries(2);
        SetValue small = SetValue.create(bytes("1"), 1, limits);
        small.add(bytes("1"), limits);
        small.add(bytes("2"), limits);
        assertThat(small.encoding()).isEqualTo("intset");
        small.add(bytes("3"), limits);
        assertThat(small.encoding()).isEqualTo("hashtable");
        assertThat(SetValue.create(bytes("1"), 3, limits).encoding()).isEqualTo("listpack");
    }

    @Test
    void copiesAreIndependentInEveryEncoding() {
        EncodingLimits limits = EncodingLimits.defaults();
        for (String first : List.of("1", "a", "x".repeat(100))) {
            SetValue set = new SetValue();
            set.add(bytes(first), limits);
            set.add(bytes("2"), limits);
            SetValue copy = set.copy();
            assertThat(copy.encoding()).isEqualTo(set.encoding());
            copy.add(bytes("3"), limits);
            copy.remove(bytes(first));
            assertThat(set.contains(bytes(first))).isTrue();
            assertThat(set.contains(bytes("3"))).isFalse();
            assertThat(set.size()).isEqualTo(2);
        }
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }
}
