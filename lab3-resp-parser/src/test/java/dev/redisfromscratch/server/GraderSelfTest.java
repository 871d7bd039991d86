package dev.redisfromscratch.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import dev.redisfromscratch.testkit.RealRedis;
import dev.redisfromscratch.testkit.blackbox.BlackBoxRun;
import dev.redisfromscratch.testkit.grading.Stage;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.platform.testkit.engine.EngineExecutionResults;

/**
 * The grader's self-test for lab 3: the black-box suite {@link RespServerTest} passes against a
 * real {@code redis-server}, every test of it.
 */
@Stage(lab = 3, value = 1)
class GraderSelfTest {

    @Test
    void blackBoxSuitePassesAgainstRealRedis() {
        try (RealRedis redis = RealRedis.start()) {
            EngineExecutionResults results = BlackBoxRun.against(redis.port(), Duration.ofSeconds(3), true,
                    selectClass(RespServerTest.class));
            assertThat(BlackBoxRun.failures(results))
                    .as("black-box tests that real Redis failed").isEmpty();
            assertThat(results.testEvents().succeeded().count()).isGreaterThanOrEqualTo(19);
        }
    }

    @Test
    void realRedisPassesEveryTestWithNoException() {
        try (RealRedis redis = RealRedis.start()) {
            EngineExecutionResults all = BlackBoxRun.against(redis.port(), Duration.ofMillis(500), false,
                    selectClass(RespServerTest.class));
            // workbook-specific tests included: lab 3 has none left, since it follows Redis 7's multibulk rules
            assertThat(all.testEvents().failed().stream().map(e -> e.getTestDescriptor().getDisplayName())).isEmpty();
            assertThat(all.testEvents().succeeded().count()).isPositive();
        }
    }
}
