package dev.redisfromscratch.testkit;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
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
        IOException last = null;
        for (int attempt = 0; attempt < 3; attempt++) {
            try {
                return startOnce();
            } catch (IOException e) {
                last = e;
            }
        }
        throw new UncheckedIOException(last);
    }

    private static RealRedis startOnce() throws IOException {
        ExternalTool server = ExternalTool.require("redis-server");
        {
            Path dir = Files.createTempDirectory("real-redis");
            int port = freePort();
            Process p = new ProcessBuilder(server.path().toString(),
                    "--port", Integer.toString(port), "--bind", "127.0.0.1",
                    "--save", "", "--appendonly", "no", "--dir", dir.toString())
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
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
