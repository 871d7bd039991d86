package dev.redisfromscratch.testkit.blackbox;

import dev.redisfromscratch.testkit.grading.WorkbookSpecific;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.DiscoverySelector;
import org.junit.platform.launcher.TagFilter;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;

/**
 * Runs black-box tests from inside a test, against a given server: how the grader is itself
 * tested (against a real {@code redis-server}, and against deliberately broken servers).
 */
public final class BlackBoxRun {
    private BlackBoxRun() {}

    /**
     * Runs the selected black-box tests against {@code 127.0.0.1:port}.
     *
     * @param port the server to grade
     * @param replyTimeout how long each reply is awaited
     * @param redisBehaviourOnly leave out {@link WorkbookSpecific} tests (for a real Redis)
     * @param selectors the classes or methods to run, e.g. {@code DiscoverySelectors.selectClass}
     * @return the results, for EngineTestKit's assertions
     */
    public static EngineExecutionResults against(int port, Duration replyTimeout, boolean redisBehaviourOnly,
            DiscoverySelector... selectors) {
        EngineTestKit.Builder kit = EngineTestKit.engine("junit-jupiter")
                .selectors(selectors)
                .configurationParameter(BlackBoxTarget.SERVER, "127.0.0.1:" + port)
                .configurationParameter(BlackBoxTarget.REPLY_TIMEOUT, Long.toString(replyTimeout.toMillis()));
        if (redisBehaviourOnly) {
            kit = kit.filters(TagFilter.excludeTags(WorkbookSpecific.TAG));
        }
        return kit.execute();
    }

    /** @return one line per failed test: its display name, a colon, and its failure message */
    public static List<String> failures(EngineExecutionResults results) {
        return results.testEvents().failed().stream()
                .map(e -> e.getTestDescriptor().getDisplayName() + ": " + e.getPayload(TestExecutionResult.class)
                        .flatMap(TestExecutionResult::getThrowable).map(Throwable::getMessage).orElse("?"))
                .collect(Collectors.toList());
    }
}
