package dev.redisfromscratch.testkit.grading;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

/** Stages: selecting one ({@code -Dgrade.stage}) and naming it in a failure. */
class StagesTest {

    /** Sample tests of a made-up lab 9 (stages/lab9.properties in the test resources). */
    @Stage(lab = 9, value = 2)
    static class Sample {
        @Test
        void secondStagePasses() { }

        @Test
        void secondStageFails() {
            throw new UnsupportedOperationException("TODO(lab9): stage 2: write Second.thing");
        }

        @Test
        @Stage(lab = 9, value = 1)
        void firstStage() { }
    }

    /** A test of given code: no stage. */
    static class Given {
        @Test
        void given() { }
    }

    @Test
    void oneStageRunsAlone() {
        assertThat(run("2", Sample.class, Given.class)).containsExactlyInAnyOrder("secondStagePasses", "secondStageFails");
        assertThat(run("1", Sample.class, Given.class)).containsExactly("firstStage");
        assertThat(run("..1", Sample.class, Given.class)).containsExactlyInAnyOrder("firstStage", "given");
        assertThat(run(null, Sample.class, Given.class)).hasSize(4);
    }

    @Test
    void aTestOfAStageIsWorthAPointAndATestOfGivenCodeNone() throws Exception {
        java.lang.reflect.Method staged = Sample.class.getDeclaredMethod("secondStagePasses");
        java.lang.reflect.Method given = Given.class.getDeclaredMethod("given");
        assertThat(PointsListener.points(java.util.Optional.of(staged))).isEqualTo(1);
        assertThat(PointsListener.points(java.util.Optional.of(given))).isZero();
    }

    @Test
    void aFailureNamesItsStageAndWhatToWriteNext() {
        List<String> failures = new ArrayList<>();
        execute("2", new TestExecutionListener() {
            @Override
            public void executionFinished(TestIdentifier id, TestExecutionResult result) {
                result.getThrowable().ifPresent(t -> failures.add(t.getMessage()));
            }
        }, Sample.class);

        assertThat(failures).containsExactly("lab 9, stage 2 of 2 (second things): TODO(lab9): stage 2: write Second.thing"
                + "\n  next: write Second.thing; check with ./lab test 9 --stage 2");
    }

    /** @return the names of the test methods that ran */
    private static List<String> run(String stage, Class<?>... classes) {
        List<String> ran = new ArrayList<>();
        execute(stage, new TestExecutionListener() {
            @Override
            public void executionStarted(TestIdentifier id) {
                if (id.isTest()) {
                    ran.add(id.getDisplayName().replace("()", ""));
                }
            }
        }, classes);
        return ran;
    }

    private static void execute(String stage, TestExecutionListener listener, Class<?>... classes) {
        String before = System.getProperty(StageFilter.PROPERTY);
        if (stage == null) {
            System.clearProperty(StageFilter.PROPERTY);
        } else {
            System.setProperty(StageFilter.PROPERTY, stage);
        }
        try {
            Launcher launcher = LauncherFactory.create();
            LauncherDiscoveryRequestBuilder request = LauncherDiscoveryRequestBuilder.request()
                    .configurationParameter("junit.jupiter.extensions.autodetection.enabled", "true");
            for (Class<?> c : classes) {
                request.selectors(selectClass(c));
            }
            launcher.execute(request.build(), listener);
        } finally {
            if (before == null) {
                System.clearProperty(StageFilter.PROPERTY);
            } else {
                System.setProperty(StageFilter.PROPERTY, before);
            }
        }
    }
}
