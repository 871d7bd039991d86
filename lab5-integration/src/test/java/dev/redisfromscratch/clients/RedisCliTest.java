package dev.redisfromscratch.clients;

import static org.assertj.core.api.Assertions.assertThat;

import dev.redisfromscratch.server.IntegratedServerFixture;
import dev.redisfromscratch.testkit.ExternalTool;
import dev.redisfromscratch.testkit.grading.Points;
import dev.redisfromscratch.testkit.grading.Stage;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;

/**
 * The real {@code redis-cli} against lab 5: its {@code --scan} and {@code --stat} modes, which
 * are built on {@code SCAN} and {@code INFO}, and two interactive sessions at once, as two people
 * at two terminals would use it. ({@code redis-cli MONITOR} needs the {@code MONITOR} command,
 * which lab 5 does not have.) Skipped outside CI when {@code redis-tools} is not installed.
 */
class RedisCliTest {
    private IntegratedServerFixture fx;

    @BeforeEach
    void start() throws Exception {
        fx = IntegratedServerFixture.start();
    }

    @AfterEach
    void stop() {
        fx.close();
    }

    private String port() {
        return Integer.toString(fx.port);
    }

    /**
     * {@code redis-cli --scan --pattern 'user:*'} walks the whole keyspace with {@code SCAN 0
     * MATCH user:* COUNT 10}, {@code SCAN <cursor> ...} until the cursor comes back as 0, and
     * prints each key it gets. Every one of the 300 matching keys is printed, and none of the
     * others.
     */
    @Test
    @Stage(lab = 5, value = 1)
    @Points(3)
    void scanPrintsEveryMatchingKeyAndNoOther() {
        Set<String> users = new HashSet<>();
        try (Jedis jedis = new Jedis("127.0.0.1", fx.port)) {
            for (int i = 0; i < 300; i++) {
                jedis.set("user:" + i, "u");
                users.add("user:" + i);
            }
            for (int i = 0; i < 100; i++) {
                jedis.set("session:" + i, "s");
            }
        }
        ExternalTool.Result r = ExternalTool.require("redis-cli").run("-p", port(), "--scan", "--pattern", "user:*");
        assertThat(r.exitCode()).as(r.stderr()).isZero();
        List<String> printed = r.out().lines().toList();
        assertThat(new HashSet<>(printed)).isEqualTo(users);
        assertThat(printed.size()).as("SCAN may repeat a key, but not without a rehash").isEqualTo(300);
    }

    /**
     * {@code redis-cli --stat} asks {@code INFO} once per interval and prints one line of it: keys,
     * memory, clients, blocked clients, requests (and how many since the last line), connections.
     * Its first two lines after the header show the 5 keys, at least this client, and the request
     * count going up by one per line (its own {@code INFO}).
     */
    @Test
    @Stage(lab = 5, value = 1)
    @Points(2)
    void statPrintsALineOfInfoPerInterval() {
        try (Jedis jedis = new Jedis("127.0.0.1", fx.port)) {
            for (int i = 0; i < 5; i++) {
                jedis.set("k" + i, "v");
            }
        }
        Pattern line = Pattern.compile("^(\\d+)\\s+(\\S+)\\s+(\\d+)\\s+(\\d+)\\s+(\\d+) \\(\\+(\\d+)\\)\\s+(\\d+)\\s*$");
        try (RunningTool stat = RunningTool.start(ExternalTool.require("redis-cli"), "-p", port(), "--stat", "-i", "0.1")) {
            assertThat(stat.nextLine()).startsWith("------- data ------ --------------------- load ----");
            assertThat(stat.nextLine()).matches("keys\\s+mem\\s+clients\\s+blocked\\s+requests\\s+connections\\s*");
            List<Matcher> rows = new ArrayList<>();
            for (String text : stat.nextLines(2)) {
                Matcher m = line.matcher(text);
                assertThat(m.matches()).as("a --stat line: %s", text).isTrue();
                rows.add(m);
            }
            assertThat(rows.get(0).group(1)).as("keys").isEqualTo("5");
            assertThat(Integer.parseInt(rows.get(0).group(3))).as("clients").isGreaterThanOrEqualTo(1);
            assertThat(rows.get(0).group(4)).as("blocked clients").isEqualTo("0");
            long before = Long.parseLong(rows.get(0).group(5));
            long after = Long.parseLong(rows.get(1).group(5));
            assertThat(after).as("requests").isGreaterThan(before);
            assertThat(rows.get(1).group(6)).as("requests since the line before").isEqualTo(Long.toString(after - before));
        }
    }

    /**
     * Two {@code redis-cli} sessions at once, each reading commands from its standard input on its
     * own connection (so each is served by its own thread): what one writes, the other reads at
     * once, both ways.
     */
    @Test
    @Stage(lab = 5, value = 1)
    @Points(3)
    void twoSessionsSeeEachOthersWrites() {
        ExternalTool redisCli = ExternalTool.require("redis-cli");
        try (RunningTool alice = RunningTool.start(redisCli, "-p", port());
             RunningTool bob = RunningTool.start(redisCli, "-p", port())) {
            alice.send("SET greeting hello");
            assertThat(alice.nextLine()).isEqualTo("OK");
            bob.send("GET greeting");
            assertThat(bob.nextLine()).isEqualTo("hello");
            bob.send("SET greeting bonjour");
            assertThat(bob.nextLine()).isEqualTo("OK");
            alice.send("GET greeting");
            assertThat(alice.nextLine()).isEqualTo("bonjour");
            alice.send("DEL greeting");
            assertThat(alice.nextLine()).isEqualTo("1");
            bob.send("EXISTS greeting");
            assertThat(bob.nextLine()).isEqualTo("0");
            assertThat(ConnectedClients.count(fx)).as("two connections, two client threads").isEqualTo(2);
        }
    }

    /**
     * {@code redis-cli SUBSCRIBE news} in one process, {@code redis-cli PUBLISH} in another: the
     * subscriber prints the subscribe confirmation (kind, channel, count) and then each message
     * (kind, channel, payload), one field a line; {@code PUBLISH} prints how many received it.
     */
    @Test
    @Stage(lab = 5, value = 3)
    @Points(3)
    void oneSessionSeesWhatAnotherPublishes() {
        ExternalTool redisCli = ExternalTool.require("redis-cli");
        try (RunningTool subscriber = RunningTool.start(redisCli, "-p", port(), "SUBSCRIBE", "news")) {
            assertThat(subscriber.nextLines(3)).containsExactly("subscribe", "news", "1");
            assertThat(redisCli.run("-p", port(), "PUBLISH", "news", "hello there").out()).isEqualTo("1\n");
            assertThat(subscriber.nextLines(3)).containsExactly("message", "news", "hello there");
            assertThat(redisCli.run("-p", port(), "PUBLISH", "other", "x").out()).isEqualTo("0\n");
            assertThat(redisCli.run("-p", port(), "PUBLISH", "news", "again").out()).isEqualTo("1\n");
            assertThat(subscriber.nextLines(3)).containsExactly("message", "news", "again");
        }
    }
}
