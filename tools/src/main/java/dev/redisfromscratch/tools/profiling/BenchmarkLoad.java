package dev.redisfromscratch.tools.profiling;

import dev.redisfromscratch.tools.load.LoadGenerator;
import dev.redisfromscratch.tools.load.LoadGenerator.LoadResult;
import dev.redisfromscratch.tools.load.Workload;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The other load {@code profile --load redis-benchmark} drives a server with: the real
 * {@code redis-benchmark}, looping over its tests ({@code -l}) until the time is up, then stopped.
 * Unlike the {@link LoadGenerator}, its connections stay open for a whole test: with {@code -c 50}
 * a thread-per-client server (lab 5) has fifty clients, and fifty threads, at once, which is what
 * a lock profile under {@code redis-benchmark -c 50} is about.
 *
 * <pre>
 * redis-benchmark -h 127.0.0.1 -p PORT -c C -P P -t set,get,ping_mbulk -n N -l -q
 * </pre>
 *
 * <p>{@code -q} prints one line per completed test ({@code SET: 6698.82 requests per second,
 * p50=2.151 msec}), after progress updates separated by carriage returns; the replies counted are
 * those of the completed tests, N each (the test cut off by the deadline is not counted). An error
 * reply makes {@code redis-benchmark} print {@code Error from server: ...} and exit with status 1.
 */
public final class BenchmarkLoad {
    /** The program, found on {@code PATH}. */
    public static final String PROGRAM = "redis-benchmark";
    /** Its tests: the SET/GET/PING of {@link Workload#RESP_STRINGS}, in RESP. */
    public static final String TESTS = "set,get,ping_mbulk";

    private static final Pattern COMPLETED = Pattern.compile("^\\s*([A-Z_]+(?: \\(\\d+ keys\\))?): ([0-9.]+) requests per second");

    private BenchmarkLoad() {
    }

    /**
     * @param requests requests per test ({@code -n})
     * @return the command line
     */
    static List<String> command(int port, int connections, int pipeline, int requests) {
        return List.of(PROGRAM, "-h", "127.0.0.1", "-p", Integer.toString(port), "-c", Integer.toString(connections),
                "-P", Integer.toString(pipeline), "-t", TESTS, "-n", Integer.toString(requests), "-l", "-q");
    }

    /**
     * Requests per test: enough that a test lasts seconds rather than milliseconds (each test
     * opens its {@code connections} anew), 100 per connection and at least 5,000.
     */
    static int requestsPerTest(int connections, int pipeline) {
        return Math.max(5_000, 100 * connections * pipeline);
    }

    /**
     * Runs {@code redis-benchmark} against 127.0.0.1:{@code port} for {@code seconds}, then stops
     * it (SIGTERM).
     *
     * @param scratch a directory for its output file
     * @return the replies of the tests it completed, error replies, the tests completed as
     *     sessions, and a failure if it could not start or exited early
     */
    public static LoadResult run(int port, int connections, int pipeline, int seconds, Path scratch)
            throws IOException, InterruptedException {
        int requests = requestsPerTest(connections, pipeline);
        Path output = Files.createTempFile(scratch, "redis-benchmark", ".txt");
        List<String> failures = new ArrayList<>();
        Process p;
        try {
            p = new ProcessBuilder(command(port, connections, pipeline, requests))
                    .redirectErrorStream(true).redirectOutput(output.toFile()).start();
        } catch (IOException e) {
            Files.deleteIfExists(output);
            return new LoadResult(0, 0, 0, List.of(PROGRAM + " could not be started (Debian: apt-get install redis-tools): "
                    + e.getMessage()));
        }
        if (p.waitFor(seconds, TimeUnit.SECONDS)) {
            failures.add(PROGRAM + " exited with status " + p.exitValue() + " before the time was up");
        } else {
            p.destroy();
            if (!p.waitFor(10, TimeUnit.SECONDS)) {
                p.destroyForcibly().waitFor();
            }
        }
        String text = Files.readString(output, StandardCharsets.UTF_8);
        Files.deleteIfExists(output);
        LoadResult parsed = parse(text, requests);
        failures.addAll(parsed.failures());
        if (!failures.isEmpty()) {
            failures.add("its last output: " + tail(text));
        }
        return new LoadResult(parsed.replies(), parsed.errors(), parsed.sessions(), List.copyOf(failures));
    }

    /**
     * Reads {@code redis-benchmark -q} output.
     *
     * @param requests requests per test
     * @return replies of the completed tests, error lines, completed tests, and each error line
     *     as a failure
     */
    static LoadResult parse(String output, int requests) {
        long completed = 0;
        long errors = 0;
        List<String> failures = new ArrayList<>();
        for (String line : output.split("[\r\n]+")) {
            Matcher m = COMPLETED.matcher(line);
            if (m.find()) {
                completed++;
            } else if (line.startsWith("Error from server") || line.startsWith("ERROR") || line.contains("Could not connect")) {
                errors++;
                failures.add(line.trim());
            }
        }
        return new LoadResult(completed * requests, errors, completed, failures);
    }

    private static String tail(String text) {
        String[] lines = text.split("[\r\n]+");
        return String.join(" | ", List.of(lines).subList(Math.max(0, lines.length - 3), lines.length)).trim();
    }
}
