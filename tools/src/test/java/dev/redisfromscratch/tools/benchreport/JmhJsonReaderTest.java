package dev.redisfromscratch.tools.benchreport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.redisfromscratch.tools.benchreport.JmhJsonReader.JmhRun;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading JMH's JSON, including what a one-iteration (smoke) run writes. */
class JmhJsonReaderTest {
    @TempDir
    Path dir;

    @Test
    void oneIterationRunHasNaNErrorWrittenAsAString() throws Exception {
        Path json = dir.resolve("lab9-x.json");
        Files.writeString(json, "[{\"benchmark\":\"dev.x.bench.FooBenchmark.bar\",\"mode\":\"thrpt\",\"forks\":1,"
                + "\"warmupIterations\":0,\"warmupTime\":\"1 s\",\"measurementIterations\":1,\"measurementTime\":\"100 ms\","
                + "\"jdkVersion\":\"17\",\"vmName\":\"VM\",\"params\":{\"size\":\"16\"},"
                + "\"primaryMetric\":{\"score\":1234.5,\"scoreError\":\"NaN\",\"scoreUnit\":\"ops/s\"}}]");
        JmhRun run = new JmhJsonReader().read(json, BenchReportCommand.labelOf(json));
        assertThat(run.lab()).isEqualTo("lab9-x");
        JmhRow row = run.rows().get(0);
        assertThat(row.shortName()).isEqualTo("FooBenchmark.bar");
        assertThat(row.params()).containsEntry("size", "16");
        assertThat(row.score()).isEqualTo(1234.5);
        assertThat(row.error()).isNaN();
        assertThat(row.higherIsBetter()).isTrue();
        assertThat(run.settings().describe()).isEqualTo("1 fork, no warm-up, 1 × 100 ms measured");
    }

    @Test
    void somethingElseIsRejected() throws Exception {
        Path json = dir.resolve("not-jmh.json");
        Files.writeString(json, "{\"benchmark\": 1}");
        assertThatThrownBy(() -> new JmhJsonReader().read(json, "x")).hasMessageContaining("not a JMH JSON result");
    }
}
