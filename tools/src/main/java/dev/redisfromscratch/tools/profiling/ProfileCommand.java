package dev.redisfromscratch.tools.profiling;

import dev.redisfromscratch.tools.load.LoadGenerator;
import dev.redisfromscratch.tools.load.LoadGenerator.LoadResult;
import dev.redisfromscratch.tools.load.ServerProcess;
import dev.redisfromscratch.tools.load.Workload;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code profile}: runs a lab's server under async-profiler, drives it with the
 * {@link LoadGenerator} for a few seconds, stops it, and leaves a flame graph (HTML): of CPU time,
 * or with {@code --event wall} of the server thread's wall-clock time, waiting included.
 * {@code ./lab profile N [--seconds S]} runs it as:
 *
 * <pre>
 * java -jar tools/target/tools.jar profile --lab 3 --jar lab3-resp-parser/target/lab3-resp-parser.jar \
 *      --seconds 10 --out target/profile/lab3-flamegraph.html
 * </pre>
 *
 * <p>{@code --event lock} records the time threads waited for locks instead of CPU time, and
 * {@code --load redis-benchmark} drives the server with the real {@code redis-benchmark}
 * ({@link BenchmarkLoad}) instead of the built-in generator, so that lab 5's lock profile is taken
 * under {@code redis-benchmark -c 50}:
 *
 * <pre>
 * ./lab profile 5 --event lock --load redis-benchmark --connections 50
 * </pre>
 *
 * <p>An {@code --out} path ending in {@code .collapsed} gets async-profiler's collapsed stacks
 * (one line per stack, its frames joined by {@code ;}, its count or nanoseconds last) instead of
 * the HTML graph, for scripts to read ({@code ./lab trace 5}).
 *
 * <p>Prints the sampling mode (falling back to {@code itimer} where perf events are not
 * permitted, and saying so), the load it generated, and the flame graph's path. {@code --idle S}
 * keeps the server up, with no client, for S seconds after the load: a wall-clock profile then shows
 * the server waiting in {@code accept} for its next client. Exit status 0; 1
 * if the server does not start, the load hits error replies or broken connections, or no flame
 * graph was written.
 */
@Command(name = "profile", mixinStandardHelpOptions = true,
        description = "Profile a lab's server under load with async-profiler; writes an HTML flame graph.")
public final class ProfileCommand implements Callable<Integer> {
    @Option(names = "--lab", required = true, paramLabel = "N", description = "the lab number: picks the workload")
    private int lab;

    @Option(names = "--jar", required = true, paramLabel = "JAR", description = "the lab's runnable jar")
    private Path jar;

    @Option(names = "--seconds", defaultValue = "10", paramLabel = "S", description = "how long to drive it (default: ${DEFAULT-VALUE})")
    private int seconds;

    @Option(names = "--out", paramLabel = "HTML", description = "the flame graph (default: target/profile/labN-flamegraph.html);"
            + " a name ending in .collapsed gets collapsed stacks as text instead")
    private Path out;

    @Option(names = "--connections", defaultValue = "4", paramLabel = "C", description = "client connections (default: ${DEFAULT-VALUE})")
    private int connections;

    @Option(names = "--pipeline", defaultValue = "1", paramLabel = "P", description = "requests per write (default: ${DEFAULT-VALUE})")
    private int pipeline;

    @Option(names = "--event", defaultValue = "auto", paramLabel = "E",
            description = "auto (cpu where perf events are permitted, else itimer), cpu, itimer, wall"
                    + " (the server thread's wall-clock time, waiting included), or lock (time threads waited for locks)"
                    + " (default: ${DEFAULT-VALUE})")
    private String event;

    @Option(names = "--load", defaultValue = "generator", paramLabel = "L",
            description = "generator (the built-in load generator) or redis-benchmark (the real one, looping over"
                    + " " + BenchmarkLoad.TESTS + " with --connections clients; labs that speak RESP) (default: ${DEFAULT-VALUE})")
    private String load;

    @Option(names = "--idle", defaultValue = "0", paramLabel = "S",
            description = "seconds the server stays up with no client after the load (default: ${DEFAULT-VALUE});"
                    + " with --event wall the graph then shows it waiting in accept")
    private int idle;

