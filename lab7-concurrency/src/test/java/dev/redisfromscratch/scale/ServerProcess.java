package dev.redisfromscratch.scale;

import dev.redisfromscratch.eventloop.EventLoopServer;
import java.io.Closeable;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;

/**
 * Lab 7's server ({@code ConcurrencyServerMain}) in a process of its own, started with the test
 * JVM's class path, so that its file descriptors and its CPU time are its own: what the scale
 * tests count through {@code /proc/<pid>}.
 */
final class ServerProcess implements Closeable {
    /** Clock ticks per second in {@code /proc/<pid>/stat} ({@code sysconf(_SC_CLK_TCK)}: 100 on Linux). */
    static final int CLOCK_TICKS_PER_SECOND = 100;

    private static final String LOG = "server.log";

    final Process process;
    final int port;
    private final Path dir;

    private ServerProcess(Process process, int port, Path dir) {
        this.process = process;
        this.port = port;
        this.dir = dir;
    }

    /**
     * Starts the server on a free port with no persistence and waits (polling a connect, with a
     * deadline) until it accepts.
     *
     * @param extraArgs more options, e.g. {@code --maxclients 10100}
     */
    static ServerProcess start(String... extraArgs) throws IOException {
        int port;
        try (ServerSocket probe = new ServerSocket(0)) {
            port = probe.getLocalPort();
        }
        Path dir = Files.createTempDirectory("lab7-scale-");
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"),
                "dev.redisfromscratch.server.ConcurrencyServerMain",
                "--port", Integer.toString(port), "--save", "", "--dir", dir.toString()));
        command.addAll(List.of(extraArgs));
        Process p = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(dir.resolve(LOG).toFile()).start();
        ServerProcess server = new ServerProcess(p, port, dir);
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (true) {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 1000);
                return server;
            } catch (IOException notYet) {
                if (!p.isAlive() || System.nanoTime() > deadline) {
                    server.close();
                    throw new IOException("lab 7's server did not start on port " + port, notYet);
                }
                try {
                    p.waitFor(20, TimeUnit.MILLISECONDS); // the timer between connect attempts
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IOException(e);
                }
            }
        }
    }

    /**
     * Wraps a failure of a test against this server with what the server printed: the reason a
     * connection was refused or reset is in its output (a starter's {@code TODO(lab7)}, a stack
     * trace), not in the client's exception.
     *
     * @param cause the test's failure
     * @return the error to throw
     */
    AssertionError failed(Throwable cause) {
        String output;
        try {
            List<String> lines = Files.readAllLines(dir.resolve(LOG), StandardCharsets.UTF_8);
            output = String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
        } catch (IOException e) {
            output = "(its output could not be read: " + e.getMessage() + ")";
        }
        return new AssertionError(cause.getMessage() + "; lab 7's server process"
                + (process.isAlive() ? "" : " (exited " + process.exitValue() + ")") + " printed:\n" + output, cause);
    }

    /** @return user + system CPU time of the whole process so far, clock ticks ({@code /proc/<pid>/stat} fields 14 and 15) */
    long cpuTicks() throws IOException {
        return ticks(Path.of("/proc", Long.toString(process.pid()), "stat"));
    }

    /** @return the CPU ticks of the event loop's thread, found by its name in {@code /proc/<pid>/task/*}{@code /comm}, if there is one */
    OptionalLong loopThreadTicks() throws IOException {
        String prefix = EventLoopServer.THREAD_NAME.substring(0, Math.min(15, EventLoopServer.THREAD_NAME.length()));
        try (var tasks = Files.list(Path.of("/proc", Long.toString(process.pid()), "task"))) {
            for (Path task : tasks.toList()) {
                String comm = Files.readString(task.resolve("comm"), StandardCharsets.US_ASCII).trim();
                if (comm.startsWith(prefix)) {
                    return OptionalLong.of(ticks(task.resolve("stat")));
                }
            }
        }
        return OptionalLong.empty();
    }

    private static long ticks(Path stat) throws IOException {
        String text = Files.readString(stat, StandardCharsets.US_ASCII);
        String[] fields = text.substring(text.lastIndexOf(')') + 2).split(" "); // after "pid (comm) ": field 3 on
        return Long.parseLong(fields[11]) + Long.parseLong(fields[12]); // utime (14), stime (15)
    }

    /** @return the soft and hard limits on open files of this (the test's) process, from {@code /proc/self/limits} */
    static long[] openFilesLimits() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/limits"))) {
            if (line.startsWith("Max open files")) {
                String[] f = line.substring("Max open files".length()).trim().split("\\s+");
                return new long[] {parse(f[0]), parse(f[1])};
            }
        }
        return new long[] {-1, -1};
    }

    private static long parse(String limit) {
        return "unlimited".equals(limit) ? Long.MAX_VALUE : Long.parseLong(limit);
    }

    @Override
    public void close() throws IOException {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try (var files = Files.walk(dir)) {
            for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
