package dev.redisfromscratch.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.redisfromscratch.testkit.ExternalTool;
import dev.redisfromscratch.testkit.grading.Stage;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;

/**
 * The real clients users would point at lab 3's server: {@code redis-cli}, {@code redis-benchmark}
 * and Jedis. Skipped outside CI when the Debian tools are not installed; {@code .ci/run} installs them.
 */
@Stage(lab = 3, value = 1)
class RealClientsInteropTest {
    private RespServerFixture fx;

    @BeforeEach
    void start() throws Exception {
        fx = new RespServerFixture();
    }

    @AfterEach
    void stop() {
        fx.close();
    }

    private ExternalTool.Result cli(String... args) {
        ExternalTool redisCli = ExternalTool.require("redis-cli");
        String[] all = new String[args.length + 2];
        all[0] = "-p";
        all[1] = Integer.toString(fx.port);
        System.arraycopy(args, 0, all, 2, args.length);
        return redisCli.run(all);
    }

    @Test
    void redisCliPingSetGet() {
        assertThat(cli("PING").out()).isEqualTo("PONG\n");
        assertThat(cli("SET", "greeting", "hello world").out()).isEqualTo("OK\n");
        assertThat(cli("GET", "greeting").out()).isEqualTo("hello world\n");
        assertThat(cli("GET", "missing").out()).isEqualTo("\n"); // redis-cli prints nil as an empty line when not a TTY
        assertThat(cli("EXISTS", "greeting", "missing").out()).isEqualTo("1\n");
    }

    @Test
    void redisCliExpireAndTtlFollowTheServerClock() {
        assertThat(cli("SET", "session", "abc").out()).isEqualTo("OK\n");
        assertThat(cli("EXPIRE", "session", "60").out()).isEqualTo("1\n");
        assertThat(cli("TTL", "session").out()).isEqualTo("60\n");
        fx.clock.advance(Duration.ofSeconds(45));
        assertThat(cli("TTL", "session").out()).isEqualTo("15\n");
        fx.clock.advance(Duration.ofSeconds(16));
        assertThat(cli("TTL", "session").out()).isEqualTo("-2\n");
        assertThat(cli("GET", "session").out()).isEqualTo("\n");
    }

    @Test
    void redisCliStoresABinaryValueFromStandardInput() {
        byte[] value = {'a', '\r', '\n', 0, (byte) 0xff, 'z'};
        ExternalTool redisCli = ExternalTool.require("redis-cli");
        ExternalTool.Result set = redisCli.run(value, Duration.ofSeconds(30), "-p", Integer.toString(fx.port), "-x", "SET", "blob");
        assertThat(set.out()).isEqualTo("OK\n");
        assertThat(fx.store.get("blob".getBytes(StandardCharsets.US_ASCII))).isEqualTo(value);
        assertThat(cli("--no-raw", "GET", "blob").out()).isEqualTo("\"a\\r\\n\\x00\\xffz\"\n");
    }

    @Test
    void redisCliShowsErrorsLikeRedis() {
        assertThat(cli("--no-raw", "GET").out()).isEqualTo("(error) ERR wrong number of arguments for 'get' command\n");
        assertThat(cli("--no-raw", "FROBNICATE").out())
                .isEqualTo("(error) ERR unknown command 'FROBNICATE', with args beginning with: \n");
    }

    @Test
    void redisBenchmarkRunsSetAndGetToCompletionWithoutWarnings() {
        ExternalTool benchmark = ExternalTool.require("redis-benchmark");
        // redis-benchmark retries for ever once the server is gone: make sure it is there first.
        assertThat(cli("PING").out()).isEqualTo("PONG\n");
        ExternalTool.Result r = benchmark.run(new byte[0], Duration.ofMinutes(3),
                "-p", Integer.toString(fx.port), "-t", "set,get", "-c", "1", "-n", "20000", "-q", "--csv");
        assertThat(r.exitCode()).as(r.stderr()).isZero();
        assertThat(r.stderr()).doesNotContain("WARNING").doesNotContain("ERROR");
        assertThat(r.out()).contains("\"SET\"").contains("\"GET\"");
        // redis-benchmark's SET writes key:__rand_int__ keys; with -r unset it is the literal key.
        assertThat(fx.store.exists("key:__rand_int__".getBytes(StandardCharsets.US_ASCII))).isTrue();
    }

    @Test
    void jedisTalksToTheServer() {
        try (Jedis jedis = new Jedis("127.0.0.1", fx.port)) {
            assertThat(jedis.ping()).isEqualTo("PONG");
            assertThat(jedis.set("k", "v")).isEqualTo("OK");
            assertThat(jedis.get("k")).isEqualTo("v");
            assertThat(jedis.expire("k", 30)).isEqualTo(1);
            assertThat(jedis.ttl("k")).isEqualTo(30);
            assertThat(jedis.del("k", "k2")).isEqualTo(1);
            assertThat(jedis.get("k")).isNull();
            byte[] binary = {0, 1, '\r', '\n', (byte) 0x80};
            jedis.set("b".getBytes(StandardCharsets.US_ASCII), binary);
            assertThat(jedis.get("b".getBytes(StandardCharsets.US_ASCII))).isEqualTo(binary);
        }
    }
}
