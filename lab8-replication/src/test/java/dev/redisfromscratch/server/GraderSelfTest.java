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
 * The grader's self-test for lab 8: the black-box suite {@link ReplicationBlackBoxTest} passes
 * against a real {@code redis-server}, every test (it grades Redis, not lab 8's code, so it passes
 * at any stage; it runs with stage 1, as lab 7's does).
 */
@Stage(lab = 8, value = 1)
class GraderSelfTest {

    @Test
    void blackBoxSuitePassesAgainstRealRedis() {
        try (RealRedis redis = RealRedis.start()) {
            EngineExecutionResults results = BlackBoxRun.against(redis.port(), Duration.ofSeconds(3), false,
                    selectClass(ReplicationBlackBoxTest.class));
            assertThat(BlackBoxRun.failures(results)).as("black-box tests that real Redis failed").isEmpty();
            assertThat(results.testEvents().succeeded().count()).isEqualTo(5);
        }
    }
}
