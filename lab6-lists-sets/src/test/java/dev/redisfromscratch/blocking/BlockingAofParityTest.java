package dev.redisfromscratch.blocking;

import static org.assertj.core.api.Assertions.assertThat;

import dev.redisfromscratch.server.AofFiles;
import dev.redisfromscratch.server.ListsSetsServer;
import dev.redisfromscratch.testkit.RawClient;
import dev.redisfromscratch.testkit.grading.Points;
import dev.redisfromscratch.testkit.grading.Stage;
import java.io.IOException;
import org.junit.jupiter.api.Test;

/**
 * What the blocking pops write to the append-only file is what Redis 7.0.15 writes: a pop that
 * finds its list at once as its non-blocking form (LPOP, RPOP, LPOP key count, LMOVE as sent,
 * RPOPLPUSH), a served pop after the push that woke it, in the blocked client's database, as
 * {@code LPOP key} / {@code RPOP key n} / {@code LMOVE src dst left right} / {@code RPOPLPUSH},
 * and nothing for a client that blocked or timed out; a push inside {@code MULTI} … {@code EXEC}
 * serves after the whole transaction.
 */
@Stage(lab = 6, value = 3)
class BlockingAofParityTest {
    private static void run(int port) throws IOException {
        try (Clients c = new Clients(port, () -> "")) {
            RawClient a = c.connect();
            RawClient b = c.connect();
            RawClient d = c.connect();
            c.call("RPUSH", "now", "1", "2", "3", "4", "5", "6");
            c.call("BLPOP", "none", "now", "0");
            c.call("BRPOP", "now", "0");
            c.call("BLMOVE", "now", "dst", "Left", "RIGHT", "0");
            c.call("BRPOPLPUSH", "now", "dst", "0");
            c.call("BLMPOP", "0", "1", "now", "RIGHT", "COUNT", "5");
            c.call(a, "SELECT", "3");
            c.call(b, "SELECT", "3");
            c.block(a, 1, "BLPOP", "q", "0");
            c.block(b, 2, "BLMPOP", "0", "1", "q", "RIGHT", "COUNT", "3");
            c.call("SELECT", "3");
            c.call("RPUSH", "q", "a", "b", "c");
            c.reply(a);
            c.reply(b);
            c.block(a, 1, "BLMOVE", "m", "n", "RIGHT", "LEFT", "0");
            Clients.send(d, "SELECT", "3");
            c.reply(d);
            c.block(d, 2, "BRPOPLPUSH", "n", "o", "0");
            c.call("LPUSH", "m", "x");
            c.reply(a);
            c.reply(d);
            c.block(a, 1, "BLPOP", "t", "0");
            RawClient tx = c.connect();
            tx.send("SELECT 3\r\nMULTI\r\nRPUSH t 1\r\nRPUSH t 2\r\nEXEC\r\n"); // served after EXEC, not between
            for (int i = 0; i < 5; i++) {
                c.reply(tx);
            }
            c.reply(a);
            c.call("PING");
        }
    }

    @Test
    @Points(1)
    void ourFileIsRedisFile() throws Exception {
        AofFiles.Written files = AofFiles.afterScript(ListsSetsServer.extensions(), BlockingAofParityTest::run);
        assertThat(AofFiles.parse(files.ours())).isEqualTo(AofFiles.parse(files.redis()));
    }
}
