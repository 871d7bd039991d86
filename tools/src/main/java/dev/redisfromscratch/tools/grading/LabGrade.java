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
        Score s = new Score(0, 0, 0, 0);
        for (List<GradedTest> runsOfTest : outcomes.values()) {
            GradedTest first = runsOfTest.get(0);
            if (workbookSpecific != null && (first.workbookSpecific() != null) != workbookSpecific) {
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
