package dev.redisfromscratch.tools.load;

import static org.assertj.core.api.Assertions.assertThat;

import dev.redisfromscratch.testkit.RealRedis;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code load --server} against a real redis-server: the summary, the .hgrm files and the chart. */
class LoadCommandTest {
    @TempDir
    Path out;

    @Test
    void drivesARunningServerAndWritesTheDistributionAndItsChart() throws Exception {
        try (RealRedis redis = RealRedis.start()) {
            ByteArrayOutputStream printed = new ByteArrayOutputStream();
            PrintStream stdout = System.out;
            int status;
            System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
            try {
                status = new CommandLine(new LoadCommand()).execute("--server", "127.0.0.1:" + redis.port(),
                        "--clients", "20", "--pipeline", "4", "--seconds", "0.5", "--warmup", "0.2", "--out", out.toString());
            } finally {
                System.setOut(stdout);
            }
            String text = printed.toString(StandardCharsets.UTF_8);
            assertThat(status).as(text).isZero();
            assertThat(text).contains("requests/s; 0 wrong or error replies, 0 broken connections")
                    .contains("p50").contains("p99").contains("p99.9").contains("max").contains("coordinated omission");
            String name = "server-127.0.0.1-" + redis.port() + "-c20-p4";
            assertThat(out.resolve(name + ".png")).isNotEmptyFile();
            assertThat(Files.readAllBytes(out.resolve(name + ".png"))).startsWith(0x89, 'P', 'N', 'G');
            assertThat(Files.readString(out.resolve(name + ".hgrm"))).contains("Percentile").contains("#[Max");
            assertThat(out.resolve(name + "-raw.hgrm")).isNotEmptyFile();
        }
    }

    @Test
    void badOptionsAreAUsageError() {
        assertThat(new CommandLine(new LoadCommand()).execute("--server", "nowhere", "--clients", "1")).isEqualTo(2);
        assertThat(new CommandLine(new LoadCommand()).execute("--server", "127.0.0.1:1", "--ratio", "1-1")).isEqualTo(2);
        assertThat(new CommandLine(new LoadCommand()).execute("--clients", "1")).isEqualTo(2); // neither --jar nor --server
    }
}
