package dev.redisfromscratch.clients;

import static org.assertj.core.api.Assertions.assertThat;

import dev.redisfromscratch.server.IntegratedServerFixture;
import dev.redisfromscratch.server.ListsSetsServer;
import dev.redisfromscratch.testkit.ExternalTool;
import dev.redisfromscratch.testkit.RealRedis;
import dev.redisfromscratch.testkit.grading.Points;
import dev.redisfromscratch.testkit.grading.Stage;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The real {@code redis-cli} against lab 6: a {@code BLPOP} in one {@code redis-cli} process
 * served by an {@code LPUSH} from another (the lab's "done when"), and what
 * {@code redis-cli --no-raw} prints for lists and sets, next to what it prints for a real
 * {@code redis-server}. Skipped outside CI when {@code redis-tools} is not installed.
 */
class RedisCliListsSetsTest {
    private IntegratedServerFixture fx;

    @BeforeEach
    void start() throws Exception {
        fx = IntegratedServerFixture.start(ListsSetsServer.extensions());
    }

    @AfterEach
    void stop() {
        fx.close();
    }

    private String port() {
        return Integer.toString(fx.port);
    }

    /**
     * {@code redis-cli BLPOP queue 0} waits; {@code redis-cli LPUSH queue job} in a second process
     * prints {@code 1} (the list's length after the push), and the first prints the key and the
     * element, one a line, and exits.
     */
    @Test
    @Stage(lab = 6, value = 3)
    @Points(4)
    void aBlpopInOneRedisCliIsServedByAnLpushFromAnother() {
        ExternalTool redisCli = ExternalTool.require("redis-cli");
        try (RunningTool waiter = RunningTool.start(redisCli, "-p", port(), "BLPOP", "queue", "0")) {
            BlockedClients.await(fx.port, 1, waiter);
            ExternalTool.Result push = redisCli.run("-p", port(), "LPUSH", "queue", "job");
            assertThat(push.out()).as(push.stderr()).isEqualTo("1\n");
            assertThat(waiter.nextLines(2)).containsExactly("queue", "job");
        }
        assertThat(redisCli.run("-p", port(), "EXISTS", "queue").out()).isEqualTo("0\n");
    }

    /** Runs each command with {@code redis-cli --no-raw -p port} and returns everything it printed. */
    private static List<String> printed(ExternalTool redisCli, int port, String[]... commands) {
        List<String> out = new ArrayList<>();
        for (String[] command : commands) {
            String[] args = new String[command.length + 3];
            args[0] = "--no-raw";
            args[1] = "-p";
            args[2] = Integer.toString(port);
            System.arraycopy(command, 0, args, 3, command.length);
            ExternalTool.Result r = redisCli.run(args);
            out.add(String.join(" ", command) + " -> " + r.out() + r.stderr());
        }
        return out;
    }

    /**
     * {@code --no-raw} prints replies as on a terminal: a list's elements numbered and quoted, an
     * empty one {@code (empty array)}, a missing element {@code (nil)}, integers
     * {@code (integer) n}, errors {@code (error) ...}. For each command, lab 6 prints exactly what
     * a real redis-server does.
     */
    @Test
    @Stage(lab = 6, value = 1)
    @Points(2)
    void noRawPrintsListRepliesAsForRedis() {
        ExternalTool redisCli = ExternalTool.require("redis-cli");
        String[][] commands = {
            {"RPUSH", "l", "a b", "c", "3", "\u00e9"},
            {"LRANGE", "l", "0", "-1"},
            {"LRANGE", "l", "5", "9"},
            {"LINDEX", "l", "9"},
            {"LPOS", "l", "c"},
            {"LPOP", "l", "2"},
            {"SET", "s", "v"},
            {"LPUSH", "s", "x"},
        };
        try (RealRedis redis = RealRedis.start()) {
            assertThat(printed(redisCli, fx.port, commands)).containsExactlyElementsOf(printed(redisCli, redis.port(), commands));
        }
    }

    /**
     * {@code SMEMBERS} prints the members numbered and quoted, in the server's order: the same
     * lines as for a real redis-server, but for the order; {@code SMISMEMBER}, {@code SCARD} and
     * {@code SINTER} of a single member print exactly the same.
     */
    @Test
    @Stage(lab = 6, value = 2)
    @Points(2)
    void noRawPrintsSetRepliesAsForRedis() {
        ExternalTool redisCli = ExternalTool.require("redis-cli");
        String[][] commands = {
            {"SADD", "tags", "x y", "z", "1"},
            {"SADD", "other", "z", "q"},
            {"SMISMEMBER", "tags", "z", "q"},
            {"SCARD", "tags"},
            {"SINTER", "tags", "other"},
            {"SMEMBERS", "none"},
        };
        try (RealRedis redis = RealRedis.start()) {
            assertThat(printed(redisCli, fx.port, commands)).containsExactlyElementsOf(printed(redisCli, redis.port(), commands));
            List<String> ours = members(redisCli, fx.port);
            List<String> theirs = members(redisCli, redis.port());
            assertThat(ours).hasSize(3).containsExactlyInAnyOrderElementsOf(theirs);
        }
    }

    /**
     * @return the lines {@code redis-cli --no-raw SMEMBERS tags} prints, each {@code n) "member"}
     *     with its number taken off (the numbers are checked to run 1, 2, 3)
     */
    private static List<String> members(ExternalTool redisCli, int port) {
        List<String> lines = redisCli.run("--no-raw", "-p", Integer.toString(port), "SMEMBERS", "tags").out().lines().toList();
        List<String> members = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String prefix = (i + 1) + ") ";
            assertThat(lines.get(i)).startsWith(prefix);
            members.add(lines.get(i).substring(prefix.length()));
        }
        return members;
    }
}
