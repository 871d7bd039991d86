package dev.redisfromscratch.tools.replication;

import static org.assertj.core.api.Assertions.assertThat;

import dev.redisfromscratch.testkit.RealRedis;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code lag} and {@code sync-time} against a real redis-server primary and replica. */
class ReplicationMeasurementsTest {
    @TempDir
    Path out;

    @Test
    void lagProbesAnIdlePairAndPrintsItsPercentiles() throws Exception {
        try (RealRedis primary = RealRedis.start();
             RealRedis replica = RealRedis.start("--replicaof", "127.0.0.1", Integer.toString(primary.port()))) {
            Run run = run(new LagCommand(), "--primary", "127.0.0.1:" + primary.port(), "--replica",
                    "127.0.0.1:" + replica.port(), "--no-load", "--seconds", "0.3", "--name", "real", "--out", out.toString());
            assertThat(run.status).as(run.text).isZero();
            assertThat(run.text).contains("p50").contains("p99.9").contains("max")
                    .contains("coordinated omission")
                    .containsPattern("lag-result name=real probes=[1-9][0-9]* lost=0 p50_ms=[0-9.]+ p99_ms=[0-9.]+ p999_ms=[0-9.]+"
                            + " max_ms=[0-9.]+ raw_p99_ms=[0-9.]+ resolution_ms=[0-9.]+ load_rps=none");
            assertThat(out.resolve("real-lag.hgrm")).content().contains("#[Max");
            assertThat(out.resolve("real-lag-raw.hgrm")).content().contains("#[Max");
        }
    }

    @Test
    void syncTimeMakesAnEmptyServerAReplicaAndWaitsForTheSameDbsize() throws Exception {
        try (RealRedis primary = RealRedis.start("--repl-diskless-sync-delay", "0");
             RealRedis replica = RealRedis.start()) {
            try (RespConnection p = RespConnection.open(new java.net.InetSocketAddress("127.0.0.1", primary.port()), 5000)) {
                for (int i = 0; i < 100; i++) {
                    assertThat(p.call("SET", "key:" + i, "value:" + i)).isEqualTo("OK");
                }
            }
            Run run = run(new SyncTimeCommand(), "--primary", "127.0.0.1:" + primary.port(), "--replica",
                    "127.0.0.1:" + replica.port(), "--name", "real", "--timeout", "30");
            assertThat(run.status).as(run.text).isZero();
            assertThat(run.text).containsPattern("sync-result name=real keys=100 link_up_s=[0-9.]+ seconds=[0-9.]+");
        }
    }

    @Test
    void badAddressesAreAUsageError() {
        assertThat(new CommandLine(new LagCommand()).execute("--primary", "nowhere", "--replica", "127.0.0.1:1")).isEqualTo(2);
        assertThat(new CommandLine(new SyncTimeCommand()).execute("--primary", "127.0.0.1:1", "--replica", "x")).isEqualTo(2);
    }

    @Test
    void readsRedisBenchmarksCsvThroughput() {
        String csv = "\"test\",\"rps\",\"avg_latency_ms\"\n\"SET\",\"81234.56\",\"0.3\"\n";
        assertThat(LagCommand.requestsPerSecond(csv)).isEqualTo("81234.56");
        assertThat(LagCommand.requestsPerSecond("ERROR")).isNull();
    }

    private record Run(int status, String text) {
    }

    private static Run run(Callable<Integer> command, String... args) {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        PrintStream stdout = System.out;
        System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
        try {
            int status = new CommandLine(command).execute(args);
            return new Run(status, printed.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(stdout);
        }
    }
}
