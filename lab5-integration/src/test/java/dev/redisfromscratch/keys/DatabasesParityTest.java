package dev.redisfromscratch.keys;

import dev.redisfromscratch.server.ParityServers;

import static dev.redisfromscratch.server.ParityServers.resp;

import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * SELECT, SWAPDB, MOVE and DBSIZE per database, against a real redis-server 7.0.15: the same
 * requests, byte-identical replies, errors included. Both servers see the cases in the same order,
 * so what one case leaves in a database the next sees on both sides alike.
 */
class DatabasesParityTest {
    private static ParityServers servers;

    @BeforeAll
    static void start() throws Exception {
        servers = ParityServers.start();
    }

    @AfterAll
    static void stop() {
        if (servers != null) {
            servers.close();
        }
    }

    static Stream<String> requests() {
        return Stream.of(
                // SELECT
                resp("SELECT", "0") + resp("SELECT", "15") + resp("SELECT", "16") + resp("SELECT", "-1"),
                resp("SELECT", "a") + resp("SELECT", "1.5") + resp("SELECT", "") + resp("SELECT", " 1") + resp("SELECT", "+1"),
                resp("SELECT", "99999999999") + resp("SELECT", "-2147483649") + resp("SELECT", "2147483647"),
                resp("SELECT") + resp("SELECT", "1", "2"),
                // each database its own keyspace; DBSIZE counts the selected one
                resp("SELECT", "3") + resp("SET", "db:k", "three") + resp("DBSIZE") + resp("SELECT", "0") + resp("DBSIZE")
                        + resp("GET", "db:k") + resp("SELECT", "3") + resp("GET", "db:k") + resp("DEL", "db:k") + resp("DBSIZE"),
                resp("SELECT", "4") + resp("SET", "db:a", "1") + resp("SET", "db:b", "2") + resp("DBSIZE")
                        + resp("SELECT", "5") + resp("DBSIZE") + resp("SELECT", "4") + resp("DEL", "db:a", "db:b") + resp("DBSIZE"),
                // SWAPDB errors, in Redis's order
                resp("SWAPDB", "a", "1") + resp("SWAPDB", "1", "a") + resp("SWAPDB", "a", "b") + resp("SWAPDB", "99999999999", "0"),
                resp("SWAPDB", "0", "99999999999") + resp("SWAPDB", "0", "16") + resp("SWAPDB", "16", "a")
                        + resp("SWAPDB", "-1", "0") + resp("SWAPDB", "0", "1.0"),
                resp("SWAPDB", "1") + resp("SWAPDB", "1", "2", "3"),
                // SWAPDB exchanges contents, for every client
                resp("SELECT", "5") + resp("SET", "sw:a", "five") + resp("SELECT", "6") + resp("SET", "sw:b", "six")
                        + resp("SET", "sw:c", "six") + resp("SWAPDB", "5", "6") + resp("DBSIZE") + resp("GET", "sw:a")
                        + resp("GET", "sw:b") + resp("SELECT", "5") + resp("DBSIZE") + resp("GET", "sw:b")
                        + resp("SWAPDB", "6", "5") + resp("GET", "sw:a") + resp("SWAPDB", "5", "5") + resp("GET", "sw:a")
                        + resp("DEL", "sw:a") + resp("SELECT", "6") + resp("DEL", "sw:b", "sw:c"),
                // MOVE
                resp("SET", "mv:a", "v") + resp("MOVE", "mv:a", "1") + resp("EXISTS", "mv:a") + resp("SELECT", "1")
                        + resp("GET", "mv:a") + resp("MOVE", "mv:a", "0") + resp("GET", "mv:a") + resp("SELECT", "0")
                        + resp("GET", "mv:a") + resp("DEL", "mv:a"),
                resp("MOVE", "mv:missing", "1") + resp("SET", "mv:b", "zero") + resp("SELECT", "2") + resp("SET", "mv:b", "two")
                        + resp("MOVE", "mv:b", "0") + resp("GET", "mv:b") + resp("SELECT", "0") + resp("GET", "mv:b")
                        + resp("DEL", "mv:b") + resp("SELECT", "2") + resp("DEL", "mv:b"),
                resp("SET", "mv:c", "v") + resp("MOVE", "mv:c", "0") + resp("MOVE", "mv:c", "16") + resp("MOVE", "mv:c", "-1")
                        + resp("MOVE", "mv:c", "a") + resp("MOVE", "mv:c", "99999999999") + resp("MOVE", "mv:missing", "0")
                        + resp("MOVE", "mv:missing", "16") + resp("DEL", "mv:c"),
                resp("MOVE", "mv:c") + resp("MOVE", "mv:c", "1", "2"),
                // the TTL goes with the key (an absolute time far ahead, so both servers agree)
                resp("SET", "mv:t", "v", "PXAT", "4102444800123") + resp("MOVE", "mv:t", "7") + resp("SELECT", "7")
                        + resp("PEXPIRETIME", "mv:t") + resp("EXPIRETIME", "mv:t") + resp("DEL", "mv:t"));
    }

    @ParameterizedTest
    @MethodSource("requests")
    void repliesAreByteForByteRedis(String requests) throws Exception {
        servers.assertSameReplies(requests);
    }
}
