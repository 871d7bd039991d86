package dev.redisfromscratch.tools.grading;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One lab's grade over one or more runs of its tests. A test earns its points only if it passed
 * in every run it ran; a test that passed in some runs and failed in others is flaky (and earns
 * nothing). Tests that never ran (disabled, or a tool missing outside CI) count for nothing.
 */
public final class LabGrade {
    private final int lab;
    private final int runs;
    /** Every run's outcome per test, in the order tests first appeared. */
    private final Map<String, List<GradedTest>> outcomes = new LinkedHashMap<>();

    /**
     * @param lab the lab number
     * @param runs each run's results (one list per run)
     */
    public LabGrade(int lab, List<List<GradedTest>> runs) {
        this.lab = lab;
        this.runs = runs.size();
        for (List<GradedTest> run : runs) {
            for (GradedTest t : run) {
                outcomes.computeIfAbsent(t.test(), k -> new ArrayList<>()).add(t);
            }
        }
    }

    /** @return the lab number */
    public int lab() {
        return lab;
    }

    /** @return how many runs were graded */
    public int runs() {
        return runs;
    }

    /** @return whether any test results were found for this lab */
    public boolean hasTests() {
        return !outcomes.isEmpty();
    }

    /** A score: tests passed of those that ran, and points earned of those possible. */
    public record Score(int passed, int tests, int earned, int possible) {
        /** @return earned as a percentage of possible (100 when nothing was possible) */
        public double percent() {
            return possible == 0 ? 100.0 : 100.0 * earned / possible;
        }

        /** @return the sum of both scores */
        public Score plus(Score o) {
            return new Score(passed + o.passed, tests + o.tests, earned + o.earned, possible + o.possible);
        }
    }

    /** @return the score over every test that ran */
    public Score score() {
        return score(null);
    }

    /**
     * @param workbookSpecific null for all tests; true for only workbook-specific ones; false for
     *     only the Redis-behaviour ones
     * @return the score over those tests
     */
    public Score score(Boolean workbookSpecific) {
        return score(workbookSpecific, null);
    }

    /** The score over the tests of one stage (0: without a stage), or over all when {@code stage} is null. */
    private Score score(Boolean workbookSpecific, Integer stage) {
        Score s = new Score(0, 0, 0, 0);
        for (List<GradedTest> runsOfTest : outcomes.values()) {
            GradedTest first = runsOfTest.get(0);
            if (workbookSpecific != null && (first.workbookSpecific() != null) != workbookSpecific) {
                continue;
            }
            if (stage != null && !stage.equals(first.stage() == null ? 0 : first.stage())) {
                continue;
            }
            if (runsOfTest.stream().allMatch(GradedTest::notRun)) {
                continue;
            }
            boolean passedEveryRun = runsOfTest.stream().allMatch(t -> t.passed() || t.notRun());
            s = s.plus(new Score(passedEveryRun ? 1 : 0, 1, passedEveryRun ? first.points() : 0, first.points()));
        }
        return s;
    }

    /** One stage's score: its number (0 for the tests of given code), name and score. */
    public record StageScore(int stage, String name, Score score) {
    }

    /**
     * @param workbookSpecific as for {@link #score(Boolean)}
     * @return the score of each stage in order, then of the tests without a stage (number 0, "given
     *     code"); empty if no test has a stage
     */
    public List<StageScore> stages(Boolean workbookSpecific) {
        java.util.TreeMap<Integer, String> names = new java.util.TreeMap<>();
        for (List<GradedTest> runsOfTest : outcomes.values()) {
            GradedTest first = runsOfTest.get(0);
            if (first.stage() != null) {
                names.put(first.stage(), first.stageName());
            }
        }
        List<StageScore> stages = new ArrayList<>();
        if (names.isEmpty()) {
            return stages;
        }
        names.forEach((number, name) -> stages.add(new StageScore(number, name, score(workbookSpecific, number))));
        Score given = score(workbookSpecific, 0);
        if (given.tests() > 0) {
            stages.add(new StageScore(0, "tests of the given code", given));
        }
        return stages;
    }

    /** @return tests that failed in every run they ran, with their last failure */
    public List<GradedTest> failed() {
        List<GradedTest> failed = new ArrayList<>();
        for (List<GradedTest> runsOfTest : outcomes.values()) {
            if (runsOfTest.stream().noneMatch(GradedTest::passed) && runsOfTest.stream().anyMatch(t -> !t.notRun())) {
                failed.add(lastFailure(runsOfTest));
            }
        }
        return failed;
    }

    /** @return tests that passed in some runs and failed in others, with a failure, and how often they failed */
    public Map<GradedTest, Integer> flaky() {
        Map<GradedTest, Integer> flaky = new LinkedHashMap<>();
        for (List<GradedTest> runsOfTest : outcomes.values()) {
            long failures = runsOfTest.stream().filter(t -> !t.passed() && !t.notRun()).count();
            if (failures > 0 && runsOfTest.stream().anyMatch(GradedTest::passed)) {
                flaky.put(lastFailure(runsOfTest), (int) failures);
            }
        }
        return flaky;
    }

    /** @return tests that never ran, with the reason of their last run */
    public List<GradedTest> notRun() {
        List<GradedTest> skipped = new ArrayList<>();
        for (List<GradedTest> runsOfTest : outcomes.values()) {
            if (runsOfTest.stream().allMatch(GradedTest::notRun)) {
                skipped.add(runsOfTest.get(runsOfTest.size() - 1));
            }
        }
        return skipped;
    }

    private static GradedTest lastFailure(List<GradedTest> runsOfTest) {
        GradedTest last = runsOfTest.get(0);
        for (GradedTest t : runsOfTest) {
            if (!t.passed() && !t.notRun()) {
                last = t;
            }
        }
        return last;
    }
}
