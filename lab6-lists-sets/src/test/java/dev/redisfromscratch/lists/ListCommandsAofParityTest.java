package dev.redisfromscratch.lists;

import static dev.redisfromscratch.server.AofFiles.parse;
import static dev.redisfromscratch.server.AofFiles.serialize;
import static dev.redisfromscratch.server.ParityServers.resp;
import static org.assertj.core.api.Assertions.assertThat;

import dev.redisfromscratch.server.AofFiles;
import dev.redisfromscratch.server.ListsSetsServer;
import dev.redisfromscratch.testkit.RawClient;
import dev.redisfromscratch.testkit.grading.Points;
import dev.redisfromscratch.testkit.grading.Stage;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What the list commands write to the append-only file is what Redis 7.0.15 writes, byte for byte:
 * the same script sent to lab 6 and to a real redis-server, both with {@code appendonly yes} and
 * {@code appendfsync always}. Redis's rewrites checked: LMPOP as {@code LPOP key n} or
 * {@code RPOP key n} (n the number popped); the rest as sent; nothing at all for what changed
 * nothing (LPUSHX on a missing key, LREM or LTRIM that removed nothing, LINSERT without its pivot,
 * LMPOP or LMOVE that found no list, errors).
 */
@Stage(lab = 6, value = 1)
class ListCommandsAofParityTest {
    private static final List<List<String>> SCRIPT = List.of(
            List.of("LPUSH", "l", "a", "b", "c"),
            List.of("rpush", "l", "d", "e\r\n\0"),
            List.of("LPUSHX", "none", "x"),                   // nothing
            List.of("RPUSHX", "l", "f"),
            List.of("LPOP", "l"),
            List.of("RPOP", "l", "2"),
            List.of("LPOP", "l", "0"),                        // nothing
            List.of("LSET", "l", "0", "B"),
            List.of("LSET", "l", "10", "B"),                  // an error: nothing
            List.of("LREM", "l", "0", "zz"),                  // nothing
            List.of("LINSERT", "l", "BEFORE", "zz", "y"),     // nothing
            List.of("LINSERT", "l", "AFTER", "B", "y"),
            List.of("LREM", "l", "-1", "y"),
            List.of("LTRIM", "l", "0", "-1"),                 // nothing
            List.of("RPUSH", "l", "1", "2", "3"),
            List.of("LTRIM", "l", "1", "-2"),
            List.of("LMOVE", "l", "m", "LEFT", "RIGHT"),
            List.of("LMOVE", "none", "m", "LEFT", "RIGHT"),   // nothing
            List.of("RPOPLPUSH", "l", "m"),
            List.of("LMPOP", "2", "none", "m", "LEFT"),
            List.of("LMPOP", "1", "m", "RIGHT", "COUNT", "10"),
            List.of("LMPOP", "1", "m", "RIGHT"),              // nothing: m is gone
            List.of("SET", "s", "v"),
            List.of("LPUSH", "s", "x"),                       // WRONGTYPE: nothing
            List.of("LMPOP", "2", "s", "l", "LEFT"),          // WRONGTYPE: nothing
            List.of("LPOP", "l", "100"),                      // empties and deletes l
            List.of("LLEN", "l"));

    private static void run(int port) throws Exception {
        StringBuilder requests = new StringBuilder();
        for (List<String> request : SCRIPT) {
            requests.append(resp(request.toArray(String[]::new)));
        }
        RawClient.exchangeUntilClosed(port, requests + resp("QUIT"));
    }

    @Test
    @Points(2)
    void ourFileIsRedisFileByteForByte() throws Exception {
        AofFiles.Written files = AofFiles.afterScript(ListsSetsServer.extensions(),
                ListCommandsAofParityTest::run);
        String mine = files.ours();
        String theirs = files.redis();
        assertThat(serialize(parse(mine))).as("our file is only multibulk requests").isEqualTo(mine);
        assertThat(parse(mine)).isEqualTo(parse(theirs));
        assertThat(mine).isEqualTo(theirs);
    }
}
