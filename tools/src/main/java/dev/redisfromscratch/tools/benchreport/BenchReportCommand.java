package dev.redisfromscratch.tools.benchreport;

import dev.redisfromscratch.tools.benchreport.JmhJsonReader.JmhRun;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code bench-report}: merges the labs' JMH JSON results into one Markdown report and one chart.
 * {@code ./lab bench compare} runs each lab's selection, then this:
 *
 * <pre>
 * java -jar tools/target/tools.jar bench-report --out target/bench-report \
 *      --conf lab1-tcp-ping/bench/compare.conf ... target/bench-report/lab1-tcp-ping.json ...
 * </pre>
 *
 * <p>{@code --headline FILE} puts a Markdown section first, before the JMH sections: the labs
 * compared on one workload ({@code load-sweep}'s {@code load-sweep.md}, with its own chart).
 *
 * <p>Each JSON file's rows are labelled with its file name without {@code .json} (the lab module).
 * Writes {@code report.md} and {@code chart.png} in the output directory. Exit status 0, 1 when a
 * file cannot be read or a conf line is malformed (the message names it).
 */
@Command(name = "bench-report", mixinStandardHelpOptions = true,
        description = "Merge JMH JSON results (one file per lab) into report.md and chart.png.")
public final class BenchReportCommand implements Callable<Integer> {
    /** The report's file name in the output directory. */
    public static final String REPORT = "report.md";
    /** The chart's file name in the output directory. */
    public static final String CHART = "chart.png";

    @Parameters(arity = "1..*", paramLabel = "JSON", description = "JMH results (-rf json), one per lab, in lab order")
    private List<Path> results = new ArrayList<>();

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "where report.md and chart.png go")
    private Path out;

    @Option(names = "--conf", paramLabel = "FILE", description = "a lab's bench/compare.conf: peer rules and topics")
    private List<Path> confs = new ArrayList<>();

    @Option(names = "--note", paramLabel = "TEXT", description = "a line for the report's header")
    private List<String> notes = new ArrayList<>();

    @Option(names = "--headline", paramLabel = "FILE",
            description = "a Markdown section to put first, before the JMH sections (load-sweep's load-sweep.md)")
    private Path headline;

    private final Clock clock;

    /** A command that dates the report with the system clock. */
    public BenchReportCommand() {
        this(Clock.systemUTC());
    }

    /** @param clock dates the report */
    public BenchReportCommand(Clock clock) {
        this.clock = clock;
    }

    @Override
    public Integer call() {
        try {
            List<JmhRun> runs = new ArrayList<>();
            JmhJsonReader reader = new JmhJsonReader();
            for (Path file : results) {
                runs.add(reader.read(file, labelOf(file)));
            }
            BenchReport report = BenchReport.build(runs, CompareConf.read(confs),
                    MachineDescription.current(clock), notes);
            Files.createDirectories(out);
            Path md = out.resolve(REPORT);
            String first = headline == null ? "" : Files.readString(headline);
            Files.writeString(md, MarkdownReport.render(report, CHART, first));
            Path chart = out.resolve(CHART);
            int panels = ReportChart.write(report, chart);
            System.out.println("Benchmark report: " + md + " (" + report.sections().size() + " sections)");
            System.out.println("Chart:            " + chart + " (" + panels + " panels)");
            return 0;
        } catch (IOException | IllegalArgumentException e) {
            System.err.println("bench-report: " + e.getMessage());
            return 1;
        }
    }

    /** @return {@code lab1-tcp-ping} for {@code target/bench-report/lab1-tcp-ping.json} */
    static String labelOf(Path file) {
        String name = file.getFileName().toString();
        return name.endsWith(".json") ? name.substring(0, name.length() - ".json".length()) : name;
    }
}
