package dev.redisfromscratch.server;

import dev.redisfromscratch.config.ServerConfig;
import dev.redisfromscratch.testkit.ExternalTool;
import dev.redisfromscratch.testkit.RawClient;
import dev.redisfromscratch.testkit.TempDirs;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import redis.clients.jedis.Jedis;

/**
 * One server of a replication test, primary or replica: a real {@code redis-server} or ours, so
 * that a fault test runs first against a real pair (to be sure the test is right) and then against
 * ours in either role. Each has a temp directory of its own and a free loopback port; the test
 * talks to it with Jedis.
 *
 * <pre>
 *   REAL          redis-server in a process (repl-diskless-sync-delay 0: a full sync starts at once)
 *   OURS          lab 8's server in this JVM (real clock), its log lines kept
 *   OURS_PROCESS  lab 8's server in a process of its own (ReplicationServerMain): it can be kill -9ed
 * </pre>
 */
final class ReplicationNode implements Closeable {
    /** Where a node runs. */
    enum Kind {
        REAL, OURS, OURS_PROCESS;

        /** @return this kind, or a process of ours for a test that kills the server */
        Kind killable() {
            return this == OURS ? OURS_PROCESS : this;
        }

        String title() {
            return this == REAL ? "real" : "ours";
        }
    }

    /** How long a test waits for the servers to agree. */
    static final Duration WAIT = Duration.ofSeconds(30);

    private final Kind kind;
    private final Path dir;
    private final int port;
    private final Process process;
    private final IntegratedServer server;
    private final List<String> log;

    private ReplicationNode(Kind kind, Path dir, int port, Process process, IntegratedServer server, List<String> log) {
        this.kind = kind;
        this.dir = dir;
        this.port = port;
        this.process = process;
        this.server = server;
        this.log = log;
    }

    /**
     * Starts a server with no persistence in a new temp directory.
     *
     * @param kind real or ours
     * @param replicaOfPort if not 0, it starts as a replica of {@code 127.0.0.1:replicaOfPort}
     *     ({@code --replicaof}); a test may instead send {@code REPLICAOF} later
     */
    static ReplicationNode start(Kind kind, int replicaOfPort) throws IOException {
        return startIn(kind, TempDirs.create("lab8-node-"), replicaOfPort);
    }

