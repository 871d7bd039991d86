package dev.redisfromscratch.keys;

import static org.assertj.core.api.Assertions.assertThat;

import dev.redisfromscratch.resp.BulkString;
import dev.redisfromscratch.resp.NullBulkString;
import dev.redisfromscratch.resp.RespInteger;
import dev.redisfromscratch.resp.RespValue;
import dev.redisfromscratch.resp.SimpleString;
import dev.redisfromscratch.resp.client.RespClient;
import dev.redisfromscratch.server.IntegratedServerFixture;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The key commands and TTLs, with the server's clock in the test's hands (a {@code ManualClock}). */
class KeyspaceTtlTest {
    private IntegratedServerFixture f;
    private RespClient c;

    @BeforeEach
    void start() throws Exception {
        f = IntegratedServerFixture.start();
        c = new RespClient("127.0.0.1", f.port);
    }

    @AfterEach
    void stop() throws Exception {
        c.close();
        f.close();
    }

    private RespValue call(String... args) throws Exception {
        return c.call(args);
    }

    private static RespInteger i(long n) {
        return new RespInteger(n);
    }

    private long now() {
        return f.clock.millis();
    }

    @Test
    void expiretimeAnswersTheInstantExpireatSet() throws Exception {
        long at = now() / 1000 + 100;
        call("SET", "k", "v");
        assertThat(call("EXPIREAT", "k", Long.toString(at))).isEqualTo(i(1));
        assertThat(call("EXPIRETIME", "k")).isEqualTo(i(at));
        assertThat(call("PEXPIRETIME", "k")).isEqualTo(i(at * 1000));
        assertThat(call("TTL", "k")).isEqualTo(i(at - now() / 1000));

        f.clock.advance(Duration.ofSeconds(101));
        assertThat(call("EXPIRETIME", "k")).isEqualTo(i(-2));
    }

    @Test
    void expiretimeRoundsToTheNearestSecond() throws Exception {
        long base = (now() / 1000 + 10) * 1000;
        call("SET", "k", "v", "PXAT", Long.toString(base + 499));
        assertThat(call("EXPIRETIME", "k")).isEqualTo(i(base / 1000));
        call("SET", "k", "v", "PXAT", Long.toString(base + 500));
        assertThat(call("EXPIRETIME", "k")).isEqualTo(i(base / 1000 + 1));
        assertThat(call("PEXPIRETIME", "k")).isEqualTo(i(base + 500));
    }

    @Test
    void pexpireCountsFromTheServersClock() throws Exception {
        call("SET", "k", "v");
        long before = now();
        assertThat(call("PEXPIRE", "k", "1500")).isEqualTo(i(1));
        assertThat(call("PEXPIRETIME", "k")).isEqualTo(i(before + 1500));
        f.clock.advance(Duration.ofMillis(1500));
        assertThat(call("EXISTS", "k")).isEqualTo(i(1)); // at its time a key still exists
        f.clock.advance(Duration.ofMillis(1));
        assertThat(call("EXISTS", "k")).isEqualTo(i(0));
    }

    @Test
    void moveTakesTheTtlAlong() throws Exception {
        call("SET", "k", "v", "PX", "5000");
        long when = now() + 5000;
        assertThat(call("MOVE", "k", "1")).isEqualTo(i(1));
        assertThat(call("EXISTS", "k")).isEqualTo(i(0));
        call("SELECT", "1");
        assertThat(call("PEXPIRETIME", "k")).isEqualTo(i(when));
        f.clock.advance(Duration.ofSeconds(6));
        assertThat(call("GET", "k")).isEqualTo(NullBulkString.INSTANCE);
    }

    @Test
    void aKeyExpiredInTheTargetDatabaseDoesNotStopAMove() throws Exception {
        call("SELECT", "1");
        call("SET", "k", "old", "PX", "100");
        call("SELECT", "0");
        call("SET", "k", "new");
        f.clock.advance(Duration.ofSeconds(1));
        assertThat(call("MOVE", "k", "1")).isEqualTo(i(1));
        call("SELECT", "1");
        assertThat(call("GET", "k")).isEqualTo(BulkString.of("new"));
        assertThat(call("PTTL", "k")).isEqualTo(i(-1));
    }

    @Test
    void renameKeepsTheTtlAndReplacesTheTargetsOwn() throws Exception {
        call("SET", "a", "v", "PX", "5000");
        call("SET", "b", "w", "EX", "100");
        assertThat(call("RENAME", "a", "b")).isEqualTo(new SimpleString("OK"));
        assertThat(call("PTTL", "b")).isEqualTo(i(5000));
        assertThat(call("GET", "b")).isEqualTo(BulkString.of("v"));

        call("SET", "c", "v");
        call("SET", "d", "w", "PX", "1000");
        call("RENAME", "c", "d");
        assertThat(call("PTTL", "d")).isEqualTo(i(-1)); // c had none, and d's own is gone with d's value

        f.clock.advance(Duration.ofMillis(5001));
        assertThat(call("EXISTS", "b")).isEqualTo(i(0));
        assertThat(call("EXISTS", "d")).isEqualTo(i(1));
    }

    @Test
    void copyCopiesTheTtlAndTheTwoKeysLiveApart() throws Exception {
        call("SET", "a", "v", "PX", "5000");
        assertThat(call("COPY", "a", "b")).isEqualTo(i(1));
        assertThat(call("PTTL", "b")).isEqualTo(i(5000));
        assertThat(call("COPY", "a", "c", "DB", "3")).isEqualTo(i(1));

        call("PERSIST", "b");
        call("SET", "a", "changed", "KEEPTTL");
        assertThat(call("PTTL", "a")).isEqualTo(i(5000));
        assertThat(call("GET", "b")).isEqualTo(BulkString.of("v"));

        f.clock.advance(Duration.ofSeconds(6));
        assertThat(call("EXISTS", "a", "b")).isEqualTo(i(1));
        call("SELECT", "3");
        assertThat(call("EXISTS", "c")).isEqualTo(i(0));
    }

    @Test
    void randomkeyPassesOverExpiredKeys() throws Exception {
        for (int n = 0; n < 30; n++) {
            call("SET", "gone:" + n, "v", "PX", "100");
        }
        call("SET", "live", "v");
        f.clock.advance(Duration.ofSeconds(1));
        for (int n = 0; n < 10; n++) {
            assertThat(call("RANDOMKEY")).isEqualTo(BulkString.of("live"));
        }
    }

    @Test
    void swapdbAndDbsizeWorkPerDatabase() throws Exception {
        call("SET", "a", "1");
        call("SELECT", "1");
        call("SET", "b", "2");
        call("SET", "c", "3", "PX", "1000");
        assertThat(call("SWAPDB", "0", "1")).isEqualTo(new SimpleString("OK"));
        assertThat(call("DBSIZE")).isEqualTo(i(1));
        assertThat(call("GET", "a")).isEqualTo(BulkString.of("1"));
        call("SELECT", "0");
        assertThat(call("DBSIZE")).isEqualTo(i(2));
        assertThat(call("PTTL", "c")).isEqualTo(i(1000)); // TTLs go with their database
    }
}
