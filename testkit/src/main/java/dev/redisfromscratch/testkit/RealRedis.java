package dev.redisfromscratch.testkit;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real {@code redis-server} on a free loopback port, for tests that compare our replies with
 * Redis's own, byte for byte. Persistence is off and it is killed on {@link #close()}.
 *
 * <p>Skipped (or failed under {@code CI=true}) when {@code redis-server} is not installed; see
 * {@link ExternalTool#require}.
 */
public final class RealRedis implements Closeable {
    private final Process process;
    private final int port;
    private final Path dir;

    private RealRedis(Process process, int port, Path dir) {
        this.process = process;
        this.port = port;
        this.dir = dir;
    }

    /**
     * Starts {@code redis-server} and waits until it answers PING. The free port is chosen before
     * the server binds it, so another process may take it in between: then it tries another port
     * (three attempts in all).
     */
    public static RealRedis start() {
        return start(new String[0]);
    }

    /**
     * Starts {@code redis-server} with extra configuration, which overrides the defaults (no
     * persistence): {@code start("--appendonly", "yes", "--appendfsync", "always")}.
     *
     * @param extraArgs {@code redis-server} command-line options, name then value
     */
    public static RealRedis start(String... extraArgs) {
        IOException last = null;
        for (int attempt = 0; attempt < 3; attempt++) {
            try {
                return startOnce(extraArgs);
            } catch (IOException e) {
                last = e;
            }
        }
        throw new UncheckedIOException(last);
    }

    private static RealRedis startOnce(String... extraArgs) throws IOException {
        ExternalTool server = ExternalTool.require("redis-server");
        {
            Path dir = Files.createTempDirectory("real-redis");
            int port = freePort();
            List<String> command = new ArrayList<>(List.of(server.path().toString(),
                    "--port", Integer.toString(port), "--bind", "127.0.0.1",
                    "--save", "", "--appendonly", "no", "--dir", dir.toString()));
            command.addAll(List.of(extraArgs));
            Process p = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(dir.resolve("redis.log").toFile())
                    .start();
            RealRedis redis = new RealRedis(p, port, dir);
            try {
                redis.awaitReady();
            } catch (IOException e) {
                redis.close();
                throw e;
            }
            return redis;
        }
    }

    /** @return the directory it runs in (its {@code dir}): snapshots and append-only files go here */
    public Path dir() {
        return dir;
    }

    /**
     * The commands in its append-only file so far: Redis 7's incremental file
     * {@code appendonlydir/appendonly.aof.1.incr.aof}, each entry a multibulk of bulk strings
     * ({@code *<n>\r\n} then {@code $<len>\r\n<bytes>\r\n} per argument). Start it with
     * {@code --appendonly yes --appendfsync always} so that a command is in the file once its reply
     * has arrived.
     *
     * @return each command's arguments as text (one char per byte), the name first
     * @throws IOException if the file cannot be read
     */
    public List<List<String>> appendOnlyFileCommands() throws IOException {
        byte[] aof = Files.readAllBytes(dir.resolve("appendonlydir").resolve("appendonly.aof.1.incr.aof"));
        return parseAppendOnlyFile(new String(aof, StandardCharsets.ISO_8859_1));
    }

    /**
     * The requests of an append-only file's text (one char per byte): each {@code *<n>\r\n}, then
     * {@code $<len>\r\n<bytes>\r\n} per argument. Lab 5's {@code server.AofFiles} reads our
     * server's files with it too.
     *
     * @return each command's arguments, the name first
     */
    public static List<List<String>> parseAppendOnlyFile(String text) {
        List<List<String>> commands = new ArrayList<>();
        int pos = 0;
        while (pos < text.length()) {
            int eol = text.indexOf("\r\n", pos);
            int count = Integer.parseInt(text.substring(pos + 1, eol)); // *<n>\r\n
            pos = eol + 2;
            List<String> args = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                eol = text.indexOf("\r\n", pos);
                int len = Integer.parseInt(text.substring(pos + 1, eol)); // $<len>\r\n
                args.add(text.substring(eol + 2, eol + 2 + len));       // <bytes>\r\n
                pos = eol + 2 + len + 2;
            }
            commands.add(args);
        }
        return commands;
    }

    /** @return the port it listens on (127.0.0.1) */
    public int port() {
        return port;
    }

    private void awaitReady() throws IOException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        IOException last = null;
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IOException("redis-server exited: " + Files.readString(dir.resolve("redis.log")));
            }
            try (RawClient c = RawClient.connect(port)) {
                c.send("PING\r\n");
                if (c.readLine().equals("+PONG\r\n")) {
                    return;
                }
            } catch (IOException e) {
                last = e; // not listening yet: the connect is refused at once, so retrying is cheap
                Thread.onSpinWait();
            }
        }
        throw new IOException("redis-server did not start on port " + port, last);
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            TempDirs.delete(dir); // its log, snapshot and append-only files: read them before close()
        } catch (IOException e) {
            System.err.println("could not delete " + dir + ": " + e);
        }
    }
}
