package dev.redisfromscratch.tools.grading;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code tools grade-report}: turns the raw per-test records of {@code ./lab grade} into the score
 * table, {@code labN.json} and {@code labN.md}. Reads {@code <raw>/lab<K>-run<R>.jsonl} for
 * K = N..1 and R = 1..runs (written by testkit's {@code PointsListener}).
 *
 * <p>Exit code 0 when every graded test passed (with {@code --server}: every Redis-behaviour
 * test), 1 otherwise.
 */
@Command(name = "grade-report", mixinStandardHelpOptions = true,
        description = "Score table, labN.json and labN.md from ./lab grade's raw test records.")
public final class GradeReportCommand implements Callable<Integer> {
    @Option(names = "--lab", required = true, description = "the graded lab N (labs N..1 are read)")
    int lab;

    @Option(names = "--runs", defaultValue = "1", description = "how many runs to read (--repeat)")
    int runs;

    @Option(names = "--raw", required = true, description = "directory of lab<K>-run<R>.jsonl files")
    Path raw;

    @Option(names = "--out", required = true, description = "where labN.json and labN.md go")
    Path out;

    @Option(names = "--seed", defaultValue = "", description = "the black-box seed, to print")
    String seed;

    @Option(names = "--server", description = "the server graded from outside, if any")
    String server;

    @Option(names = "--tests-from", description = "where the tests came from, if restored")
    String testsFrom;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        return report(lab, runs, raw, out, new GradeReport.Context(runs, seed, server, testsFrom), spec.commandLine().getOut());
    }

    /**
     * Reads the raw records of labs {@code lab} down to 1, prints the score table and the failures,
     * and writes {@code labN.json} and {@code labN.md}: what {@code ./lab grade} and the standalone
     * grader both end with.
     *
     * @param lab the graded lab N
     * @param runs how many runs to read ({@code lab<K>-run<R>.jsonl} for R = 1..runs)
     * @param raw the directory of the raw records
     * @param outDir where {@code labN.json} and {@code labN.md} go
     * @param context how the grade was made, printed with it
     * @param stdout where the report is printed
     * @return the exit code: 0 when every graded test passed (with a server: every Redis-behaviour
     *     test), 1 otherwise
     * @throws IOException if a record cannot be read or a report file cannot be written
     */
    public static int report(int lab, int runs, Path raw, Path outDir, GradeReport.Context context, PrintWriter stdout)
            throws IOException {
        GradeReport report = GradeReport.read(lab, runs, raw, context);
        stdout.print(report.text());
        Path md = report.write(outDir);
        stdout.println();
        stdout.println("written: " + outDir.resolve("lab" + lab + ".json") + " and " + md);
        stdout.flush();
        boolean ok = context.server() == null ? report.allPassed() : report.allRedisBehaviourPassed();
        return ok ? 0 : 1;
    }
}
