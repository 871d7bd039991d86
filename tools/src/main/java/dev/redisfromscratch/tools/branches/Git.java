package dev.redisfromscratch.tools.branches;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Runs {@code git} in one repository ({@code git -C <dir> ...}) and returns what it prints. Only
 * plumbing that never touches the repository's checked-out branch, index or working tree is used
 * by the generator; the callers say which.
 */
final class Git {
    private final Path dir;

    /** @param dir a directory inside the repository (its working tree, or the repository itself) */
    Git(Path dir) {
        this.dir = dir;
    }

    /** A git command that failed: its arguments, exit status and standard error. */
    static final class GitException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        GitException(String message) {
            super(message);
        }
    }

    /** @return the directory {@code git -C} runs in */
    Path dir() {
        return dir;
    }

    /**
     * Runs {@code git -C dir args...}.
     *
     * @return standard output, without its trailing newline
     * @throws GitException if git exits with a non-zero status
     */
    String run(String... args) {
        return run(Map.of(), args);
    }

    /** Like {@link #run(String...)}, with extra environment variables (e.g. {@code GIT_INDEX_FILE}). */
    String run(Map<String, String> env, String... args) {
        Result r = tryRun(env, args);
        if (r.status() != 0) {
            throw new GitException("git " + String.join(" ", args) + " (in " + dir + ") exited with " + r.status()
                    + ": " + r.err().strip());
        }
        return r.out().endsWith("\n") ? r.out().substring(0, r.out().length() - 1) : r.out();
    }

    /** What a git command printed, and its exit status. */
    record Result(int status, String out, String err) {
    }

    /** Runs git and returns its result whatever its exit status. */
    Result tryRun(Map<String, String> env, String... args) {
        List<String> command = new ArrayList<>(List.of("git", "-C", dir.toString()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.environment().putAll(env);
        pb.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        try {
            Process p = pb.start();
            CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> readAll(p.getErrorStream()));
            String out = readAll(p.getInputStream());
            int status = p.waitFor();
            return new Result(status, out, err.join());
        } catch (IOException e) {
            throw new GitException("cannot run git: " + e.getMessage() + " (is git installed?)");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new GitException("interrupted while running git " + String.join(" ", args));
        }
    }

    /** @return the object a revision names ({@code git rev-parse --verify -q}), or empty if none */
    Optional<String> resolve(String revision) {
        Result r = tryRun(Map.of(), "rev-parse", "--verify", "-q", revision);
        return r.status() == 0 ? Optional.of(r.out().strip()) : Optional.empty();
    }

    private static String readAll(InputStream in) {
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
