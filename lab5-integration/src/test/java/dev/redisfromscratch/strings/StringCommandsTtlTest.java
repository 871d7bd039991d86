package dev.redisfromscratch.strings;

import static org.assertj.core.api.Assertions.assertThat;

import dev.redisfromscratch.server.IntegratedServerFixture;
import dev.redisfromscratch.testkit.RawClient;
import dev.redisfromscratch.testkit.blackbox.Request;
import java.io.IOException;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The TTLs the string commands set, keep and remove, on lab 5's server with its {@code ManualClock}:
 * time moves only when the test says, so each expiry is checked to the millisecond. A key expires
 * strictly after its time: at {@code now == when} it still exists.
 */
class StringCommandsTtlTest {
    private IntegratedServerFixture server;
    private RawClient client;

    @BeforeEach
    void start() throws IOException {
        server = IntegratedServerFixture.start();
        client = RawClient.connect(server.port);
    }

    @AfterEach
    void stop() throws IOException {
        client.close();
        server.close();
    }

    /** Sends one request and checks its whole reply. */
    private void expect(String expectedReply, String... request) throws IOException {
        client.send(Request.resp(request).bytes());
        assertThat(client.read(expectedReply)).as(String.join(" ", request)).isEqualTo(expectedReply);
    }

    private void advanceMillis(long ms) {
        server.clock.advance(Duration.ofMillis(ms));
    }

    @Test
    void setexExpiresAfterItsSeconds() throws IOException {
        expect("+OK\r\n", "SETEX", "k", "10", "v");
        expect(":10000\r\n", "PTTL", "k");
        advanceMillis(10_000);
        expect("$1\r\nv\r\n", "GET", "k"); // at its time, still there
        advanceMillis(1);
        expect("$-1\r\n", "GET", "k");
        expect(":-2\r\n", "PTTL", "k");
    }

    @Test
    void psetexExpiresAfterItsMilliseconds() throws IOException {
        expect("+OK\r\n", "PSETEX", "k", "1500", "v");
        expect(":2\r\n", "TTL", "k"); // 1.5 s rounds to 2
        advanceMillis(1501);
        expect(":0\r\n", "STRLEN", "k");
    }

    @Test
    void getexSetsRelativeAndAbsoluteTimes() throws IOException {
        expect("+OK\r\n", "SET", "k", "v");
        expect("$1\r\nv\r\n", "GETEX", "k", "EX", "5");
        expect(":5000\r\n", "PTTL", "k");
        expect("$1\r\nv\r\n", "GETEX", "k", "PX", "300");
        expect(":300\r\n", "PTTL", "k");
        long at = server.clock.millis() + 700;
        expect("$1\r\nv\r\n", "GETEX", "k", "PXAT", Long.toString(at));
        expect(":700\r\n", "PTTL", "k");
        advanceMillis(701);
        expect("$-1\r\n", "GETEX", "k");
    }

    @Test
    void getexWithATimeAlreadyPastDeletesTheKeyAfterReplyingIt() throws IOException {
        expect("+OK\r\n", "SET", "k", "v");
        expect("$1\r\nv\r\n", "GETEX", "k", "PXAT", Long.toString(server.clock.millis()));
        expect(":0\r\n", "EXISTS", "k");
    }

    @Test
    void getexPersistKeepsTheKeyForever() throws IOException {
        expect("+OK\r\n", "SET", "k", "v", "EX", "5");
        expect("$1\r\nv\r\n", "GETEX", "k", "PERSIST");
        expect(":-1\r\n", "TTL", "k");
        advanceMillis(Duration.ofDays(365).toMillis());
        expect("$1\r\nv\r\n", "GET", "k");
    }

    @Test
    void getexWithoutOptionsLeavesTheTtl() throws IOException {
        expect("+OK\r\n", "SET", "k", "v", "PX", "2000");
        expect("$1\r\nv\r\n", "GETEX", "k");
        expect(":2000\r\n", "PTTL", "k");
    }

    @Test
    void inPlaceChangesKeepTheTtl() throws IOException {
        expect("+OK\r\n", "SET", "k", "1", "PX", "10000");
        expect(":2\r\n", "INCR", "k");
        expect(":1\r\n", "DECR", "k");
        expect(":11\r\n", "INCRBY", "k", "10");
        expect(":10\r\n", "DECRBY", "k", "1");
        expect("$4\r\n10.5\r\n", "INCRBYFLOAT", "k", "0.5");
        expect(":5\r\n", "APPEND", "k", "0");
        expect(":5\r\n", "SETRANGE", "k", "0", "2");
        expect("$5\r\n20.50\r\n", "GET", "k");
        expect(":10000\r\n", "PTTL", "k");
        advanceMillis(10_001);
        expect("$-1\r\n", "GET", "k");
    }

    @Test
    void replacingTheValueRemovesTheTtl() throws IOException {
        expect("+OK\r\n", "SET", "a", "1", "EX", "10");
        expect("$1\r\n1\r\n", "GETSET", "a", "2");
        expect(":-1\r\n", "TTL", "a");
        expect("+OK\r\n", "SET", "b", "1", "EX", "10");
        expect("+OK\r\n", "MSET", "b", "2");
        expect(":-1\r\n", "TTL", "b");
        expect("+OK\r\n", "SETEX", "c", "10", "1");
        expect("+OK\r\n", "PSETEX", "c", "500", "2");
        expect(":500\r\n", "PTTL", "c");
    }

    @Test
    void anExpiredKeyCountsAsMissing() throws IOException {
        expect("+OK\r\n", "SET", "a", "5", "PX", "100");
        expect("+OK\r\n", "SET", "b", "x", "PX", "100");
        expect("+OK\r\n", "SET", "c", "x", "PX", "100");
        expect("+OK\r\n", "SET", "d", "x", "PX", "100");
        advanceMillis(101);
        expect(":1\r\n", "INCR", "a");                   // starts again from 0
        expect(":-1\r\n", "PTTL", "a");                  // and has no TTL: it is a new key
        expect(":1\r\n", "SETNX", "b", "y");
        expect(":1\r\n", "MSETNX", "c", "y");
        expect(":1\r\n", "APPEND", "d", "y");
        expect(":-1\r\n", "PTTL", "d");
        expect("$-1\r\n", "GETDEL", "x");
    }
}
