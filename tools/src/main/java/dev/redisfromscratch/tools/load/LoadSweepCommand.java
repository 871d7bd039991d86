package dev.redisfromscratch.tools.load;

import dev.redisfromscratch.tools.benchreport.ReportChart;
import dev.redisfromscratch.tools.load.LoadGenerator.LoadResult;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.Styler.LegendPosition;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code load-sweep}: the labs compared on one workload, {@code ./lab bench compare}'s headline.
 * Each server ({@code --line}) is started in turn on a free port, driven by the
 * {@link LoadGenerator} with SET/GET of 16-byte values (1:1, 10,000 keys) at each client count and
 * pipeline depth, closed loop (C connections, P requests in flight on each, like
 * {@code redis-benchmark -c C -P P -t set,get}), a fixed warm-up and measured time per point, and
 * stopped; all in one session, one server at a time, so they do not share the cores.
 *
 * <pre>
 * java -jar tools/target/tools.jar load-sweep --out target/bench-report \
 *      --line 'lab 3|1|java -jar lab3-resp-parser/target/lab3-resp-parser.jar --port {port}' \
 *      --line "lab 5|all|java -jar lab5-integration/target/lab5-integration.jar --port {port} --save ''" \
 *      --line "Redis|all|redis-server --port {port} --save '' --appendonly no"
 * </pre>
 *
 * <p>A line is {@code LABEL|MAX_CLIENTS|COMMAND}: the command's words are split on spaces,
 * {@code {port}} becomes the port and {@code ''} an empty argument; client counts above
 * {@code MAX_CLIENTS} ({@code all}: none) are not run for that server, and the table says so (lab 3
 * serves one connection at a time: with two, the second waits until the first leaves, which a
 * closed loop never does).
 *
 * <p>Writes {@value #REPORT} (two tables, throughput and p99 by client count, one row per server
 * and pipeline depth, for {@code bench-report --headline}), {@value #CHART} (four panels: throughput
 * and p99 against clients, without and with pipelining, one line per server) and {@value #CSV}.
 * p99 is corrected for coordinated omission ({@link LatencyReport}). Exit status 0; 1 if a server
 * did not start (the others still run); 2 for bad options.
 */
@Command(name = "load-sweep", mixinStandardHelpOptions = true,
        description = "The same SET/GET load against several servers at several client counts: a table and a chart.")
public final class LoadSweepCommand implements Callable<Integer> {
    /** The Markdown section's file name in the output directory. */
    public static final String REPORT = "load-sweep.md";
    /** The chart's file name. */
    public static final String CHART = "load-sweep.png";
    /** The numbers, one line per point. */
    public static final String CSV = "load-sweep.csv";
    /** The section's title. */
    public static final String TITLE = "The labs compared: one workload, 1 to 1000 clients";

    @Option(names = "--line", required = true, paramLabel = "LABEL|MAX_CLIENTS|COMMAND", description = "a server to run")
    private List<String> lines = new ArrayList<>();

    @Option(names = "--clients", split = ",", defaultValue = "1,10,50,100,1000", paramLabel = "C,...",
            description = "client counts (default: ${DEFAULT-VALUE})")
    private List<Integer> clientCounts = new ArrayList<>();

    @Option(names = "--pipelines", split = ",", defaultValue = "1,16", paramLabel = "P,...",
            description = "pipeline depths (default: ${DEFAULT-VALUE})")
    private List<Integer> pipelines = new ArrayList<>();

    @Option(names = "--seconds", defaultValue = "4", paramLabel = "S", description = "measured seconds per point (default: ${DEFAULT-VALUE})")
    private double seconds;

    @Option(names = "--warmup", defaultValue = "1", paramLabel = "S", description = "warm-up seconds per point (default: ${DEFAULT-VALUE})")
    private double warmup;

    @Option(names = "--keys", defaultValue = "10000", paramLabel = "K", description = "the keyspace (default: ${DEFAULT-VALUE})")
    private int keys;

    @Option(names = "--note", paramLabel = "TEXT", description = "a line for the section's notes")
    private List<String> notes = new ArrayList<>();

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "where the files go")
    private Path out;

    /** One measured point. */
    record Point(String server, int clients, int pipeline, double throughput, double p99Millis, long errors,
                 int brokenConnections, String problem) {
        boolean clean() {
            return errors == 0 && brokenConnections == 0;
        }
    }

    /** A {@code --line}. */
    record Line(String label, int maxClients, List<String> command) {
        static Line parse(String spec) {
            String[] parts = spec.split("\\|", 3);
            if (parts.length != 3 || parts[0].isBlank() || parts[2].isBlank()) {
                throw new IllegalArgumentException("--line must be LABEL|MAX_CLIENTS|COMMAND (got " + spec + ")");
            }
            int max;
            try {
                max = parts[1].trim().equals("all") ? Integer.MAX_VALUE : Integer.parseInt(parts[1].trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--line's MAX_CLIENTS must be a number or all (got " + parts[1] + ")");
            }
            List<String> words = new ArrayList<>();
            for (String w : parts[2].trim().split(" +")) {
                words.add(w.equals("''") ? "" : w);
            }
            return new Line(parts[0].trim(), max, words);
        }

        List<String> commandFor(int port) {
            List<String> cmd = new ArrayList<>();
            command.forEach(w -> cmd.add(w.replace("{port}", Integer.toString(port))));
            return cmd;
        }
    }

    @Override
    public Integer call() throws IOException, InterruptedException {
        List<Line> servers = new ArrayList<>();
        try {
            for (String l : lines) {
                servers.add(Line.parse(l));
            }
        } catch (IllegalArgumentException e) {
            System.err.println("load-sweep: " + e.getMessage());
            return 2;
        }
        if (clientCounts.stream().anyMatch(c -> c < 1) || pipelines.stream().anyMatch(p -> p < 1) || seconds <= 0 || warmup < 0) {
            System.err.println("load-sweep: client counts and pipelines must be >= 1, --seconds > 0, --warmup >= 0");
            return 2;
        }
        Files.createDirectories(out);
        List<Point> points = new ArrayList<>();
        List<String> sweepNotes = new ArrayList<>(notes);
        int status = 0;
        for (Line line : servers) {
            String slug = line.label().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-|-$", "");
            Path dir = Files.createDirectories(out.resolve("servers").resolve(slug).toAbsolutePath());
            Path log = out.resolve("servers").resolve(slug + ".log").toAbsolutePath();
            ServerProcess server;
            try {
                server = ServerProcess.start(line::commandFor, dir, log);
            } catch (IOException e) {
                System.err.println("load-sweep: " + line.label() + " did not start: " + e.getMessage());
                sweepNotes.add(line.label() + " did not start (" + firstLine(e.getMessage()) + "), so it has no numbers.");
                status = 1;
                continue;
            }
            System.out.println("+ " + String.join(" ", line.commandFor(server.port())) + "   (" + line.label() + ", pid "
                    + server.handle().pid() + ")");
            try {
                InetSocketAddress address = new InetSocketAddress("127.0.0.1", server.port());
                for (int pipeline : pipelines) {
                    for (int clients : clientCounts) {
                        if (clients > line.maxClients()) {
                            continue;
                        }
                        LoadResult r = LoadCommand.measure(address, Workload.setGet(1, 1, keys), clients, pipeline,
                                LoadGenerator.DEFAULT_IO_THREADS, warmup, seconds);
                        LatencyReport latency = LatencyReport.of(r.latencies());
                        String problem = !r.wrongReplies().isEmpty() ? r.wrongReplies().get(0)
                                : r.failures().isEmpty() ? "" : r.failures().get(0);
                        Point p = new Point(line.label(), clients, pipeline, r.throughput(),
                                r.recorded() > 0 ? latency.millis(99) : Double.NaN, r.errors(), r.failures().size(), problem);
                        points.add(p);
                        System.out.println(String.format(Locale.ROOT, "  %-32s -c %-4d -P %-2d %,10.0f requests/s  p99 %9.3f ms%s",
                                line.label(), clients, pipeline, p.throughput(), p.p99Millis(),
                                p.clean() ? "" : "  (" + p.errors() + " wrong replies, " + p.brokenConnections()
                                        + " broken connections: " + problem + ")"));
                    }
                }
            } finally {
                server.stop();
            }
            if (line.maxClients() < clientCounts.stream().mapToInt(Integer::intValue).max().orElse(1)) {
                sweepNotes.add(line.label() + " runs at most " + line.maxClients() + (line.maxClients() == 1 ? " client" : " clients")
                        + ": it serves one connection at a time, so in a closed loop a second connection would wait for"
                        + " the first to leave, which it never does (its cells are marked —).");
            }
        }
        Files.writeString(out.resolve(REPORT), markdown(points, servers, sweepNotes));
        Files.writeString(out.resolve(CSV), csv(points));
        if (!points.isEmpty()) {
            chart(points, out.resolve(CHART));
        }
        System.out.println("Load sweep: " + out.resolve(REPORT) + ", " + out.resolve(CHART) + ", " + out.resolve(CSV));
        return status;
    }

    /** The section: what was run, the two tables, the chart, the notes. */
    String markdown(List<Point> points, List<Line> servers, List<String> sweepNotes) {
        StringBuilder md = new StringBuilder();
        md.append("## ").append(TITLE).append("\n\n");
        md.append(String.format(Locale.ROOT, "SET/GET 1:1 of %d-byte values over %,d keys (`./lab load`'s workload, as"
                        + " `redis-benchmark -t set,get`), closed loop: C connections, each with P requests in flight. Per point"
                        + " %.1f s of warm-up, then %.1f s measured; one server at a time, each started on its own and stopped"
                        + " after its points, all in one session, with the load generator (one thread) on the same machine."
                        + " Throughput is requests per second; p99 is in milliseconds, corrected for coordinated omission"
                        + " (`./lab load`'s doc: the README's \"Reading the benchmark report\"). Every reply was checked.\n\n",
                Workload.LOAD_VALUE_BYTES, keys, warmup, seconds));
        md.append("![Throughput and p99 against clients, one line per server](").append(CHART).append(")\n\n");
        table(md, "Throughput (requests/s, higher is better)", points, servers, true);
        table(md, "p99 latency (ms, lower is better)", points, servers, false);
        for (String note : sweepNotes) {
            md.append("- ").append(note).append('\n');
        }
        for (Point p : points) {
            if (!p.clean()) {
                md.append(String.format(Locale.ROOT, "- %s at %d clients, -P %d: %d wrong or error replies, %d broken connections"
                        + " (first: %s); marked †.%n", p.server(), p.clients(), p.pipeline(), p.errors(), p.brokenConnections(),
                        p.problem().replace("|", "\\|")));
            }
        }
        return md.toString();
    }

    private void table(StringBuilder md, String title, List<Point> points, List<Line> servers, boolean throughput) {
        md.append("**").append(title).append("**\n\n| server | pipeline |");
        clientCounts.forEach(c -> md.append(' ').append(c).append(c == 1 ? " client |" : " clients |"));
        md.append("\n|---|--:|");
        clientCounts.forEach(c -> md.append("--:|"));
        md.append('\n');
        for (int pipeline : pipelines) {
            for (Line line : servers) {
                if (points.stream().noneMatch(p -> p.server().equals(line.label()))) {
                    continue;
                }
                md.append("| ").append(line.label()).append(" | ").append(pipeline == 1 ? "none" : "-P " + pipeline).append(" |");
                for (int clients : clientCounts) {
                    Point p = find(points, line.label(), clients, pipeline);
                    String cell = p == null ? "—" : throughput ? String.format(Locale.ROOT, "%,.0f", p.throughput())
                            : Double.isNaN(p.p99Millis()) ? "no reply" : String.format(Locale.ROOT, "%.2f", p.p99Millis());
                    md.append(' ').append(cell).append(p != null && !p.clean() ? " †" : "").append(" |");
                }
                md.append('\n');
            }
        }
        md.append('\n');
    }

    private static Point find(List<Point> points, String server, int clients, int pipeline) {
        for (Point p : points) {
            if (p.server().equals(server) && p.clients() == clients && p.pipeline() == pipeline) {
                return p;
            }
        }
        return null;
    }

    static String csv(List<Point> points) {
        StringBuilder s = new StringBuilder("server,clients,pipeline,requests_per_second,p99_ms,errors,broken_connections\n");
        for (Point p : points) {
            s.append(String.format(Locale.ROOT, "\"%s\",%d,%d,%.0f,%.3f,%d,%d%n", p.server(), p.clients(), p.pipeline(),
                    p.throughput(), p.p99Millis(), p.errors(), p.brokenConnections()));
        }
        return s.toString();
    }

    /** Four panels: throughput and p99 (log) against clients (log), without and with pipelining. */
    private void chart(List<Point> points, Path png) throws IOException {
        List<XYChart> panels = new ArrayList<>();
        for (boolean throughput : new boolean[] {true, false}) {
            for (int pipeline : pipelines) {
                XYChart chart = new XYChartBuilder().width(640).height(420)
                        .title((throughput ? "Throughput" : "p99 latency") + ", SET/GET, " + (pipeline == 1 ? "no pipelining" : "-P " + pipeline))
                        .xAxisTitle("clients (connections)")
                        .yAxisTitle(throughput ? "requests/s (higher is better)" : "p99, ms, log scale (lower is better)").build();
                chart.getStyler().setXAxisLogarithmic(true);
                chart.getStyler().setYAxisLogarithmic(!throughput);
                chart.getStyler().setLegendPosition(LegendPosition.OutsideS);
                chart.getStyler().setXAxisDecimalPattern("#,###");
                if (throughput) {
                    chart.getStyler().setYAxisMin(0.0);
                    chart.getStyler().setYAxisDecimalPattern("#,###");
                }
                Map<String, List<Point>> byServer = new LinkedHashMap<>();
                for (Point p : points) {
                    if (p.pipeline() == pipeline && (throughput || (p.p99Millis() > 0 && !Double.isNaN(p.p99Millis())))) {
                        byServer.computeIfAbsent(p.server(), s -> new ArrayList<>()).add(p);
                    }
                }
                byServer.forEach((server, ps) -> {
                    List<Double> x = new ArrayList<>();
                    List<Double> y = new ArrayList<>();
                    for (Point p : ps) {
                        x.add((double) p.clients());
                        y.add(throughput ? p.throughput() : p.p99Millis());
                    }
                    chart.addSeries(server, x, y);
                });
                if (!byServer.isEmpty()) {
                    panels.add(chart);
                }
            }
        }
        ReportChart.writeSheet(panels, png, 640, 420);
    }

    /** @return the last non-blank line of a start failure's message: the server's own last words */
    private static String firstLine(String s) {
        return s == null ? "" : s.lines().filter(l -> !l.isBlank()).reduce((a, b) -> b).orElse("").trim();
    }
}
