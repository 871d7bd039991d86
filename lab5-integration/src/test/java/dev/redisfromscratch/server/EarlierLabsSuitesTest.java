package dev.redisfromscratch.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import dev.redisfromscratch.testkit.blackbox.BlackBoxRun;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.platform.testkit.engine.EngineExecutionResults;

/**
 * Lab 5's server passes the black-box suites of labs 1 to 4, every test: threads, databases and
 * the new commands change nothing a client of the earlier labs can see.
 */
class EarlierLabsSuitesTest {

    @Test
    void labs1To4BlackBoxSuitesPassAgainstLab5() throws Exception {
        IntegratedLocalServer lab5 = new IntegratedLocalServer();
        int port = lab5.start();
        try {
            EngineExecutionResults results = BlackBoxRun.against(port, Duration.ofSeconds(3), false,
                    selectClass("dev.redisfromscratch.tcp.PingServerTest"),
                    selectClass("dev.redisfromscratch.store.DataStoreBlackBoxTest"),
                    selectClass("dev.redisfromscratch.server.RespServerTest"),
                    selectClass("dev.redisfromscratch.server.PersistenceBlackBoxTest"));
            assertThat(BlackBoxRun.failures(results)).isEmpty();
            assertThat(results.testEvents().succeeded().count()).isGreaterThan(45);
        } finally {
            lab5.close();
        }
    }
}
