package dev.redisfromscratch.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import dev.redisfromscratch.testkit.blackbox.BlackBoxRun;
import dev.redisfromscratch.testkit.grading.Stage;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.platform.testkit.engine.EngineExecutionResults;

/**
 * Lab 8's server passes the black-box suites of labs 1 to 7, every test:
 * a server that can replicate serves its clients as before.
 */
class EarlierLabsSuitesTest {

    @Test
    @Stage(lab = 8, value = 1) // a server with no replicas: only the earlier labs
    void labs1To7BlackBoxSuitesPassAgainstLab8() throws Exception {
        IntegratedLocalServer lab8 = new IntegratedLocalServer(ReplicationServer.extensions());
        int port = lab8.start();
        try {
            EngineExecutionResults results = BlackBoxRun.against(port, Duration.ofSeconds(3), false,
                    selectClass("dev.redisfromscratch.tcp.PingServerTest"),
                    selectClass("dev.redisfromscratch.store.DataStoreBlackBoxTest"),
                    selectClass("dev.redisfromscratch.server.RespServerTest"),
                    selectClass("dev.redisfromscratch.server.PersistenceBlackBoxTest"),
                    selectClass("dev.redisfromscratch.server.IntegrationBlackBoxTest"),
                    selectClass("dev.redisfromscratch.server.ListsSetsBlackBoxTest"),
                    selectClass("dev.redisfromscratch.server.EventLoopBlackBoxTest"));
            assertThat(BlackBoxRun.failures(results)).isEmpty();
            assertThat(results.testEvents().succeeded().count()).isGreaterThan(80);
        } finally {
            lab8.close();
        }
    }
}
