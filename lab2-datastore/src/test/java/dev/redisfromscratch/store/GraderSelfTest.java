package dev.redisfromscratch.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import dev.redisfromscratch.testkit.RealRedis;
import dev.redisfromscratch.testkit.blackbox.BlackBoxRun;
import java.time.Duration;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.platform.testkit.engine.EngineExecutionResults;

/**
 * The grader's self-test for lab 2: the black-box suite {@link DataStoreBlackBoxTest} passes
 * against a real {@code redis-server}, every test of it (lab 2 has no workbook-specific tests).
 */
class GraderSelfTest {

    @Test
    void blackBoxSuitePassesAgainstRealRedis() {
        long tests = Arrays.stream(DataStoreBlackBoxTest.class.getDeclaredMethods())
                .filter(m -> m.isAnnotationPresent(Test.class)).count();
        try (RealRedis redis = RealRedis.start()) {
            EngineExecutionResults results = BlackBoxRun.against(redis.port(), Duration.ofSeconds(3), false,
                    selectClass(DataStoreBlackBoxTest.class));
            assertThat(BlackBoxRun.failures(results)).as("black-box tests that real Redis failed").isEmpty();
            assertThat(results.testEvents().succeeded().count()).as("tests that ran and passed").isEqualTo(tests);
        }
    }
}
