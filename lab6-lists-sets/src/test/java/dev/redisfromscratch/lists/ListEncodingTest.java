package dev.redisfromscratch.lists;

import static org.assertj.core.api.Assertions.assertThat;

import dev.redisfromscratch.encoding.Listpack;
import dev.redisfromscratch.resp.BulkString;
import dev.redisfromscratch.resp.RespInteger;
import dev.redisfromscratch.resp.RespValue;
import dev.redisfromscratch.resp.SimpleString;
import dev.redisfromscratch.resp.client.RespClient;
import dev.redisfromscratch.server.IntegratedServerFixture;
import dev.redisfromscratch.server.ListsSetsServer;
import dev.redisfromscratch.testkit.RealRedis;
import dev.redisfromscratch.testkit.grading.Points;
import dev.redisfromscratch.testkit.grading.Stage;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code OBJECT ENCODING} of a list over the wire: Redis 7.2's names and threshold (a listpack up
 * to one 8 KB node, a quicklist past it), and Redis 7.0.15's answer where the two agree (a list
 * past the node limit is a quicklist in both). A list emptied by a command deletes its key.
 */
@Stage(lab = 6, value = 1)
class ListEncodingTest {
    private static IntegratedServerFixture ours;
    private static RealRedis redis;
    private static RespClient client;
    private static RespClient redisClient;

    @BeforeAll
    static void start() throws Exception {
        ours = IntegratedServerFixture.start(ListsSetsServer.extensions());
        redis = RealRedis.start();
        client = new RespClient("127.0.0.1", ours.port);
        redisClient = new RespClient("127.0.0.1", redis.port());
    }

    @AfterAll
    static void stop() throws Exception {
        client.close();
        redisClient.close();
        ours.close();
        redis.close();
    }

    private static String text(RespValue value) {
        return value instanceof BulkString bulk ? new String(bulk.bytes(), StandardCharsets.ISO_8859_1) : String.valueOf(value);
    }

    @Test
    @Points(1)
    void aSmallListIsAListpackUntilItOutgrowsOneNode() throws Exception {
        byte[] element = "e".repeat(100).getBytes(StandardCharsets.US_ASCII);
        int fit = (8192 - 5) / Listpack.entrySize(element); // header and end marker: 5 bytes
        for (int i = 0; i < fit; i++) {
            client.call("RPUSH", "enc:1", "e".repeat(100));
        }
        assertThat(text(client.call("OBJECT", "ENCODING", "enc:1"))).isEqualTo("listpack");
        client.call("RPUSH", "enc:1", "e".repeat(100));
        assertThat(text(client.call("OBJECT", "ENCODING", "enc:1"))).isEqualTo("quicklist");
    }

    @Test
    @Points(1)
    void aLongListIsAQuicklistAsInRedis() throws Exception {
        for (RespClient c : new RespClient[] {client, redisClient}) {
            c.call("RPUSH", "enc:2", "x".repeat(9000));
            c.call("RPUSH", "enc:3", "x".repeat(5000), "y".repeat(5000));
        }
        for (String key : new String[] {"enc:2", "enc:3"}) {
            assertThat(text(client.call("OBJECT", "ENCODING", key))).isEqualTo("quicklist")
                    .isEqualTo(text(redisClient.call("OBJECT", "ENCODING", key)));
        }
    }

    @Test
    @Points(1)
    void anEmptiedListDeletesItsKey() throws Exception {
        String[][] emptying = {
            {"LPOP", "k"}, {"RPOP", "k", "5"}, {"LREM", "k", "0", "a"}, {"LTRIM", "k", "1", "0"},
            {"LMPOP", "1", "k", "LEFT"}, {"LMOVE", "k", "enc:dst", "LEFT", "LEFT"}, {"RPOPLPUSH", "k", "enc:dst"}};
        for (String[] command : emptying) {
            client.call("RPUSH", "k", "a");
            client.call(command);
            assertThat(client.call("EXISTS", "k")).as(String.join(" ", command)).isEqualTo(new RespInteger(0));
            assertThat(client.call("TYPE", "k")).isEqualTo(new SimpleString("none"));
        }
    }
}
