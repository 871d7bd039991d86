package dev.redisfromscratch.tools.grading;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

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

    @Override
    public Integer call() throws IOException {
        ObjectMapper json = new ObjectMapper();
        List<LabGrade> labs = new ArrayList<>();
        for (int k = lab; k >= 1; k--) {
            List<List<GradedTest>> byRun = new ArrayList<>();
            for (int r = 1; r <= runs; r++) {
                List<GradedTest> tests = new ArrayList<>();
                Path file = raw.resolve("lab" + k + "-run" + r + ".jsonl");
                if (Files.exists(file)) {
                    for (String line : Files.readAllLines(file)) {
                        if (!line.isBlank()) {
                            tests.add(json.readValue(line, GradedTest.class));
                        }
                    }
                }
                byRun.add(tests);
            }
            labs.add(new LabGrade(k, byRun));
        }
        GradeReport report = new GradeReport(lab, labs, new GradeReport.Context(runs, seed, server, testsFrom));
        System.out.print(report.text());
        Path md = report.write(out);
        System.out.println();
        System.out.println("written: " + out.resolve("lab" + lab + ".json") + " and " + md);
        boolean ok = server == null ? report.allPassed() : report.allRedisBehaviourPassed();
        return ok ? 0 : 1;
    }
}
