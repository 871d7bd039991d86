package dev.redisfromscratch.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import dev.redisfromscratch.testkit.blackbox.BlackBoxRun;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.platform.testkit.engine.EngineExecutionResults;

/**
 * Lab 4's server passes the black-box suites of labs 1, 2 and 3, every test: persistence changes
 * nothing a client of the earlier labs can see.
 */
class EarlierLabsSuitesTest {

    @Test
    void labs1To3BlackBoxSuitesPassAgainstLab4() throws Exception {
        PersistentLocalServer lab4 = new PersistentLocalServer();
        int port = lab4.start();
        try {
            EngineExecutionResults results = BlackBoxRun.against(port, Duration.ofSeconds(3), false,
                    selectClass("dev.redisfromscratch.tcp.PingServerTest"),
                    selectClass("dev.redisfromscratch.store.DataStoreBlackBoxTest"),
                    selectClass(RespServerTest.class));
            assertThat(BlackBoxRun.failures(results)).isEmpty();
            assertThat(results.testEvents().succeeded().count()).isGreaterThan(40);
        } finally {
            lab4.close();
        }
    }
}
