package dev.redisfromscratch.tcp;

import dev.redisfromscratch.config.ServerConfig;
import dev.redisfromscratch.server.PingServer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectMethod;

import dev.redisfromscratch.testkit.RealRedis;
import dev.redisfromscratch.testkit.blackbox.BlackBoxRun;
import dev.redisfromscratch.testkit.blackbox.BrokenServer;
import dev.redisfromscratch.testkit.blackbox.BrokenServer.Mistake;
import dev.redisfromscratch.testkit.grading.Stage;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.platform.testkit.engine.EngineExecutionResults;

/**
 * Tests of the grader itself, with lab 1's black-box suite ({@link PingServerTest}): it passes a
 * real {@code redis-server} completely, and it fails deliberately broken servers with the message
 * that names their mistake.
 */
@Stage(lab = 1, value = 3)
class GraderSelfTest {
    private static BlockingServer lab1;
    private static int lab1Port;

    @BeforeAll
    static void startLab1() throws Exception {
        lab1 = PingServer.create(ServerConfig.ephemeral(), line -> { });
        lab1Port = lab1.start();
    }

    @AfterAll
    static void stopLab1() {
        lab1.close();
    }

    @Test
    void blackBoxSuitePassesAgainstRealRedis() {
        try (RealRedis redis = RealRedis.start()) {
            EngineExecutionResults results = BlackBoxRun.against(redis.port(), Duration.ofSeconds(3), true,
                    selectClass(PingServerTest.class));
            assertThat(BlackBoxRun.failures(results)).as("black-box tests that real Redis failed").isEmpty();
            assertThat(results.testEvents().succeeded().count()).isGreaterThanOrEqualTo(15);
        }
    }

    @Test
    void serverThatForgetsCrlfIsToldSo() throws Exception {
        assertThat(failureOf(Mistake.FORGETS_CRLF, "pingRepliesPong"))
                .contains("received: \"+PONG\"")
                .contains("Did you forget \"\\r\\n\"");
    }

    @Test
    void serverThatAnswersOnlyTheFirstPipelinedCommandIsToldSo() throws Exception {
        assertThat(failureOf(Mistake.ANSWERS_FIRST_PIPELINED_ONLY, "threeCommandsInOneWriteGetThreeRepliesInOrder"))
                .contains("(reply 2 of 3 pipelined requests)")
                .contains("only 1 of the 3 pipelined requests were answered");
    }

    @Test
    void serverThatClosesAfterEveryReplyIsToldSo() throws Exception {
        assertThat(failureOf(Mistake.CLOSES_AFTER_EVERY_REPLY, "manyCommandsOnOneConnection"))
                .contains("then the server closed the connection")
                .contains("the server closed the connection after its previous reply");
    }

    @Test
    void correctServerBehindTheSameProxyMachineryPasses() throws Exception {
        // The broken servers are proxies; with the mistake on an unaffected path the test passes,
        // so the failures above come from the mistakes, not from the proxy.
        try (BrokenServer proxy = BrokenServer.start(lab1Port, Mistake.ANSWERS_FIRST_PIPELINED_ONLY)) {
            EngineExecutionResults results = BlackBoxRun.against(proxy.port(), Duration.ofMillis(500), false,
                    selectMethod(PingServerTest.class, "pingRepliesPong", "dev.redisfromscratch.testkit.blackbox.ServerUnderTest"));
            assertThat(results.testEvents().succeeded().count()).isEqualTo(1);
        }
    }

    /** Runs one black-box test against lab 1 behind a proxy with the mistake; returns its failure message. */
    private static String failureOf(Mistake mistake, String test) throws Exception {
        try (BrokenServer proxy = BrokenServer.start(lab1Port, mistake)) {
            EngineExecutionResults results = BlackBoxRun.against(proxy.port(), Duration.ofMillis(500), false,
                    selectMethod(PingServerTest.class, test, "dev.redisfromscratch.testkit.blackbox.ServerUnderTest"));
            List<String> failures = BlackBoxRun.failures(results);
            assertThat(failures).as("the grader must fail a server that " + mistake).hasSize(1);
            return failures.get(0);
        }
    }
}
