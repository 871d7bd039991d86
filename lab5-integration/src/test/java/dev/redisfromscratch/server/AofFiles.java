package dev.redisfromscratch.server;

import dev.redisfromscratch.testkit.RealRedis;
import dev.redisfromscratch.testkit.blackbox.Request;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;

/**
 * Reading append-only files to compare them with a real redis-server's: lab 5's
 * {@code StringCommandsAofParityTest} and the later labs' AOF parity tests (lab 6's list and set
 * commands, the blocking pops, the rewrite) use it. Text is Latin-1, one char per byte, so binary values survive.
 */
public final class AofFiles {
    private AofFiles() {
    }

    /** A script sent to one server, given its port; it returns once every reply has arrived. */
    @FunctionalInterface
    public interface Script {
        void run(int port) throws Exception;
    }

    /**
     * The two append-only files after the same script.
     *
     * @param ours  our server's {@code appendonly.aof} (Latin-1)
     * @param redis Redis's incremental file (Latin-1)
     */
    public record Written(String ours, String redis) {
    }

    /**
     * Starts our server (with {@code extensions}) with {@code appendonly yes} and
     * {@code appendfsync always}, runs {@code script} on it and reads its file; then does the same
     * with a real redis-server. Each server is closed before the next step.
     *
     * @param extensions a later lab's additions ({@code List.of()} for lab 5 alone)
     * @return both files, whole
     */
    public static Written afterScript(List<ServerExtension> extensions, Script script) throws Exception {
        String mine;
        try (IntegratedServerFixture ours = IntegratedServerFixture.start(extensions,
                "appendonly", "yes", "appendfsync", "always")) {
            script.run(ours.port);
            mine = ours(ours);
        }
        String theirs;
        try (RealRedis redis = RealRedis.start("--appendonly", "yes", "--appendfsync", "always")) {
            script.run(redis.port());
            theirs = redis(redis);
        }
        return new Written(mine, theirs);
    }

    /** @return the whole of our server's {@code appendonly.aof}, in Latin-1 */
    public static String ours(IntegratedServerFixture server) throws IOException {
        return Files.readString(server.dir.resolve("appendonly.aof"), StandardCharsets.ISO_8859_1);
    }

    /** @return the whole of Redis 7's incremental file ({@code appendonlydir/appendonly.aof.1.incr.aof}) */
    public static String redis(RealRedis redis) throws IOException {
        return Files.readString(redis.dir().resolve("appendonlydir").resolve("appendonly.aof.1.incr.aof"),
                StandardCharsets.ISO_8859_1);
    }

    /**
     * The file's requests: each {@code *<n>\r\n}, then {@code $<len>\r\n<bytes>\r\n} per argument
     * (read by {@link RealRedis#parseAppendOnlyFile}).
     */
    public static List<List<String>> parse(String file) {
        return RealRedis.parseAppendOnlyFile(file);
    }

    /** @return the requests written back as multibulks: {@link #parse}'s inverse */
    public static String serialize(List<List<String>> commands) {
        StringBuilder out = new StringBuilder();
        for (List<String> command : commands) {
            out.append(new String(Request.resp(command.toArray(String[]::new)).bytes(), StandardCharsets.ISO_8859_1));
        }
        return out.toString();
    }
}