    /** The same, over an existing directory: a restart after {@link #kill()}. */
    static ReplicationNode startIn(Kind kind, Path dir, int replicaOfPort) throws IOException {
        if (kind == Kind.OURS) {
            List<String> log = new CopyOnWriteArrayList<>();
            ServerConfig config = ServerConfig.ephemeral().set("dir", dir.toString());
            if (replicaOfPort != 0) {
                config.set("replicaof", "127.0.0.1 " + replicaOfPort);
            }
            IntegratedServer server = ReplicationServer.create(config, Clock.systemUTC(), log::add);
            int port = server.start();
            return new ReplicationNode(kind, dir, port, null, server, log);
        }
        IOException last = null;
        for (int attempt = 0; attempt < 3; attempt++) { // the free port may be taken before the server binds it
            int port = freePort();
            Process p = new ProcessBuilder(command(kind, dir, port, replicaOfPort)).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("server.log").toFile())).start();
            ReplicationNode node = new ReplicationNode(kind, dir, port, p, null, null);
            try {
                node.awaitPong();
                return node;
            } catch (IOException e) {
                boolean exited = !p.isAlive(); // e.g. its port was taken: try another
                node.stop();
                if (!exited) {
                    throw e;
                }
                last = e;
            }
        }
        throw last;
    }

    private static List<String> command(Kind kind, Path dir, int port, int replicaOfPort) {
        List<String> command = new ArrayList<>();
        if (kind == Kind.REAL) {
            command.addAll(List.of(ExternalTool.require("redis-server").path().toString(),
                    "--port", Integer.toString(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no",
                    "--dir", dir.toString(), "--repl-diskless-sync-delay", "0"));
        } else {
            command.addAll(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", System.getProperty("java.class.path"), ReplicationServerMain.class.getName(),
                    "--port", Integer.toString(port), "--save", "", "--dir", dir.toString()));
        }
        if (replicaOfPort != 0) {
            command.addAll(List.of("--replicaof", "127.0.0.1", Integer.toString(replicaOfPort)));
        }
        return command;
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private void awaitPong() throws IOException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (true) {
            try (RawClient c = RawClient.connect(port)) {
                c.send("PING\r\n");
                if (c.readLine().equals("+PONG\r\n")) {
                    return;
                }
            } catch (IOException notYet) {
                if (!process.isAlive() || System.nanoTime() > deadline || lineContaining("TODO(lab8)").isPresent()) {
                    throw new IOException(this + " did not start: " + logTail(), notYet);
                }
                pause();
            }
        }
    }

    /** @return real or ours, and how it runs */
    Kind kind() {
        return kind;
    }

    /** @return the port it listens on (127.0.0.1) */
    int port() {
        return port;
    }

    /** @return its directory */
    Path dir() {
        return dir;
    }

    /** @return a new connection to it (close it) */
    Jedis client() {
        return new Jedis("127.0.0.1", port, (int) WAIT.toMillis());
    }

    /**
     * @param section an INFO section, e.g. {@code replication}
     * @return its fields, by name
     */
    Map<String, String> info(String section) {
        try (Jedis j = client()) {
            Map<String, String> fields = new HashMap<>();
            for (String line : j.info(section).split("\r\n")) {
                int colon = line.indexOf(':');
                if (colon > 0 && !line.startsWith("#")) {
                    fields.put(line.substring(0, colon), line.substring(colon + 1));
                }
            }
            return fields;
        }
    }

    /** @return an INFO field, e.g. {@code info("stats", "sync_full")}; null if absent */
    String info(String section, String field) {
        return info(section).get(field);
    }

    /** @return an INFO field read as a number; fails if absent */
    long infoLong(String section, String field) {
        String value = info(section, field);
        if (value == null) {
            throw new AssertionError(this + ": INFO " + section + " has no " + field + ": " + info(section));
        }
        return Long.parseLong(value);
    }

    /** Kills the process with SIGKILL ({@code kill -9}): no shutdown, no save. */
    void kill() {
        if (process == null) {
            throw new IllegalStateException("a server in this JVM cannot be killed: start it as " + Kind.OURS_PROCESS);
        }
        process.destroyForcibly();
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** @return whether a line of its log (its output, for a process) contains {@code text} */
    boolean logContains(String text) {
        return lineContaining(text).isPresent();
    }

    /** @return the first line of its log (its output, for a process) that contains {@code text} */
    Optional<String> lineContaining(String text) {
        return lines().stream().filter(line -> line.contains(text)).findFirst();
    }

    private List<String> lines() {
        if (log != null) {
            return log;
        }
        try {
            return Files.readAllLines(dir.resolve("server.log"), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return List.of("(no log: " + e.getMessage() + ")");
        }
    }

    /** @return its last log lines (its output, for a process), for a failure's message */
    String logTail() {
        List<String> lines = lines();
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    }

    /** Stops it and keeps its directory (a restart follows). */
    void stop() {
        if (server != null) {
            server.close();
        } else {
            process.destroy();
            try {
                if (!process.waitFor(10, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public void close() {
        stop();
        try {
            if (Files.exists(dir)) { // a restarted node shares it, and may have deleted it
                TempDirs.delete(dir);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public String toString() {
        return kind.title() + " server on port " + port;
    }

    /**
     * Polls {@code condition} until it holds.
     *
     * @param what what is awaited, for the failure's message
     * @param detail what the servers say when it fails (their INFO, their logs)
     * @throws AssertionError if it does not hold within {@link #WAIT}
     */
    static void await(String what, BooleanSupplier condition, Supplier<String> detail) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + WAIT + " waiting for " + what + "\n" + detail.get());
            }
            pause();
        }
    }

    /** The interval between two polls of a server's state (not a synchronisation: the poll decides). */
    private static void pause() {
        LockSupport.parkNanos(Duration.ofMillis(10).toNanos());
    }
}
