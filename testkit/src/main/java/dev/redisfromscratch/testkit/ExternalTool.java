package dev.redisfromscratch.testkit;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * A real program the tests drive: {@code redis-cli}, {@code redis-benchmark}, {@code redis-server}.
 *
 * <p>Tests that need one call {@link #require(String)}: when the program is missing the test is
 * skipped with a message naming the Debian package, except in CI ({@code CI=true}), where
 * {@code .ci/run} installs them and a missing tool fails the test instead of hiding it.
 */
public final class ExternalTool {
    private final Path path;

    private ExternalTool(Path path) {
        this.path = path;
    }

    /** @return the program on {@code PATH}, if installed */
    public static Optional<ExternalTool> find(String name) {
        String pathEnv = System.getenv().getOrDefault("PATH", "");
        for (String dir : pathEnv.split(File.pathSeparator)) {
            Path candidate = Path.of(dir, name);
            if (Files.isExecutable(candidate)) {
                return Optional.of(new ExternalTool(candidate));
            }
        }
        return Optional.empty();
    }

    /**
     * @return the program; skips the calling test if it is missing (fails it under {@code CI=true})
     */
    public static ExternalTool require(String name) {
        Optional<ExternalTool> tool = find(name);
        String hint = name + " is not installed (Debian: apt-get install " + debianPackage(name) + ")";
        if (tool.isEmpty() && "true".equals(System.getenv("CI"))) {
            throw new AssertionError(hint + "; .ci/run should have installed it");
        }
        Assumptions.assumeTrue(tool.isPresent(), hint);
        return tool.get();
    }

    /** The Debian package that ships a program the tests use. */
    public static String debianPackage(String program) {
        return switch (program) {
            case "redis-cli", "redis-benchmark" -> "redis-tools";
            case "redis-server" -> "redis-server";
            default -> program;
        };
    }

    /** @return the program's absolute path */
    public Path path() {
        return path;
    }

    /**
     * Runs the program to completion.
     *
     * @param stdin bytes for its standard input (may be empty)
     * @param timeout how long it may run before it is killed and the call fails
     * @param args its arguments
     * @return its exit status and output
     */
    public Result run(byte[] stdin, Duration timeout, String... args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(path.toString());
        cmd.addAll(List.of(args));
        try {
            Path out = Files.createTempFile("tool-out", ".txt");
            Path err = Files.createTempFile("tool-err", ".txt");
            Process p = new ProcessBuilder(cmd)
                    .redirectOutput(out.toFile())
                    .redirectError(err.toFile())
                    .start();
            try (var stdinStream = p.getOutputStream()) {
                stdinStream.write(stdin);
            }
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
                throw new AssertionError(String.join(" ", cmd) + " did not finish within " + timeout);
            }
            Result r = new Result(p.exitValue(), Files.readAllBytes(out),
                    Files.readString(err, StandardCharsets.UTF_8));
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
            return r;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    /** Runs with empty standard input and a 60 s limit. */
    public Result run(String... args) {
        return run(new byte[0], Duration.ofSeconds(60), args);
    }

    /**
     * A finished run.
     *
     * @param exitCode the exit status
     * @param stdout standard output, raw bytes
     * @param stderr standard error, as text
     */
    public record Result(int exitCode, byte[] stdout, String stderr) {
        /** @return standard output as UTF-8 text */
        public String out() {
            return new String(stdout, StandardCharsets.UTF_8);
        }
    }
}
