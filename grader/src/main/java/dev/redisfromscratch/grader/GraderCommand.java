package dev.redisfromscratch.grader;

import dev.redisfromscratch.tools.grading.GradeReport;
import dev.redisfromscratch.tools.grading.GradeReportCommand;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.SortedMap;
import java.util.concurrent.Callable;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The standalone grader, {@code java -jar grader.jar --lab N --server HOST:PORT}: runs the
 * black-box suites of labs N down to 1 against a running server, which may be written in any
 * language, and prints the same report as {@code ./lab grade N --server HOST:PORT} (tools'
 * {@link GradeReport}), with {@code labN.json} and {@code labN.md} written beside it.
 *
 * <p>Exit code: 0 when every Redis-behaviour test passed in every run; 1 when one failed (or a
 * suite ran no test at all); 2 for a wrong option (a lab with no suite, an address that is not
 * {@code HOST:PORT}).
 */
@Command(name = "grader", mixinStandardHelpOptions = true, versionProvider = GraderCommand.Version.class,
        sortOptions = false,
        description = {
            "Grades a running Redis-compatible server, written in any language, with the workbook's black-box "
                    + "suites of labs N..1: each reply checked byte for byte over TCP, points per test, and a hint "
                    + "for each failure.",
            "",
            "Exit code: 0 when every Redis-behaviour test passed, 1 otherwise, 2 for a wrong option.",
            ""
        })
public final class GraderCommand implements Callable<Integer> {
    @Option(names = "--lab", required = true, paramLabel = "N",
            description = "grade labs N..1 (lab N's suite first, the earlier labs' as regression)")
    int lab;

    @Option(names = "--server", required = true, paramLabel = "HOST:PORT",
            description = "the server to grade; it must be running (a shared one is fine: every test uses keys of its own)")
    String server;

    @Option(names = "--seed", paramLabel = "S",
            description = "the seed of the tests' keys and values (default: a random one, printed): the same seed sends the same bytes")
    Long seed;

    @Option(names = "--repeat", paramLabel = "K", defaultValue = "1",
            description = "run every suite K times; a test earns its points only if it passes every time (default: ${DEFAULT-VALUE})")
    int repeat;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "grades",
            description = "where labN.json, labN.md and the raw records (DIR/raw) go (default: ${DEFAULT-VALUE})")
    Path out;

    @Option(names = "--reply-timeout-ms", paramLabel = "MS", defaultValue = "3000",
            description = "how long each reply is awaited, in milliseconds (default: ${DEFAULT-VALUE})")
    long replyTimeoutMs;

    @Spec
    CommandSpec spec;

    /** Runs the grader and exits with its exit code. */
    public static void main(String[] args) {
        System.exit(new CommandLine(new GraderCommand()).execute(args));
    }

    @Override
    public Integer call() throws IOException {
        SortedMap<Integer, List<Class<?>>> suites = BlackBoxSuites.available();
        if (!suites.containsKey(lab)) {
            throw new ParameterException(spec.commandLine(), "lab " + lab + " has no black-box suite in this grader; "
                    + "the labs with one: " + suites.keySet().stream().map(String::valueOf).collect(Collectors.joining(", ")));
        }
        checkAddress();
        if (repeat < 1) {
            throw new ParameterException(spec.commandLine(), "--repeat must be 1 or more, got " + repeat);
        }
        if (replyTimeoutMs < 1) {
            throw new ParameterException(spec.commandLine(), "--reply-timeout-ms must be 1 or more, got " + replyTimeoutMs);
        }
        long runSeed = seed != null ? seed : ThreadLocalRandom.current().nextLong(1, 1L << 45);
        Path raw = out.resolve("raw");
        clearRecords(raw);
        PrintWriter err = spec.commandLine().getErr();
        for (int r = 1; r <= repeat; r++) {
            for (int k = lab; k >= 1; k--) {
                List<Class<?>> labSuites = suites.get(k);
                if (labSuites == null) {
                    continue; // reported as "(no black-box tests)"
                }
                err.println("grader: lab " + k + " against " + server + ", run " + r + " of " + repeat);
                err.flush();
                BlackBoxSuites.run(labSuites, server, runSeed, r, Duration.ofMillis(replyTimeoutMs),
                        raw.resolve("lab" + k + "-run" + r + ".jsonl"));
            }
        }
        GradeReport.Context context = new GradeReport.Context(repeat, Long.toString(runSeed), server, testsFrom());
        int exit = GradeReportCommand.report(lab, repeat, raw, out, context, spec.commandLine().getOut());
        for (int k = lab; k >= 1; k--) {
            Path first = raw.resolve("lab" + k + "-run1.jsonl");
            if (suites.containsKey(k) && (!Files.exists(first) || Files.size(first) == 0)) {
                // an empty run would score 100%: never let it pass
                err.println("grader: lab " + k + "'s suite ran no test; the jar is broken (is the JUnit Jupiter engine in it?)");
                err.flush();
                exit = 1;
            }
        }
        return exit;
    }

    /** Refuses an address that is not {@code HOST:PORT} with a port 1–65535, before any test runs. */
    private void checkAddress() {
        int colon = server.lastIndexOf(':');
        String port = colon < 0 ? "" : server.substring(colon + 1);
        boolean ok = colon > 0 && port.matches("[0-9]{1,5}") && Integer.parseInt(port) >= 1 && Integer.parseInt(port) <= 65535;
        if (!ok) {
            throw new ParameterException(spec.commandLine(), "--server must be HOST:PORT, e.g. 127.0.0.1:6379; got " + server);
        }
    }

    /** Removes the records of an earlier grade in the same directory, so that they do not count again. */
    private static void clearRecords(Path raw) throws IOException {
        Files.createDirectories(raw);
        try (Stream<Path> files = Files.list(raw)) {
            for (Path f : (Iterable<Path>) files.filter(p -> p.getFileName().toString().endsWith(".jsonl"))::iterator) {
                Files.delete(f);
            }
        }
    }

    /** @return where the suites came from, for the report's title: the jar and the build it was made from */
    private static String testsFrom() {
        return "grader.jar (" + Version.source() + ")";
    }

    /** {@code --version}: the labs the jar has suites for, and the build they come from. */
    static final class Version implements IVersionProvider {
        /** @return the jar manifest's Implementation-Version, which {@code ./lab grader} sets to the commit */
        static String source() {
            String version = GraderCommand.class.getPackage().getImplementationVersion();
            return version == null ? "not a jar build" : version;
        }

        @Override
        public String[] getVersion() {
            return new String[] {"grader.jar: the black-box suites of labs "
                    + BlackBoxSuites.available().keySet().stream().map(String::valueOf).collect(Collectors.joining(", "))
                    + ", from " + source()};
        }
    }
}
