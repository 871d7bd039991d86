package dev.redisfromscratch.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import dev.redisfromscratch.testkit.blackbox.BlackBoxRun;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.platform.testkit.engine.EngineExecutionResults;

/**
 * Lab 6's server passes the black-box suites of labs 1 to 5, every test: lists, sets and the
 * blocking pops change nothing a client of the earlier labs can see.
 */
class EarlierLabsSuitesTest {

    @Test
    void labs1To5BlackBoxSuitesPassAgainstLab6() throws Exception {
        IntegratedLocalServer lab6 = new IntegratedLocalServer(ListsSetsServer.extensions());
        int port = lab6.start();
        try {
            EngineExecutionResults results = BlackBoxRun.against(port, Duration.ofSeconds(3), false,
                    selectClass("dev.redisfromscratch.tcp.PingServerTest"),
                    selectClass("dev.redisfromscratch.store.DataStoreBlackBoxTest"),
                    selectClass("dev.redisfromscratch.server.RespServerTest"),
                    selectClass("dev.redisfromscratch.server.PersistenceBlackBoxTest"),
                    selectClass("dev.redisfromscratch.server.IntegrationBlackBoxTest"));
            assertThat(BlackBoxRun.failures(results)).isEmpty();
            assertThat(results.testEvents().succeeded().count()).isGreaterThan(59);
        } finally {
            lab6.close();
        }
    }
}
