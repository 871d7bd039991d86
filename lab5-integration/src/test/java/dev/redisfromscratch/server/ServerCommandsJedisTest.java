package dev.redisfromscratch.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisPool;
import redis.clients.jedis.JedisPoolConfig;
import redis.clients.jedis.exceptions.JedisDataException;

/**
 * What a real client does with lab 5's server commands: Jedis authenticates and names its pooled
 * connections when it opens them, and reads {@code INFO}, {@code CLIENT LIST}, {@code CONFIG} and
 * {@code TIME} with its own parsers.
 */
class ServerCommandsJedisTest {
    @Test
    void aPoolWithAPasswordAndAClientNameConnectsAndReadsTheServer() throws Exception {
        try (IntegratedServerFixture f = IntegratedServerFixture.start("requirepass", "s3cret")) {
            DefaultJedisClientConfig config = DefaultJedisClientConfig.builder()
                    .password("s3cret").clientName("orders-service").build();
            try (JedisPool pool = new JedisPool(new JedisPoolConfig(), new HostAndPort("127.0.0.1", f.port), config);
                 Jedis jedis = pool.getResource()) {
                assertThat(jedis.ping()).isEqualTo("PONG");
                assertThat(jedis.clientGetname()).isEqualTo("orders-service");
                assertThat(jedis.clientList()).contains("name=orders-service").contains("cmd=client|list");
                assertThat(jedis.clientId()).isPositive();
                String info = jedis.info("server");
                assertThat(info).contains("redis_version:7.0.15\r\n").contains("redis_mode:standalone\r\n");
                assertThat(jedis.info("replication")).contains("role:master\r\n");
                assertThat(jedis.info("persistence")).contains("loading:0\r\n");
                Map<String, String> timeout = jedis.configGet("timeout");
                assertThat(timeout).containsEntry("timeout", "0");
                assertThat(jedis.configSet("timeout", "30")).isEqualTo("OK");
                assertThat(jedis.configGet("timeout")).containsEntry("timeout", "30");
                assertThatThrownBy(() -> jedis.configSet("databases", "4")).isInstanceOf(JedisDataException.class)
                        .hasMessage("ERR CONFIG SET failed (possibly related to argument 'databases') - can't set immutable config");
                List<String> time = jedis.time();
                assertThat(Long.parseLong(time.get(0)) * 1000 + Long.parseLong(time.get(1)) / 1000)
                        .isEqualTo(f.clock.millis());
                assertThat(jedis.configResetStat()).isEqualTo("OK");
            }
        }
    }

    @Test
    void aWrongPasswordIsRedissError() throws Exception {
        try (IntegratedServerFixture f = IntegratedServerFixture.start("requirepass", "s3cret");
             Jedis jedis = new Jedis("127.0.0.1", f.port)) {
            assertThatThrownBy(() -> jedis.auth("wrong")).isInstanceOf(JedisDataException.class)
                    .hasMessage("WRONGPASS invalid username-password pair or user is disabled.");
            assertThatThrownBy(jedis::ping).hasMessage("NOAUTH Authentication required.");
            assertThat(jedis.auth("default", "s3cret")).isEqualTo("OK");
            assertThat(jedis.ping()).isEqualTo("PONG");
        }
    }
}
