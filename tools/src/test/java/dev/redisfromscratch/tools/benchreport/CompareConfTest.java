package dev.redisfromscratch.tools.benchreport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The report's reading of bench/compare.conf: selectors, peer rules, topics, errors. */
class CompareConfTest {
    @TempDir
    Path dir;

    private static JmhRow row(String method, String... params) {
        Map<String, String> p = new LinkedHashMap<>();
        for (int i = 0; i < params.length; i += 2) {
            p.put(params[i], params[i + 1]);
        }
        return new JmhRow("lab3-resp-parser", "dev.redisfromscratch.bench.RespParseBenchmark." + method, "thrpt", p,
                100, 1, "ops/s");
    }

    @Test
    void selectorMatchesClassMethodAndTheNamedParamsOnly() {
        RowSelector selector = RowSelector.parse("RespParseBenchmark.respDecoder[frame=GET]");
        assertThat(selector.matches(row("respDecoder", "frame", "GET", "other", "x"))).isTrue();
        assertThat(selector.matches(row("respDecoder", "frame", "SET_1KB"))).isFalse();
        assertThat(selector.matches(row("inlineFramer", "frame", "GET"))).isFalse();
        assertThat(RowSelector.parse("RespParseBenchmark.respDecoder").matches(row("respDecoder", "frame", "SET_1KB"))).isTrue();
    }

    @Test
    void malformedSelectorsAreRejected() {
        assertThatThrownBy(() -> RowSelector.parse("noMethod")).hasMessageContaining("expected Class.method");
        assertThatThrownBy(() -> RowSelector.parse("A.b[frame]")).hasMessageContaining("expected name=value");
        assertThatThrownBy(() -> RowSelector.parse("A.b[frame=GET")).hasMessageContaining("expected Class.method[");
    }

    @Test
    void peerHasTheSameValuesForParamsTheRuleDoesNotName() {
        List<JmhRow> rows = List.of(row("respDecoder", "frame", "GET"), row("respDecoder", "frame", "SET_1KB"),
                row("netty", "frame", "GET"), row("netty", "frame", "SET_1KB"));
        PeerRule rule = new PeerRule(RowSelector.parse("RespParseBenchmark.respDecoder"), RowSelector.parse("RespParseBenchmark.netty"));
        assertThat(rule.peerOf(rows.get(1), rows)).containsSame(rows.get(3));
        assertThat(rule.peerOf(rows.get(0), rows)).containsSame(rows.get(2));
        assertThat(rule.peerOf(rows.get(2), rows)).as("the rule's rows are respDecoder only").isEmpty();
    }

    @Test
    void peersAndTopicsAreReadLaunchersLinesSkipped() throws Exception {
        Path conf = dir.resolve("compare.conf");
        Files.writeString(conf, String.join("\n",
                "# comment", "", "jmh RespParseBenchmark -p frame=GET", "redis -p target=redis",
                "peer RespParseBenchmark.respDecoder RespParseBenchmark.netty",
                "topic RespParseBenchmark Request parsing: inline and RESP"));
        CompareConf read = CompareConf.read(List.of(conf));
        assertThat(read.peers()).hasSize(1);
        assertThat(read.topicOf("RespParseBenchmark")).isEqualTo("Request parsing: inline and RESP");
        assertThat(read.topicOf("OtherBenchmark")).isEqualTo("OtherBenchmark");
    }

    @Test
    void badLinesAreReportedWithFileAndLine() throws Exception {
        Path conf = dir.resolve("compare.conf");
        Files.writeString(conf, "jmh X\npeer OnlyOneSide.method\n");
        assertThatThrownBy(() -> CompareConf.read(List.of(conf)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(conf + ":2: expected: peer ROWS PEER_ROWS");
        Files.writeString(conf, "compare A.b C.d\n");
        assertThatThrownBy(() -> CompareConf.read(List.of(conf)))
                .hasMessage(conf + ":1: unknown directive compare (expected jmh, redis, peer or topic)");
    }
}
