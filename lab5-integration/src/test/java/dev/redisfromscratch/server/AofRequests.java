package dev.redisfromscratch.server;

import dev.redisfromscratch.testkit.RealRedis;
import dev.redisfromscratch.testkit.blackbox.Request;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;

/**
 * The requests an append-only file holds, for the tests that compare ours with Redis 7.0.15's
 * (lab 5's {@code StringCommandsAofParityTest}, lab 6's set and list AOF tests): read either
 * server's file, split it into requests, and write requests back as the file's bytes. Text is one
 * char per byte (ISO-8859-1), so any bytes survive.
 */
public final class AofRequests {
    private AofRequests() {
    }

    /** @return the bytes of our server's append-only file, {@code appendonly.aof} in its directory */
    public static String read(IntegratedServerFixture ours) throws IOException {
        return Files.readString(ours.dir.resolve("appendonly.aof"), StandardCharsets.ISO_8859_1);
    }

    /**
     * @return the bytes of a real redis-server's incremental file (7.0's multi-part AOF:
     *     {@code appendonlydir/appendonly.aof.1.incr.aof}), what it appended since it started
     */
    public static String read(RealRedis redis) throws IOException {
        return Files.readString(redis.dir().resolve("appendonlydir").resolve("appendonly.aof.1.incr.aof"),
                StandardCharsets.ISO_8859_1);
    }

    /** The file's requests: each {@code *<n>\r\n}, then {@code $<len>\r\n<bytes>\r\n} per argument. */
    public static List<List<String>> parse(String file) {
        List<List<String>> commands = new ArrayList<>();
        int pos = 0;
        while (pos < file.length()) {
            int eol = file.indexOf("\r\n", pos);
            int count = Integer.parseInt(file.substring(pos + 1, eol));
            pos = eol + 2;
            List<String> args = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                eol = file.indexOf("\r\n", pos);
                int len = Integer.parseInt(file.substring(pos + 1, eol));
                args.add(file.substring(eol + 2, eol + 2 + len));
                pos = eol + 2 + len + 2;
            }
            commands.add(args);
        }
        return commands;
    }

    /** @return {@code commands} as multibulk requests, the bytes a file holding them has */
    public static String serialize(List<List<String>> commands) {
        StringBuilder out = new StringBuilder();
        for (List<String> command : commands) {
            out.append(new String(Request.resp(command.toArray(String[]::new)).bytes(), StandardCharsets.ISO_8859_1));
        }
        return out.toString();
    }
}
