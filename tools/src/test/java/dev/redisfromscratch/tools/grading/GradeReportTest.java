package dev.redisfromscratch.tools.grading;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Scores, flaky tests and the three views of a grade. */
class GradeReportTest {
    private static GradedTest test(String name, int points, String status) {
        return new GradedTest("dev.x.PingServerTest#" + name, name + "()", points, status,
                status.equals("failed") ? "expected: \"+PONG\\r\\n\"" : null, List.of("blackbox"), null);
    }

    private static GradedTest specific(String name, String status) {
        return new GradedTest("dev.x.RespServerTest#" + name, name + "()", 2, status, status.equals("failed") ? "nothing came" : null,
                List.of("blackbox", "workbook-specific"), "Redis 7 waits");
    }

    private static GradedTest staged(String name, int stage, String stageName, String status) {
        return new GradedTest("dev.x.StagedTest#" + name, name + "()", 2, status,
                status.equals("failed") ? "TODO(lab1): stage " + stage + ": x" : null, List.of(), null, stage, stageName);
    }

    @Test
    void aLabWithStagesIsScoredPerStageAndTheFirstUnfinishedOneIsMarked() {
        LabGrade lab = new LabGrade(1, List.of(List.of(
                staged("a", 1, "dispatch", "passed"), staged("b", 1, "dispatch", "passed"),
                staged("c", 2, "the request loop", "failed"), staged("d", 3, "the server", "failed"),
                test("given", 1, "passed"))));

        assertThat(lab.stages(null)).extracting(LabGrade.StageScore::stage, LabGrade.StageScore::name)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(1, "dispatch"),
                        org.assertj.core.groups.Tuple.tuple(2, "the request loop"),
                        org.assertj.core.groups.Tuple.tuple(3, "the server"),
                        org.assertj.core.groups.Tuple.tuple(0, "tests of the given code"));
        assertThat(lab.stages(null).get(0).score()).isEqualTo(new LabGrade.Score(2, 2, 4, 4));
        String text = new GradeReport(1, List.of(lab), new GradeReport.Context(1, "7", null, null)).text();
        assertThat(text).containsPattern("stage 1 +dispatch +2/2 +4/4 +100.0%\n")
                .containsPattern("stage 2 +the request loop +0/1 +0/2 +0.0% +<- work on this stage next")
                .containsPattern("stage 3 +the server +0/1 +0/2 +0.0%\n")
                .containsPattern("given +tests of the given code +1/1");
    }

    @Test
    void pointsCountOnlyForTestsThatPassedInEveryRun() {
        LabGrade lab = new LabGrade(1, List.of(
                List.of(test("a", 4, "passed"), test("b", 2, "failed"), test("c", 1, "passed"), test("d", 3, "aborted")),
                List.of(test("a", 4, "passed"), test("b", 2, "failed"), test("c", 1, "failed"), test("d", 3, "aborted"))));
        assertThat(lab.score()).isEqualTo(new LabGrade.Score(1, 3, 4, 7));
        assertThat(lab.failed()).extracting(GradedTest::shortName).containsExactly("PingServerTest#b");
        assertThat(lab.flaky()).hasSize(1);
        assertThat(lab.flaky().values()).containsExactly(1);
        assertThat(lab.notRun()).extracting(GradedTest::shortName).containsExactly("PingServerTest#d");
    }

    @Test
    void textTableShowsEachLabTheTotalAndTheFailureMessages() {
        LabGrade lab2 = new LabGrade(2, List.of(List.of(test("x", 1, "passed"), test("y", 1, "failed"))));
        LabGrade lab1 = new LabGrade(1, List.of(List.of(test("a", 4, "passed"))));
        GradeReport report = new GradeReport(2, List.of(lab2, lab1), new GradeReport.Context(1, "42", null, null));
        String text = report.text();
        assertThat(text).contains("Grade for lab 2 (labs 2..1; 1 run; seed 42; tests from this checkout)");
        assertThat(text).containsPattern("2\\s+1/2\\s+1/2\\s+50.0%");
        assertThat(text).containsPattern("all\\s+2/3\\s+5/6\\s+83.3%");
        assertThat(text).contains("FAILED  lab 2  PingServerTest#y  (1 point)").contains("    expected: \"+PONG\\r\\n\"");
        assertThat(report.allPassed()).isFalse();
    }

    @Test
    void blackBoxGradeKeepsWorkbookSpecificTestsApart() {
        LabGrade lab = new LabGrade(3, List.of(List.of(test("a", 4, "passed"), specific("huge", "failed"))));
        GradeReport report = new GradeReport(3, List.of(lab), new GradeReport.Context(1, "7", "127.0.0.1:6379", "main (abc123)"));
        assertThat(report.allRedisBehaviourPassed()).isTrue();
        assertThat(report.allPassed()).isFalse();
        assertThat(report.text()).contains("Black-box grade of 127.0.0.1:6379 for lab 3")
                .contains("tests from main (abc123)")
                .containsPattern("3\\s+1/1 \\(100.0%\\)\\s+4/4\\s+0/1")
                .contains("workbook-specific: Redis 7 waits");
    }

    @Test
    void writesJsonAndMarkdown(@TempDir Path dir) throws Exception {
        LabGrade lab = new LabGrade(1, List.of(List.of(test("a", 4, "passed"), test("b", 2, "failed"))));
        Path md = new GradeReport(1, List.of(lab), new GradeReport.Context(1, "1", null, null)).write(dir);
        assertThat(Files.readString(md)).contains("| 1 | 1/2 | 4/6 | 66.7 |").contains("`PingServerTest#b`");
        assertThat(Files.readString(dir.resolve("lab1.json"))).contains("\"allPassed\" : false").contains("\"earned\" : 4");
    }

    @Test
    void failuresWithTheSameCauseAreShownOnceThenNamed() {
        LabGrade lab = new LabGrade(1, List.of(List.of(test("a", 4, "failed"), test("b", 2, "failed"), test("c", 1, "failed"))));
        String text = new GradeReport(1, List.of(lab), new GradeReport.Context(1, "1", null, null)).text();
        assertThat(text).containsOnlyOnce("expected: \"+PONG")
                .contains("... and 2 more failed the same way: PingServerTest#b (2), PingServerTest#c (1)");
    }
}
