package dev.redisfromscratch.tools.benchreport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.awt.image.BufferedImage;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The report writer on two recorded JMH results (resources/benchreport: lab 1's PING round trip
 * against Redis, lab 2's GET against a HashMap, 6 iterations each, so with real error bars).
 */
class BenchReportTest {
    // the recorded scores and errors (primaryMetric.score / scoreError in the JSON files)
    private static final double LAB1_PING = 17.89914059005898;
    private static final double LAB1_PING_ERROR = 7.560611819963226;
    private static final double REDIS_PING = 18.780098752711872;
    private static final double REDIS_PING_ERROR = 9.153025538017083;
    private static final double GET_1M = 2337007.3774708025;
    private static final double HASHMAP_GET_1M = 1800443.839298243;

    @TempDir
    Path out;

    private static Path resource(String name) throws URISyntaxException {
        return Path.of(BenchReportTest.class.getResource("/benchreport/" + name).toURI());
    }

    private static BenchReport report() throws Exception {
        JmhJsonReader reader = new JmhJsonReader();
        return BenchReport.build(
                List.of(reader.read(resource("lab1-tcp-ping.json"), "lab1-tcp-ping"),
                        reader.read(resource("lab2-datastore.json"), "lab2-datastore")),
                CompareConf.read(List.of(resource("compare.conf"))),
                new MachineDescription(2, "Test CPU", "Linux (amd64)", "2025-01-31 12:00 UTC"),
                List.of("a note"));
    }

    private static ReportRow row(BenchReport report, String method, String param, String value) {
        return report.sections().stream().flatMap(s -> s.rows().stream())
                .filter(r -> r.result().method().equals(method) && value.equals(r.result().params().get(param)))
                .findFirst().orElseThrow();
    }

    @Test
    void sectionsFollowTheConfTopicsAndHoldEveryRow() throws Exception {
        BenchReport report = report();
        assertThat(report.sections()).extracting(ReportSection::title).containsExactly("PING round trip", "Keyspace");
        assertThat(report.sections().get(0).rows()).hasSize(2);
        assertThat(report.sections().get(1).rows()).hasSize(4);
    }

    @Test
    void timePerOperationRatioIsPeerOverRowWithPropagatedError() throws Exception {
        ReportRow lab1 = row(report(), "pingRoundTrip", "target", "lab1");
        assertThat(lab1.peer().params()).containsEntry("target", "redis");
        double ratio = REDIS_PING / LAB1_PING; // µs/op: less time is faster
        assertThat(lab1.ratio().value()).isCloseTo(ratio, within(1e-12));
        assertThat(lab1.ratio().error()).isCloseTo(
                ratio * Math.hypot(LAB1_PING_ERROR / LAB1_PING, REDIS_PING_ERROR / REDIS_PING), within(1e-12));
        assertThat(row(report(), "pingRoundTrip", "target", "redis").ratio()).isNull();
    }

    @Test
    void throughputRatioIsRowOverPeerWithTheSameOtherParams() throws Exception {
        ReportRow get = row(report(), "get", "keys", "1000000");
        assertThat(get.peer().method()).isEqualTo("hashMapGet");
        assertThat(get.peer().params()).containsEntry("keys", "1000000");
        assertThat(get.ratio().value()).isCloseTo(GET_1M / HASHMAP_GET_1M, within(1e-12));
        assertThat(row(report(), "hashMapGet", "keys", "1000").ratio()).isNull();
    }

    @Test
    void markdownHasUnitsErrorsRatiosAndTheMachine() throws Exception {
        String md = MarkdownReport.render(report(), "chart.png");
        assertThat(md)
                .contains("2 cores (Test CPU), Linux (amd64)")
                .contains("2025-01-31 12:00 UTC")
                .contains("17.0.15 (OpenJDK 64-Bit Server VM)")
                .contains("1 fork, 2 × 200 ms warm-up, 6 × 200 ms measured")
                .contains("**Note**: a note")
                .contains("![Scores with their error bars, one panel per benchmark](chart.png)")
                .contains("## PING round trip")
                .contains("| lab1-tcp-ping | `InlinePingBenchmark.pingRoundTrip` | target=lab1 | 17.9 ± 7.6 | µs/op | 1.05× ± 0.68 | target=redis |")
                .contains("| lab2-datastore | `DataStoreBenchmark.get` | keys=1000000 | 2.34 ± 0.40 M | ops/s | 1.30× ± 0.27 | `hashMapGet` |")
                .contains("| lab2-datastore | `DataStoreBenchmark.hashMapGet` | keys=1000 | 35.7 ± 1.3 M | ops/s |  |  |");
        assertThat(md.indexOf("## PING round trip")).isLessThan(md.indexOf("## Keyspace"));
    }

    @Test
    void chartIsAPngWithOnePanelPerBenchmarkClass() throws Exception {
        Path png = out.resolve("chart.png");
        assertThat(ReportChart.write(report(), png)).isEqualTo(2);
        BufferedImage image;
        try (InputStream in = Files.newInputStream(png)) {
            image = ImageIO.read(in);
        }
        assertThat(image).as("a readable PNG").isNotNull();
        assertThat(image.getWidth()).isEqualTo(2 * 640);
        assertThat(image.getHeight()).isEqualTo(420);
        assertThat(distinctColours(image)).as("something was drawn").isGreaterThan(10);
    }

    @Test
    void commandWritesReportAndChartIntoTheOutputDirectory() throws Exception {
        Clock clock = Clock.fixed(Instant.parse("2025-02-03T04:05:00Z"), ZoneOffset.UTC);
        Path dir = out.resolve("bench-report");
        int status = new CommandLine(new BenchReportCommand(clock)).execute(
                "--out", dir.toString(), "--conf", resource("compare.conf").toString(),
                "--note", "redis-server is not installed", resource("lab1-tcp-ping.json").toString(),
                resource("lab2-datastore.json").toString());
        assertThat(status).isZero();
        assertThat(Files.readString(dir.resolve("report.md")))
                .contains("2025-02-03 04:05 UTC")
                .contains("**Note**: redis-server is not installed")
                .contains("| lab1-tcp-ping |")
                .contains("| lab2-datastore |");
        assertThat(Files.size(dir.resolve("chart.png"))).isGreaterThan(1000);
    }

    private static int distinctColours(BufferedImage image) {
        Set<Integer> colours = new HashSet<>();
        for (int y = 0; y < image.getHeight(); y += 4) {
            for (int x = 0; x < image.getWidth(); x += 4) {
                colours.add(image.getRGB(x, y));
            }
        }
        return colours.size();
    }
}
