package dev.redisfromscratch.tools.load;

import dev.redisfromscratch.tools.load.LoadGenerator.LoadResult;
import dev.redisfromscratch.tools.load.Workload.Request;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code load}: drives a server with SET/GET of 16-byte values from many connections for some
 * seconds, and reports throughput and latency percentiles (coordinated-omission-corrected, see
 * {@link LatencyReport}), with the percentile distribution as text ({@code .hgrm}) and as a chart
 * ({@code .png}). {@code ./lab load N --clients C --seconds S} starts lab N's server on a free port,
 * runs it, and stops the server:
 *
 * <pre>
 * java -jar tools/target/tools.jar load --lab 7 --jar lab7-concurrency/target/lab7-concurrency.jar \
 *      --clients 1000 --seconds 10 --out target/load
 * </pre>
 *
 * <p>With {@code --server HOST:PORT} it drives a server already running (a lab's, or Redis) and
 * starts nothing. The load is closed-loop (see {@link LoadGenerator}): each of the C connections
 * sends a batch of P requests ({@code --pipeline}) and sends the next once all replies are in,
 * after a warm-up whose requests are not counted. Every reply is checked; a wrong or error reply
 * is counted, and the first few are printed.
 *
 * <p>Exit status 0; 1 if the server does not start, a reply is wrong, a connection breaks, or no
 * reply came; 2 for bad options.
 */
@Command(name = "load", mixinStandardHelpOptions = true,
        description = "Drive a server with SET/GET from many connections; print throughput and latency percentiles;"
                + " write the percentile distribution (.hgrm) and its chart (.png).")
public final class LoadCommand implements Callable<Integer> {
    @Option(names = "--lab", paramLabel = "N", description = "the lab whose --jar is started (names the output files)")
    private Integer lab;

    @Option(names = "--jar", paramLabel = "JAR", description = "the lab's runnable jar, started on a free port and stopped after")
    private Path jar;

    @Option(names = "--server", paramLabel = "HOST:PORT", description = "drive this running server instead of starting one")
    private String server;

    @Option(names = "--clients", defaultValue = "50", paramLabel = "C", description = "connections (default: ${DEFAULT-VALUE})")
    private int clients;

    @Option(names = "--seconds", defaultValue = "10", paramLabel = "S", description = "measured seconds (default: ${DEFAULT-VALUE})")
    private double seconds;

    @Option(names = "--warmup", defaultValue = "1", paramLabel = "S",
            description = "seconds of load before measuring, not counted (default: ${DEFAULT-VALUE})")
    private double warmup;

    @Option(names = "--pipeline", defaultValue = "1", paramLabel = "P", description = "requests per batch (default: ${DEFAULT-VALUE})")
    private int pipeline;

    @Option(names = "--ratio", defaultValue = "1:1", paramLabel = "SET:GET", description = "SETs to GETs (default: ${DEFAULT-VALUE})")
    private String ratio;

    @Option(names = "--keys", defaultValue = "10000", paramLabel = "K", description = "the keyspace (default: ${DEFAULT-VALUE})")
    private int keys;

    @Option(names = "--threads", paramLabel = "T", description = "the generator's I/O threads (default: 1, as redis-benchmark)")
    private Integer threads;

    @Option(names = "--out", defaultValue = "target/load", paramLabel = "DIR", description = "where the .hgrm and .png go (default: ${DEFAULT-VALUE})")
    private Path out;

    @Override
    public Integer call() throws IOException, InterruptedException {
        int[] setGet;
        try {
            setGet = parseRatio(ratio);
            Workload.setGet(setGet[0], setGet[1], keys);
        } catch (IllegalArgumentException e) {
            System.err.println("load: " + e.getMessage());
            return 2;
        }
        if ((jar == null) == (server == null) || clients < 1 || pipeline < 1 || seconds <= 0 || warmup < 0
                || (threads != null && (threads < 1 || threads > clients)) || (jar != null && !Files.isRegularFile(jar))) {
            System.err.println("load: need either --jar (an existing lab jar) or --server HOST:PORT, --clients >= 1,"
                    + " --pipeline >= 1, --seconds > 0, --warmup >= 0, and --threads from 1 to --clients");
            return 2;
        }
        Files.createDirectories(out);
        String name;
        String serverName;
        InetSocketAddress address;
        ServerProcess started = null;
        if (server != null) {
            try {
                address = parseAddress(server);
            } catch (IllegalArgumentException e) {
                System.err.println("load: " + e.getMessage());
                return 2;
            }
            serverName = server;
            name = "server-" + address.getHostString() + "-" + address.getPort();
        } else {
            String who = lab != null ? "lab" + lab : jar.getFileName().toString().replaceAll("\\.jar$", "");
            Path log = out.resolve(who + "-server.log").toAbsolutePath();
            Path dir = Files.createDirectories(out.resolve(who + "-server").toAbsolutePath());
            List<String> cmd = javaCommand(jar);
            try {
                started = ServerProcess.start(port -> withPort(cmd, port), dir, log);
            } catch (IOException e) {
                System.err.println("load: " + who + "'s server did not start: " + e.getMessage());
                return 1;
            }
            address = new InetSocketAddress("127.0.0.1", started.port());
            serverName = (lab != null ? "lab " + lab : who) + " on 127.0.0.1:" + started.port();
            name = who;
            System.out.println("+ " + String.join(" ", withPort(cmd, started.port())) + "   (pid " + started.handle().pid()
                    + ", log " + log + ")");
        }
        name += "-c" + clients + "-p" + pipeline;
        int ioThreads = threads != null ? threads : LoadGenerator.DEFAULT_IO_THREADS;
        System.out.println(String.format(Locale.ROOT, "load: %s: %s, %d clients, pipeline %d, %d I/O threads;"
                        + " %.1f s warm-up, then %.1f s measured", serverName, describe(setGet, keys), clients, pipeline,
                ioThreads, warmup, seconds));
        LoadResult result;
        try {
            result = measure(address, Workload.setGet(setGet[0], setGet[1], keys), clients, pipeline, ioThreads, warmup, seconds);
        } finally {
            if (started != null) {
                started.stop();
            }
        }
        LatencyReport latency = LatencyReport.of(result.latencies());
        System.out.print(summary(result, latency));

        Path hgrm = out.resolve(name + ".hgrm");
        Files.writeString(hgrm, LatencyReport.hgrm(latency.corrected()));
        Files.writeString(out.resolve(name + "-raw.hgrm"), LatencyReport.hgrm(latency.raw()));
        Path png = out.resolve(name + ".png");
        PercentileChart.write(String.format(Locale.ROOT, "%s: SET/GET, %d clients, pipeline %d: %,.0f requests/s",
                lab != null ? "lab " + lab : serverName, clients, pipeline, result.throughput()), latency, png);
        System.out.println("Histogram: " + hgrm + " (corrected; " + name + "-raw.hgrm as recorded)");
        System.out.println("Chart:     " + png);
        if (result.recorded() == 0) {
            System.err.println("load: no reply arrived in the measured " + seconds + " s: the server is stalled or starved"
                    + " of CPU (its log, if this command started it, is next to the chart)");
        }
        return result.errors() == 0 && result.failures().isEmpty() && result.recorded() > 0 ? 0 : 1;
    }

    /**
     * Runs one closed-loop measurement.
     *
     * @param warmupSeconds load before measuring, not recorded
     * @param seconds the measured time
     * @return the result, latencies in ns
     */
    public static LoadResult measure(InetSocketAddress address, List<Request> requests, int clients, int pipeline,
                                     int ioThreads, double warmupSeconds, double seconds) throws InterruptedException {
        LoadGenerator generator = new LoadGenerator(address, requests, clients, 0, pipeline, ioThreads);
        return generator.runFor((long) (warmupSeconds * 1e9), (long) (seconds * 1e9));
    }

    /** @return what {@code ./lab load} prints after the run: counts, throughput, the percentile table */
    static String summary(LoadResult result, LatencyReport latency) {
        StringBuilder s = new StringBuilder();
        s.append(String.format(Locale.ROOT, "load: %,d requests in %.1f s: %,.0f requests/s; %,d wrong or error replies,"
                        + " %,d broken connections%n", result.recorded(), result.seconds(), result.throughput(),
                result.errors(), result.failures().size()));
        result.wrongReplies().forEach(w -> s.append("load: wrong reply: ").append(w).append('\n'));
        result.failures().stream().distinct().limit(5).forEach(f -> s.append("load: a connection broke: ").append(f).append('\n'));
        s.append(latency.table());
        s.append(String.format(Locale.ROOT, "  coordinated omission: corrected with an expected interval of %.3f ms"
                        + " (the raw median), which added %,d samples to %,d%n",
                latency.expectedIntervalNanos() / 1e6, latency.addedSamples(), latency.raw().getTotalCount()));
        return s.toString();
    }

    /** @return e.g. {@code SET/GET 1:1, 16-byte values, 10000 keys} */
    static String describe(int[] setGet, int keys) {
        return "SET/GET " + setGet[0] + ":" + setGet[1] + ", " + Workload.LOAD_VALUE_BYTES + "-byte values, " + keys + " keys";
    }

    /** @return {@code {sets, gets}} of {@code "1:1"} @throws IllegalArgumentException if malformed */
    static int[] parseRatio(String ratio) {
        String[] parts = ratio.split(":");
        try {
            if (parts.length == 2) {
                return new int[] {Integer.parseInt(parts[0].trim()), Integer.parseInt(parts[1].trim())};
            }
        } catch (NumberFormatException e) {
            // below
        }
        throw new IllegalArgumentException("--ratio must be SET:GET, two counts such as 1:1 or 1:10 (got " + ratio + ")");
    }

    /** @return the address of {@code host:port} @throws IllegalArgumentException if malformed */
    static InetSocketAddress parseAddress(String hostPort) {
        return parseAddress("--server", hostPort);
    }

    /**
     * Reads a {@code HOST:PORT} option, for every tools command that takes one.
     *
     * @param what how the error names the value ("--server")
     * @return the address of {@code host:port}
     * @throws IllegalArgumentException if malformed: "WHAT must be HOST:PORT (got ...)"
     */
    public static InetSocketAddress parseAddress(String what, String hostPort) {
        int colon = hostPort.lastIndexOf(':');
        try {
            if (colon > 0) {
                return new InetSocketAddress(hostPort.substring(0, colon), Integer.parseInt(hostPort.substring(colon + 1)));
            }
        } catch (IllegalArgumentException e) {
            // below
        }
        throw new IllegalArgumentException(what + " must be HOST:PORT (got " + hostPort + ")");
    }

    /** @return {@code java -jar JAR} with this JVM's java */
    static List<String> javaCommand(Path jar) {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-jar");
        cmd.add(jar.toAbsolutePath().toString());
        return cmd;
    }

    /** @return {@code cmd} then {@code --port PORT} */
    static List<String> withPort(List<String> cmd, int port) {
        List<String> all = new ArrayList<>(cmd);
        all.add("--port");
        all.add(Integer.toString(port));
        return all;
    }
}
