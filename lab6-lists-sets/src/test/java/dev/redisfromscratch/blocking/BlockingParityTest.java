package dev.redisfromscratch.blocking;

import static dev.redisfromscratch.server.ParityServers.resp;
import static org.assertj.core.api.Assertions.assertThat;

import dev.redisfromscratch.server.CommandMetadataParity;
import dev.redisfromscratch.server.ListsSetsServer;
import dev.redisfromscratch.testkit.RawClient;
import dev.redisfromscratch.testkit.grading.Points;
import dev.redisfromscratch.testkit.grading.Stage;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The blocking pops answer as Redis 7.0.15 does, byte for byte: every error (arity, timeouts,
 * numkeys, count, LEFT/RIGHT, WRONGTYPE in key order), the pops that find a list at once, the
 * answers inside {@code EXEC}; the same multi-client scenarios give the same transcripts; and
 * {@code COMMAND INFO}/{@code DOCS} are Redis's ({@link CommandMetadataParity}, which also holds the
 * pair of servers).
 */
@Stage(lab = 6, value = 3)
class BlockingParityTest extends CommandMetadataParity {
    BlockingParityTest() {
        super(ListsSetsServer.extensions(), "blpop", "brpop", "blmove", "brpoplpush", "blmpop");
    }

    @Test
    @Points(1)
    void theErrorsAreRedis() throws IOException {
        servers.assertSameReplies(resp("SET", "s", "x") + resp("RPUSH", "l", "a", "b", "c")
                + resp("BLPOP", "k") + resp("BRPOP") + resp("BLMOVE", "a", "b", "LEFT", "LEFT")
                + resp("BRPOPLPUSH", "a", "b") + resp("BLMPOP", "0", "1", "k")
                + resp("BLPOP", "k", "abc") + resp("BLPOP", "k", "-1") + resp("BRPOP", "k", "-0.5e1")
                + resp("BLPOP", "k", "nan") + resp("BLPOP", "k", "inf") + resp("BLPOP", "k", "1e20")
                + resp("BLPOP", "k", " 1") + resp("BLPOP", "k", "") + resp("BLPOP", "k", "9.3e15")
                + resp("BLPOP", "s", "0") + resp("BLPOP", "missing", "s", "l", "0")
                + resp("BLPOP", "missing", "l", "s", "0")                      // the list is found first
                + resp("BLMOVE", "a", "b", "UP", "LEFT", "0") + resp("BLMOVE", "a", "b", "LEFT", "DOWN", "abc")
                + resp("BLMOVE", "a", "b", "left", "right", "-1") + resp("BRPOPLPUSH", "a", "b", "x")
                + resp("BLMOVE", "s", "b", "LEFT", "LEFT", "0") + resp("BRPOPLPUSH", "l", "s", "0")
                + resp("BLMPOP", "0", "0", "k", "LEFT") + resp("BLMPOP", "0", "x", "k", "LEFT")
                + resp("BLMPOP", "0", "-1", "k", "LEFT") + resp("BLMPOP", "0", "2", "k", "LEFT")
                + resp("BLMPOP", "0", "1", "k", "UP") + resp("BLMPOP", "0", "1", "k", "LEFT", "COUNT")
                + resp("BLMPOP", "0", "1", "k", "LEFT", "COUNT", "0") + resp("BLMPOP", "0", "1", "k", "LEFT", "COUNT", "x")
                + resp("BLMPOP", "0", "1", "k", "LEFT", "COUNT", "1", "COUNT", "1")
                + resp("BLMPOP", "0", "1", "k", "LEFT", "EXTRA") + resp("BLMPOP", "x", "1", "k", "LEFT")
                + resp("BLMPOP", "-1", "1", "k", "LEFT") + resp("BLMPOP", "0", "1", "s", "LEFT")
                + resp("BLMPOP", "-1", "0", "k", "LEFT") + resp("BLMPOP", "-1", "1", "k", "UP"));
    }

    @Test
    @Points(1)
    void aListFoundAtOnceIsPoppedAsTheNonBlockingFormWould() throws IOException {
        servers.assertSameReplies(resp("RPUSH", "l", "a", "b", "c", "d", "e") + resp("BLPOP", "missing", "l", "0")
                + resp("BRPOP", "l", "l", "1.5") + resp("BLMOVE", "l", "m", "LEFT", "RIGHT", "0")
                + resp("BRPOPLPUSH", "l", "m", "0") + resp("BLMPOP", "0", "2", "none", "l", "RIGHT", "COUNT", "5")
                + resp("EXISTS", "l") + resp("BLMOVE", "m", "m", "LEFT", "RIGHT", "0") + resp("LRANGE", "m", "0", "-1")
                + resp("RPUSH", "one", "x") + resp("BLMPOP", "0", "1", "one", "LEFT", "count", "3") + resp("EXISTS", "one"));
    }

    @Test
    @Points(1)
    void insideExecTheyAnswerAtOnceAsOnATimeout() throws IOException {
        servers.assertSameReplies(resp("MULTI") + resp("BLPOP", "k", "0") + resp("BRPOP", "k", "k2", "10")
                + resp("BLMOVE", "k", "d", "LEFT", "LEFT", "0") + resp("BRPOPLPUSH", "k", "d", "0")
                + resp("BLMPOP", "0", "1", "k", "LEFT") + resp("BLPOP", "k", "-1") + resp("EXEC")
                + resp("RPUSH", "k", "a", "b") + resp("MULTI") + resp("BLPOP", "k", "0")
                + resp("BLMOVE", "k", "d", "LEFT", "LEFT", "0") + resp("BLPOP", "k", "0") + resp("EXEC"));
    }

    /** The same scenario, on each server: what every connection received, in order. */
    private static List<String> scenario(int port) throws IOException {
        List<String> out = new ArrayList<>();
        try (Clients c = new Clients(port, () -> "")) {
            RawClient a = c.connect();
            RawClient b = c.connect();
            RawClient d = c.connect();
            RawClient e = c.connect();
            c.block(a, 1, "BRPOP", "k1", "k2", "0");
            c.block(b, 2, "BLMPOP", "0", "2", "k2", "k1", "LEFT", "COUNT", "2");
            c.block(d, 3, "BLMOVE", "k2", "k3", "RIGHT", "LEFT", "0");
            c.block(e, 4, "BLPOP", "k3", "0");
            out.add(c.call("RPUSH", "k2", "x", "y", "z", "w"));
            out.add(c.reply(a));
            out.add(c.reply(b));
            out.add(c.reply(d));
            out.add(c.reply(e));
            out.add(c.call("LRANGE", "k2", "0", "-1"));
            out.add(c.call("EXISTS", "k1", "k3"));
            c.block(a, 1, "BLMOVE", "src", "s", "LEFT", "LEFT", "0");
            out.add(c.call("SET", "s", "string"));
            out.add(c.call("RPUSH", "src", "v"));
            out.add(c.reply(a));                              // -WRONGTYPE: the destination is a string
            out.add(c.call("LRANGE", "src", "0", "-1"));      // nothing moved
            out.add(String.valueOf(c.blockedClients()));
        }
        return out;
    }

    @Test
    @Points(2)
    void blockedClientsAreServedAsRedisServesThem() throws IOException {
        assertThat(scenario(servers.ours.port)).isEqualTo(scenario(servers.redis.port()));
    }
}
