package dev.redisfromscratch.server;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Lab 4's server in a JVM of its own ({@link PersistentServerMain}, on this test's class path), so
 * that a test can {@code kill -9} it: no shutdown hook, no final save, no flush, as a crash or a
 * power cut leaves things (minus the page cache, which a process crash keeps).
 */
final class ServerProcess implements AutoCloseable {
    private static final Pattern LISTENING = Pattern.compile("listening on [0-9.]+:(\\d+)");

    private final Process process;
    private final List<String> output = new CopyOnWriteArrayList<>();
    private final int port;
    private final Thread outputDone;

    private ServerProcess(Process process) throws IOException {
        this.process = process;
        CompletableFuture<Integer> port = new CompletableFuture<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null; ) {
                    output.add(line);
                    Matcher m = LISTENING.matcher(line);
                    if (m.find()) {
                        port.complete(Integer.parseInt(m.group(1)));
                    }
                }
            } catch (IOException ignored) {
                // the process died
            }
            port.completeExceptionally(new IOException("the server exited: " + output));
        }, "server-process-output");
        reader.setDaemon(true);
        reader.start();
        this.outputDone = reader;
        try {
            this.port = port.get(60, TimeUnit.SECONDS);
        } catch (Exception e) {
            process.destroyForcibly();
            throw new IOException("the server did not start: " + output, e);
        }
    }

    /**
     * Starts {@code java -cp <this class path> PersistentServerMain --port 0 --dir dir args...} and
     * waits until it listens.
     */
    static ServerProcess start(Path dir, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-cp", System.getProperty("java.class.path"),
                PersistentServerMain.class.getName(), "--port", "0", "--dir", dir.toString()));
        command.addAll(List.of(args));
        return new ServerProcess(new ProcessBuilder(command).redirectErrorStream(true).start());
    }

    int port() {
        return port;
    }

    long pid() {
        return process.pid();
    }

    /** @return the lines it printed so far */
    List<String> output() {
        return output;
    }

    /** A test's body, which may talk to the server and throw. */
    interface Body {
        void run() throws Exception;
    }

    /**
     * Runs {@code body}; if it fails, stops the server and fails with what the server printed
     * appended, since the cause is often there (a bug's stack trace, or a {@code TODO(lab4)} stub
     * the server thread ran into) while the client saw only a closed connection.
     */
    void check(Body body) throws Exception {
        try {
            body.run();
        } catch (Exception | AssertionError e) {
            kill9();
            outputDone.join(TimeUnit.SECONDS.toMillis(10));
            throw new AssertionError(e.getMessage() + "\n  the server printed:\n    " + String.join("\n    ", output), e);
        }
    }

    /** {@code kill}: SIGTERM, and waits until it has exited (and printed its last lines). */
    void sigterm() throws InterruptedException {
        process.toHandle().destroy(); // SIGTERM on Linux (Process.destroy would also close its output pipe)
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            throw new AssertionError("still running 60 s after SIGTERM: " + output);
        }
        outputDone.join(TimeUnit.SECONDS.toMillis(10));
    }

    /** {@code kill -9}: SIGKILL, and waits until it is gone. */
    void kill9() throws InterruptedException {
        process.destroyForcibly(); // SIGKILL on Linux
        process.waitFor(30, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            kill9();
        }
    }
}
