package dev.redisfromscratch.sets;

import static org.assertj.core.api.Assertions.assertThat;

import dev.redisfromscratch.resp.client.RespClient;
import dev.redisfromscratch.server.AofFiles;
import dev.redisfromscratch.server.ListsSetsServer;
import dev.redisfromscratch.testkit.grading.Points;
import dev.redisfromscratch.testkit.grading.Stage;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * What the set commands write to the append-only file is what Redis 7.0.15 writes to its own: the
 * same script sent to lab 6 and to a real redis-server, both with {@code appendonly yes} and
 * {@code appendfsync always}. It checks Redis's rewrites:
 * <ul>
 *   <li>SPOP as {@code SREM key member};</li>
 *   <li>SPOP with a count below the set's size as one {@code SREM key member} per member, between
 *       {@code MULTI} and {@code EXEC} when there are several; with a count covering the set as
 *       {@code DEL key};</li>
 *   <li>SMOVE, SADD, SREM and the STORE forms as sent, and only when they changed something (an
 *       empty STORE result propagates only if it deleted the destination);</li>
 *   <li>nothing for reads, errors and writes that changed nothing;</li>
 *   <li>inside {@code MULTI}/{@code EXEC}, SPOP's SREMs within the one transaction.</li>
 * </ul>
 * Which members SPOP takes is random, so the members of the SREMs on the popped keys ({@code p*})
 * are compared as {@code <m>}, after checking that ours are distinct members of the set.
 */
@Stage(lab = 6, value = 2)
class SetCommandsAofParityTest {
    private static final List<List<String>> SCRIPT = List.of(
            List.of("SADD", "s", "1", "2", "3"),
            List.of("SADD", "s", "1"),                       // nothing
            List.of("SREM", "s", "9"),                       // nothing
            List.of("SREM", "s", "1", "9"),
            List.of("sadd", "s", "x"),                       // as sent, in lower case
            List.of("SISMEMBER", "s", "x"),                  // a read: nothing
            List.of("SADD", "pa", "a", "b", "c"),
            List.of("SPOP", "pa"),
            List.of("SADD", "pt", "a", "b", "c", "d", "e", "f", "g", "h", "i", "j"),
            List.of("SPOP", "pt", "3"),
            List.of("SPOP", "pt", "1"),
            List.of("SPOP", "pt", "0"),                      // nothing
            List.of("SPOP", "pt", "-1"),                     // an error: nothing
            List.of("SPOP", "pt", "100"),                    // the rest: DEL
            List.of("SPOP", "missing", "2"),                 // nothing
            List.of("SADD", "pi", "1", "2", "3", "4", "5", "6"),
            List.of("SPOP", "pi", "5"),                      // most of it
            List.of("SPOP", "pi"),                           // the last: SREM, and the key goes
            List.of("SADD", "u", "1", "2", "3"),
            List.of("SMOVE", "u", "v", "1"),
            List.of("SMOVE", "u", "u", "2"),                 // nothing
            List.of("SMOVE", "u", "v", "9"),                 // nothing
            List.of("SINTERSTORE", "d", "u", "v"),           // empty, d missing: nothing
            List.of("SUNIONSTORE", "d", "u", "v"),
            List.of("SDIFFSTORE", "d", "u", "u"),            // empty: deletes d
            List.of("SINTERSTORE", "d", "missing"),          // empty, d missing: nothing
            List.of("SINTERSTORE", "d", "u", "u"),
            List.of("SREM", "u", "2", "3"),                  // empties u
            List.of("SET", "str", "v"),
            List.of("SADD", "str", "a"),                     // WRONGTYPE: nothing
            List.of("SRANDMEMBER", "s", "2"),                // a read: nothing
            List.of("SINTERCARD", "1", "s"),                 // a read: nothing
            List.of("SADD", "pm", "1", "2", "3", "4", "5", "6", "7", "8", "9", "10"),
            List.of("MULTI"),
            List.of("SPOP", "pm", "2"),                      // its SREMs inside the transaction
            List.of("SPOP", "pm"),
            List.of("SADD", "s", "y"),
            List.of("EXEC"));

    private static void run(int port) throws Exception {
        try (RespClient c = new RespClient("127.0.0.1", port)) {
            for (List<String> request : SCRIPT) {
                c.call(request.toArray(String[]::new));
            }
        }
    }

    @Test
    @Points(2)
    void ourFileIsRedisFileButForWhichMembersSpopTook() throws Exception {
        AofFiles.Written files = AofFiles.afterScript(ListsSetsServer.extensions(),
                SetCommandsAofParityTest::run);
        String mine = files.ours();
        String theirs = files.redis();
        List<List<String>> ourCommands = AofFiles.parse(mine);
        List<List<String>> redisCommands = AofFiles.parse(theirs);
        assertThat(AofFiles.serialize(ourCommands)).as("our file is only multibulk requests").isEqualTo(mine);

        Set<String> poppedFromPt = new HashSet<>();
        for (List<String> command : ourCommands) {
            if (command.get(0).equals("SREM") && command.get(1).equals("pt")) {
                assertThat(poppedFromPt.add(command.get(2))).as("a member popped twice").isTrue();
            }
        }
        assertThat(poppedFromPt).hasSize(4);
        assertThat(Set.of("a", "b", "c", "d", "e", "f", "g", "h", "i", "j")).containsAll(poppedFromPt);

        assertThat(AofFiles.serialize(withoutPoppedMembers(ourCommands)))
                .isEqualTo(AofFiles.serialize(withoutPoppedMembers(redisCommands)));
    }

    /** The commands, with the member of each SREM on a {@code p*} key replaced by {@code <m>}. */
    private static List<List<String>> withoutPoppedMembers(List<List<String>> commands) {
        List<List<String>> out = new ArrayList<>();
        for (List<String> command : commands) {
            List<String> copy = new ArrayList<>(command);
            if (copy.get(0).equals("SREM") && copy.get(1).startsWith("p") && copy.size() == 3) {
                copy.set(2, "<m>");
            }
            out.add(copy);
        }
        return out;
    }
}