    /** Requests per session: enough to dwarf the connect, short enough to rotate the clients often. */
    static final int SESSION_REQUESTS = 1000;

    @Override
    public Integer call() throws IOException, InterruptedException {
        if (seconds < 1 || idle < 0 || !Files.isRegularFile(jar) || !(event.equals("auto") || SamplingMode.EVENTS.contains(event))
                || !(load.equals("generator") || load.equals("redis-benchmark"))) {
            System.err.println("profile: need --seconds >= 1, --idle >= 0, an existing --jar, --event auto, cpu, itimer, wall"
                    + " or lock, and --load generator or redis-benchmark");
            return 2;
        }
        boolean benchmark = load.equals("redis-benchmark");
        if (benchmark && Workload.forLab(lab) != Workload.RESP_STRINGS) {
            System.err.println("profile: --load redis-benchmark needs a lab that speaks RESP (lab 3 and later)");
            return 2;
        }
        Path html = (out != null ? out : Path.of("target", "profile", "lab" + lab + "-flamegraph.html")).toAbsolutePath();
        Path dir = html.getParent();
        Files.createDirectories(dir);
        Files.deleteIfExists(html);
        Path library = ProfilerLibrary.extract(dir);
        SamplingMode mode = event.equals("auto") ? SamplingMode.choose(library) : SamplingMode.forced(event);
        System.out.println("profile: " + mode.explanation());

        Workload workload = Workload.forLab(lab);
        String loadName = benchmark
                ? "redis-benchmark -c " + connections + " -P " + pipeline + " -t " + BenchmarkLoad.TESTS
                : workload.describe() + " on " + connections + " connections";
        Path log = dir.resolve("lab" + lab + "-server.log");
        String title = "lab" + lab + " " + (benchmark ? "redis-benchmark -c " + connections : workload.describe()) + " " + mode.event();
        ServerProcess server;
        try {
            server = ProfiledServer.start(jar.toAbsolutePath(), library, mode, html, title, log);
        } catch (IOException e) {
            System.err.println("profile: lab " + lab + "'s server did not start: " + e.getMessage());
            return 1;
        }
        System.out.println("+ " + server.handle().info().commandLine().orElse("java -agentpath:... -jar " + jar));
        System.out.println("profile: lab " + lab + " listens on 127.0.0.1:" + server.port() + " (pid "
                + server.handle().pid() + ", log " + log + "); sending " + loadName + " for " + seconds + " s");

        long start = System.nanoTime();
        LoadResult result;
        if (benchmark) {
            result = BenchmarkLoad.run(server.port(), connections, pipeline, seconds, dir);
        } else {
            LoadGenerator generator = new LoadGenerator(new InetSocketAddress("127.0.0.1", server.port()),
                    workload.requests(), connections, SESSION_REQUESTS * pipeline, pipeline);
            result = generator.runFor(0, TimeUnit.SECONDS.toNanos(seconds));
        }
        double elapsed = (System.nanoTime() - start) / 1e9;
        if (idle > 0) {
            System.out.println("profile: load done; no clients for " + idle + " s (--idle) while the server waits for its next one");
            Thread.sleep(TimeUnit.SECONDS.toMillis(idle));
        }
        int status = server.stop();

        System.out.println(String.format(Locale.ROOT,
                "profile: %,d replies in %.1f s (%,.0f per second), %,d %s, %,d error replies; server exited with status %d",
                result.replies(), elapsed, result.replies() / elapsed, result.sessions(),
                benchmark ? "redis-benchmark tests completed" : "sessions", result.errors(), status));
        result.failures().forEach(f -> System.err.println((benchmark ? "profile: redis-benchmark: " : "profile: a connection broke: ") + f));
        if (!Files.isRegularFile(html) || Files.size(html) == 0) {
            System.err.println("profile: no flame graph was written; see " + log);
            return 1;
        }
        System.out.println((html.toString().endsWith(".collapsed") ? "Collapsed stacks: " : "Flame graph: ") + html);
        return result.errors() == 0 && result.failures().isEmpty() && result.replies() > 0 ? 0 : 1;
    }
}
