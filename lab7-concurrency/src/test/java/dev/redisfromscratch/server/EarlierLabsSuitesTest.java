package dev.redisfromscratch.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import dev.redisfromscratch.testkit.blackbox.BlackBoxRun;
import dev.redisfromscratch.testkit.grading.Stage;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.platform.testkit.engine.EngineExecutionResults;

/**
 * Lab 7's server passes the black-box suites of labs 1 to 6, every test: serving every client from
 * one event-loop thread changes nothing a client can see.
 */
class EarlierLabsSuitesTest {

    @Test
    @Stage(lab = 7, value = 2) // the suites publish and block: the whole loop
    void labs1To6BlackBoxSuitesPassAgainstLab7() throws Exception {
        IntegratedLocalServer lab7 = new IntegratedLocalServer(ConcurrencyServer.extensions());
        int port = lab7.start();
        try {
            EngineExecutionResults results = BlackBoxRun.against(port, Duration.ofSeconds(3), false,
                    selectClass("dev.redisfromscratch.tcp.PingServerTest"),
                    selectClass("dev.redisfromscratch.store.DataStoreBlackBoxTest"),
                    selectClass("dev.redisfromscratch.server.RespServerTest"),
                    selectClass("dev.redisfromscratch.server.PersistenceBlackBoxTest"),
                    selectClass("dev.redisfromscratch.server.IntegrationBlackBoxTest"),
                    selectClass("dev.redisfromscratch.server.ListsSetsBlackBoxTest"));
            assertThat(BlackBoxRun.failures(results)).isEmpty();
            assertThat(results.testEvents().succeeded().count()).isGreaterThan(80);
        } finally {
            lab7.close();
        }
    }
}
