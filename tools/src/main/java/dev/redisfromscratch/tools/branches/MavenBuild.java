package dev.redisfromscratch.tools.branches;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs {@code mvn -o -B verify -Dmaven.test.failure.ignore=true} in an exported branch: every
 * module is compiled, packaged and tested, failing tests do not stop the build (their reports are
 * read afterwards), and nothing is installed into {@code ~/.m2}, so a starter's stubs can never
 * replace the reference labs other builds resolve from there. {@code -o}: every dependency is
 * already in the local repository, because the source clone has been built.
 *
 * @param status Maven's exit status: 0 when everything compiled (whatever the tests did)
 * @param log the file holding Maven's output
 * @param seconds how long the build took
 */
record MavenBuild(int status, Path log, long seconds) {
    /** A build that runs longer than this is stopped: something hangs. */
    static final long TIMEOUT_MINUTES = 15;

    /**
     * @param dir the exported branch (the root pom at its top)
     * @param log where Maven's output goes
     * @param extra more arguments, e.g. {@code -pl lab2-datastore -am}
     * @param out where the command is printed, as {@code ./lab} prints the commands it runs
     */
    static MavenBuild verify(Path dir, Path log, List<String> extra, PrintStream out) throws IOException {
        List<String> command = new ArrayList<>(List.of("mvn", "-o", "-B", "verify", "-Dmaven.test.failure.ignore=true"));
        command.addAll(extra);
        out.println("+ (cd " + dir + " && " + String.join(" ", command) + ") > " + log + " 2>&1");
        Files.createDirectories(log.getParent());
        long start = System.nanoTime();
        Process p = new ProcessBuilder(command).directory(dir.toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
        try {
            if (!p.waitFor(TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
                p.waitFor();
                Files.writeString(log, "\n[ERROR] stopped after " + TIMEOUT_MINUTES + " minutes\n",
                        StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.APPEND);
                return new MavenBuild(124, log, TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start));
            }
        } catch (InterruptedException e) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while building " + dir, e);
        }
        return new MavenBuild(p.exitValue(), log, TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start));
    }

    /**
     * @param module a module's artifact id (a lab's is its directory's name)
     * @return {@code -Dtests.only=module}: the root pom's {@code tests-only} profile, which runs that
     *     module's tests only; the other modules of the reactor still compile, package and write their
     *     test jars
     */
    static String testsOnly(String module) {
        return "-Dtests.only=" + module;
    }

    /** @return whether Maven succeeded (everything compiled; tests may have failed) */
    boolean built() {
        return status == 0;
    }

    /** @return the first few {@code [ERROR]} lines of the log: why the build failed */
    String firstErrors() throws IOException {
        return String.join("\n", Files.readAllLines(log, StandardCharsets.UTF_8).stream()
                .filter(l -> l.startsWith("[ERROR]") && l.length() > "[ERROR] ".length())
                .limit(6).toList());
    }
}
