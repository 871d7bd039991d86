package dev.redisfromscratch.strings;

import static org.assertj.core.api.Assertions.assertThat;

import dev.redisfromscratch.config.ServerConfig;
import dev.redisfromscratch.resp.RespSerializer;
import dev.redisfromscratch.resp.client.RespClient;
import dev.redisfromscratch.server.IntegratedServer;
import dev.redisfromscratch.testkit.ManualClock;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the string commands propagate replays to the same keyspace: a server that wrote them to its
 * append-only file, restarted on the same directory, has the same values and the same TTLs
 * (INCRBYFLOAT's {@code SET ... KEEPTTL}, SETEX's {@code SET ... PXAT}, GETEX's
 * {@code PEXPIREAT}/{@code PERSIST}/{@code DEL}, GETSET's {@code SET}, GETDEL's {@code DEL}).
 */
class StringCommandsAofReplayTest {
    private static final List<String[]> WRITES = List.of(
            new String[] {"APPEND", "a", "hello"},
            new String[] {"SETRANGE", "a", "7", "\0x"},
            new String[] {"SET", "n", "5", "EX", "100"},
            new String[] {"INCRBY", "n", "10"},
            new String[] {"DECR", "n"},
            new String[] {"INCRBYFLOAT", "n", "0.1"},
            new String[] {"INCRBYFLOAT", "f", "10.5"},
            new String[] {"INCRBYFLOAT", "f", "0.1"},
            new String[] {"MSET", "m1", "a", "m2", "b", "m3", "c"},
            new String[] {"MSETNX", "m4", "d", "m5", "e"},
            new String[] {"GETSET", "m1", "z"},
            new String[] {"GETDEL", "m2"},
            new String[] {"GETEX", "m3", "EX", "50"},
            new String[] {"GETEX", "m4", "PXAT", "1"},
            new String[] {"SET", "p", "v", "EX", "10"},
            new String[] {"GETEX", "p", "PERSIST"},
            new String[] {"SETNX", "s", "1"},
            new String[] {"SETEX", "se", "30", "v"},
            new String[] {"PSETEX", "pe", "2500", "w"});

    private static final List<String[]> READS = List.of(
            new String[] {"MGET", "a", "n", "f", "m1", "m2", "m3", "m4", "m5", "p", "s", "se", "pe"},
            new String[] {"PTTL", "a"}, new String[] {"PTTL", "n"}, new String[] {"PTTL", "m3"},
            new String[] {"PTTL", "p"}, new String[] {"PTTL", "se"}, new String[] {"PTTL", "pe"},
            new String[] {"DBSIZE"});

    @TempDir
    Path dir;

    private final ManualClock clock = new ManualClock();

    private IntegratedServer start() throws IOException {
        ServerConfig config = ServerConfig.ephemeral().set("dir", dir.toString())
                .set("appendonly", "yes").set("appendfsync", "always");
        IntegratedServer server = IntegratedServer.create(config, clock, line -> { });
        server.start();
        return server;
    }

    /** Sends each request and collects its reply, as the bytes it came in (Latin-1). */
    private static List<String> send(int port, List<String[]> requests) throws Exception {
        List<String> replies = new ArrayList<>();
        try (RespClient client = new RespClient("127.0.0.1", port)) {
            for (String[] request : requests) {
                replies.add(new String(RespSerializer.serialize(client.call(request)), StandardCharsets.ISO_8859_1));
            }
        }
        return replies;
    }

    @Test
    void aRestartedServerHasTheSameValuesAndTtls() throws Exception {
        List<String> before;
        IntegratedServer first = start();
        try {
            send(first.port(), WRITES);
            before = send(first.port(), READS);
        } finally {
            first.close();
        }
        IntegratedServer second = start();
        try {
            assertThat(send(second.port(), READS)).isEqualTo(before);
        } finally {
            second.close();
        }
        assertThat(before.get(0)).contains("hello\0\0\0x", "14.1", "10.6", "z", "c");
    }
}
