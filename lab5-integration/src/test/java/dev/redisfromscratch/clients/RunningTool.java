package dev.redisfromscratch.clients;

import dev.redisfromscratch.testkit.ExternalTool;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A real program that keeps running while a test talks to it: {@code redis-cli} reading commands
 * from its standard input, {@code redis-cli SUBSCRIBE}, {@code redis-cli --stat}. testkit's
 * {@link ExternalTool#run} waits for a program to finish; this one sends lines to it and reads its
 * output one line at a time, each read bounded by a timeout, so a test never hangs on a tool that
 * stays silent. {@link #close()} kills it.
 *
 * <pre>
 * try (RunningTool cli = RunningTool.start(ExternalTool.require("redis-cli"), "-p", port)) {
 *     cli.send("SET k v");
 *     assertThat(cli.nextLine()).isEqualTo("OK");
 * }
 * </pre>
 */
final class RunningTool implements AutoCloseable {
    /** How long {@link #nextLine()} waits for a line. */
    static final Duration LINE_TIMEOUT = Duration.ofSeconds(10);
    private static final String END = new String("end of output"); // identity marks the end

    private final Process process;
    private final List<String> command;
    private final OutputStream stdin;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private final List<String> seen = new ArrayList<>();

    private RunningTool(Process process, List<String> command) {
        this.process = process;
        this.command = command;
        this.stdin = process.getOutputStream();
        Thread reader = new Thread(this::readLines, "tool-output-" + process.pid());
        reader.setDaemon(true);
        reader.start();
    }

    /**
     * Starts {@code tool} with {@code args}; its standard error goes to its standard output.
     *
     * @return the running program
     */
    static RunningTool start(ExternalTool tool, String... args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(tool.path().toString());
        cmd.addAll(List.of(args));
        try {
            return new RunningTool(new ProcessBuilder(cmd).redirectErrorStream(true).start(), cmd);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void readLines() {
        try (BufferedReader out = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = out.readLine()) != null; ) {
                lines.add(line);
            }
        } catch (IOException closed) {
            // killed by close()
        } finally {
            lines.add(END);
        }
    }

    /** Writes {@code line} and a newline to the program's standard input, and flushes. */
    void send(String line) {
        try {
            stdin.write((line + "\n").getBytes(StandardCharsets.UTF_8));
            stdin.flush();
        } catch (IOException e) {
            throw new AssertionError(this + " no longer reads its input; its output so far: " + seen, e);
        }
    }

    /**
     * @return the next line the program printed, without its newline
     * @throws AssertionError if none comes within {@link #LINE_TIMEOUT}, or the program ended
     */
    String nextLine() {
        String line;
        try {
            line = lines.poll(LINE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
        if (line == null) {
            throw new AssertionError(this + " printed no line within " + LINE_TIMEOUT + "; its output so far: " + seen);
        }
        if (line == END) {
            lines.add(END);
            throw new AssertionError(this + " ended; its output: " + seen);
        }
        seen.add(line);
        return line;
    }

    /** @return the next {@code n} lines */
    List<String> nextLines(int n) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(nextLine());
        }
        return out;
    }

    /** @return whether the program is still running (a test waiting on it stops waiting once it has ended) */
    boolean isRunning() {
        return process.isAlive();
    }

    @Override
    public String toString() {
        return String.join(" ", command);
    }

    /** Kills the program and waits for it to exit. */
    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
