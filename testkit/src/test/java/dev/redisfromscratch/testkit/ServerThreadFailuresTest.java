package dev.redisfromscratch.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.InstanceOfAssertFactories.THROWABLE;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;

/**
 * Runs small test classes through the JUnit engine, with extension autodetection on as in the
 * labs' surefire configuration, and checks what their failures become.
 */
class ServerThreadFailuresTest {
    static final String TODO = "TODO(lab1): write the accept loop";

    /** Starts a thread named {@code lab1-test} that dies of {@code e}, and waits until it is dead. */
    static void threadDies(RuntimeException e) throws InterruptedException {
        Thread t = new Thread(() -> {
            throw e;
        }, "lab1-test");
        t.start();
        t.join(); // returns once the uncaught-exception handler has run
    }

    static final class DiesThenFails {
        @Test
        void test() throws Exception {
            threadDies(new UnsupportedOperationException(TODO));
            throw new SocketException("Connection reset");
        }
    }

    static final class FailsAlone {
        @Test
        void test() {
            throw new AssertionError("expected +PONG");
        }
    }

    static final class DiesButPasses {
        @Test
        void test() throws Exception {
            threadDies(new IllegalStateException("not this test's business"));
        }
    }

    @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
    static final class DiesInAnEarlierTest {
        @Test
        @Order(1)
        void first() throws Exception {
            threadDies(new UnsupportedOperationException(TODO));
        }

        @Test
        @Order(2)
        void second() throws Exception {
            throw new SocketException("Connection refused");
        }
    }

    static final class DiesInSetUp {
        @BeforeEach
        void setUp() throws Exception {
            threadDies(new UnsupportedOperationException(TODO));
            throw new SocketException("Connection reset");
        }

        @Test
        void test() {
        }
    }

    /** What the dying threads printed on stderr during the last {@link #failures} run. */
    private String stderr;

    private List<Throwable> failures(Class<?> testClass) {
        PrintStream realErr = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        EngineExecutionResults results;
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            results = EngineTestKit.engine("junit-jupiter")
                    .configurationParameter("junit.jupiter.extensions.autodetection.enabled", "true")
                    .selectors(selectClass(testClass))
                    .execute();
        } finally {
            System.setErr(realErr);
        }
        stderr = captured.toString(StandardCharsets.UTF_8);
        return results.testEvents().failed().stream()
                .map(ServerThreadFailuresTest::throwable)
                .toList();
    }

    private static Throwable throwable(Event e) {
        return e.getPayload(TestExecutionResult.class).flatMap(TestExecutionResult::getThrowable).orElseThrow();
    }

    @Test
    void aFailureAfterAThreadDiedStartsWithThatThreadsException() {
        List<Throwable> failures = failures(DiesThenFails.class);

        assertThat(failures).hasSize(1);
        Throwable f = failures.get(0);
        assertThat(f).isInstanceOf(AssertionError.class)
                .hasMessageStartingWith("the server thread died: java.lang.UnsupportedOperationException: " + TODO)
                .hasMessageContaining("thread \"lab1-test\"")
                .hasMessageContaining("java.net.SocketException: Connection reset")
                .hasCauseInstanceOf(UnsupportedOperationException.class);
        assertThat(f.getSuppressed()).singleElement().isInstanceOf(SocketException.class);
        assertThat(stderr).as("the death is still reported as the JVM would").contains(TODO);
    }

    @Test
    void aFailureWithNoDeadThreadIsLeftAsItIs() {
        List<Throwable> failures = failures(FailsAlone.class);

        assertThat(failures).singleElement(THROWABLE).isExactlyInstanceOf(AssertionError.class)
                .hasMessage("expected +PONG");
    }

    @Test
    void aTestThatPassesStaysPassedEvenIfAThreadDied() {
        assertThat(failures(DiesButPasses.class)).isEmpty();
    }

    @Test
    void aDeathDuringAnEarlierTestOfTheClassIsNamedAsSuch() {
        List<Throwable> failures = failures(DiesInAnEarlierTest.class);

        assertThat(failures).singleElement(THROWABLE).isInstanceOf(AssertionError.class)
                .hasMessageStartingWith("the server thread died: java.lang.UnsupportedOperationException: " + TODO)
                .hasMessageContaining("during an earlier test of this class")
                .hasMessageContaining("Connection refused");
    }

    @Test
    void aFailureInASetUpMethodIsExplainedToo() {
        List<Throwable> failures = failures(DiesInSetUp.class);

        assertThat(failures).singleElement(THROWABLE).isInstanceOf(AssertionError.class)
                .hasMessageStartingWith("the server thread died: java.lang.UnsupportedOperationException: " + TODO);
    }
}
