package dev.redisfromscratch.tools.grading;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;

/**
 * One test's outcome in one run, as testkit's {@code PointsListener} writes it (one JSON object
 * per line).
 *
 * @param test {@code Class#method}
 * @param name the display name
 * @param points what the test is worth
 * @param status {@code passed}, {@code failed}, {@code aborted} or {@code skipped}
 * @param message the failure message, or null
 * @param tags JUnit tags, e.g. {@code blackbox}
 * @param workbookSpecific why real Redis differs, for workbook-specific tests; else null
 * @param stage the test's stage in its lab (testkit's {@code @Stage}), or null for a test of given code
 * @param stageName the stage's name, or null
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record GradedTest(String test, String name, int points, String status, String message, List<String> tags,
        String workbookSpecific, Integer stage, String stageName) {

    /** A test without a stage. */
    public GradedTest(String test, String name, int points, String status, String message, List<String> tags,
                      String workbookSpecific) {
        this(test, name, points, status, message, tags, workbookSpecific, null, null);
    }

    /** @return whether the test ran and passed */
    public boolean passed() {
        return "passed".equals(status);
    }

    /** @return whether the test did not run (disabled, or a missing tool outside CI): it counts for nothing */
    public boolean notRun() {
        return "skipped".equals(status) || "aborted".equals(status);
    }

    /** @return the class's simple name and the method, e.g. {@code PingServerTest#pingRepliesPong} */
    public String shortName() {
        int dot = test.lastIndexOf('.', test.indexOf('#') < 0 ? test.length() : test.indexOf('#'));
        return test.substring(dot + 1);
    }
}
