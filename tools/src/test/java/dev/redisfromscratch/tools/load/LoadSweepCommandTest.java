package dev.redisfromscratch.tools.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code load-sweep} with two real {@code redis-server} lines, one of them limited to one client
 * as lab 3 is: the tables, the chart and the CSV.
 */
class LoadSweepCommandTest {
    @TempDir
    Path out;

    @Test
    void runsEveryServerAtEveryPointItCanServeAndWritesTheTablesAndTheChart() throws Exception {
        String redis = "redis-server --port {port} --bind 127.0.0.1 --save '' --appendonly no";
        int status = new CommandLine(new LoadSweepCommand()).execute("--out", out.toString(),
                "--line", "one at a time|1|" + redis, "--line", "Redis|all|" + redis,
                "--clients", "1,8", "--pipelines", "1,4", "--warmup", "0.1", "--seconds", "0.2");

        assertThat(status).isZero();
        String md = Files.readString(out.resolve(LoadSweepCommand.REPORT));
        assertThat(md).startsWith("## " + LoadSweepCommand.TITLE)
                .contains("| server | pipeline | 1 client | 8 clients |")
                .containsPattern("\\| one at a time \\| none \\| [0-9,]+ \\| — \\|")
                .containsPattern("\\| Redis \\| -P 4 \\| [0-9,]+ \\| [0-9,]+ \\|")
                .contains("one at a time runs at most 1 client")
                .doesNotContain("†");
        assertThat(Files.readAllLines(out.resolve(LoadSweepCommand.CSV))).hasSize(1 + 2 + 4);
        assertThat(out.resolve(LoadSweepCommand.CHART)).isNotEmptyFile();
    }

    @Test
    void aMalformedLineIsAUsageError() {
        assertThat(new CommandLine(new LoadSweepCommand()).execute("--out", out.toString(), "--line", "no command")).isEqualTo(2);
    }
}
