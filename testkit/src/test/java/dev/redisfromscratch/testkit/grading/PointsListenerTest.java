package dev.redisfromscratch.testkit.grading;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

/** The points listener records every graded unit once, with its points and outcome. */
class PointsListenerTest {

    /** Sample tests, run only by this test (Surefire skips nested classes). */
    @Points(3)
    static class Sample {
        @Test
        void passes() { }

        @Test
        @Points(5)
        void failsWithAMessage() {
            throw new AssertionError("expected \"+PONG\\r\\n\"");
        }

        @ParameterizedTest
        @ValueSource(ints = {1, 2, 3})
        void oneCaseFails(int n) {
            assertThat(n).isNotEqualTo(2);
        }

        @Test
        @Disabled("not today")
        void disabled() { }

        @Test
        @WorkbookSpecific("Redis differs")
        void specific() { }
    }

    static class BrokenSetup {
        @BeforeAll
        static void cannotStart() {
            throw new IllegalStateException("port taken");
        }

        @Test
        void neverRuns() { }
    }

    @Test
    void recordsOutcomesPointsAndTags(@TempDir Path dir) throws Exception {
        Map<String, JsonNode> byTest = run(dir, Sample.class);
        assertThat(byTest).hasSize(5);
        assertThat(byTest.get("passes").get("status").asText()).isEqualTo("passed");
        assertThat(byTest.get("passes").get("points").asInt()).isEqualTo(3);
        assertThat(byTest.get("failsWithAMessage").get("points").asInt()).isEqualTo(5);
        assertThat(byTest.get("failsWithAMessage").get("message").asText()).isEqualTo("expected \"+PONG\\r\\n\"");
        assertThat(byTest.get("oneCaseFails").get("status").asText()).isEqualTo("failed");
        assertThat(byTest.get("disabled").get("status").asText()).isEqualTo("skipped");
        assertThat(byTest.get("specific").get("workbookSpecific").asText()).isEqualTo("Redis differs");
        assertThat(byTest.get("specific").get("tags").toString()).contains(WorkbookSpecific.TAG);
    }

    @Test
    void testsOfAClassThatCannotStartCountAsFailed(@TempDir Path dir) throws Exception {
        Map<String, JsonNode> byTest = run(dir, BrokenSetup.class);
        assertThat(byTest.get("neverRuns").get("status").asText()).isEqualTo("failed");
        assertThat(byTest.get("neverRuns").get("message").asText()).contains("port taken");
    }

    private static Map<String, JsonNode> run(Path dir, Class<?> tests) throws Exception {
        Path results = dir.resolve("results.jsonl");
        String before = System.getProperty(PointsListener.RESULTS);
        System.setProperty(PointsListener.RESULTS, results.toString());
        try {
            Launcher launcher = LauncherFactory.create();
            launcher.execute(LauncherDiscoveryRequestBuilder.request().selectors(selectClass(tests)).build()); // the listener registers itself (META-INF/services)
        } finally {
            if (before == null) {
                System.clearProperty(PointsListener.RESULTS);
            } else {
                System.setProperty(PointsListener.RESULTS, before);
            }
        }
        Map<String, JsonNode> byTest = new LinkedHashMap<>();
        ObjectMapper json = new ObjectMapper();
        for (String line : Files.readAllLines(results)) {
            JsonNode node = json.readTree(line);
            String test = node.get("test").asText();
            assertThat(byTest.put(test.substring(test.indexOf('#') + 1), node)).as("recorded once: " + test).isNull();
        }
        return byTest;
    }
}
