package dev.redisfromscratch.encoding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.redisfromscratch.encoding.CollectionMemoryReport.Breakdown;
import dev.redisfromscratch.encoding.CollectionMemoryReport.Comparison;
import dev.redisfromscratch.lists.ListValue;
import dev.redisfromscratch.store.DataStore;
import dev.redisfromscratch.testkit.grading.Stage;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The memory report's arithmetic and table, on a tiny dataset and on numbers given by hand (the
 * real measurement, {@code ./lab bench 6 --memory}, is not a test: it takes minutes).
 */
class CollectionMemoryReportTest {
    @Test
    @Stage(lab = 6, value = 1)
    void thePartsOfATinyStoreAddUpToItsGrowth() {
        EncodingLimits limits = EncodingLimits.defaults();
        DataStore store = new DataStore(Clock.systemUTC());
        List<Object> values = new ArrayList<>();
        long payload = 0;
        for (int n = 1; n <= 10; n++) {
            byte[] key = ("list:" + n).getBytes(StandardCharsets.US_ASCII);
            ListValue list = new ListValue();
            payload += key.length;
            for (int j = 1; j <= 3; j++) {
                byte[] e = ("item-" + j).getBytes(StandardCharsets.US_ASCII);
                list.pushTail(e, limits);
                payload += e.length;
            }
            store.put(key, list);
            values.add(list);
        }
        Breakdown b = CollectionMemoryReport.measure("tiny", store, values, payload, "listpack");
        assertThat(b.consistent()).isTrue();
        assertThat(b.keys()).isEqualTo(10);
        assertThat(b.payloadBytes()).isEqualTo(10 * 6 + 10 * 3 * 6 + 1); // list:10 has one more digit
        assertThat(b.keyspaceBytes()).isPositive();
        assertThat(b.valueObjectBytes()).isPositive();
        assertThat(b.packedBytes()).isGreaterThanOrEqualTo(10 * 3 * 6); // the elements are in the arrays
        assertThat(b.totalBytes()).isGreaterThan(b.payloadBytes());
        assertThat(b.perKey()).isCloseTo(b.totalBytes() / 10.0, within(1e-9));
        assertThat(CollectionMemoryReport.footprint(values)).contains("COUNT").contains("(total)")
                .doesNotContain("@"); // the line naming every root is left out
    }

    @Test
    void aRowShowsBytesPerKeyTheRatioAndTheVerdict() {
        Breakdown ours = new Breakdown("100 keys × 5-element list", 100, 15_000, 8_000, 2_000, 5_000, 1_300, "listpack");
        Comparison met = new Comparison(ours, 12_000, 96.5, "quicklist", 1.5);
        assertThat(ours.consistent()).isTrue();
        assertThat(met.redisPerKey()).isEqualTo(120.0);
        assertThat(met.ratio()).isEqualTo(1.25);
        assertThat(met.verdict()).isEqualTo("met");
        assertThat(CollectionMemoryReport.markdownRow(met)).isEqualTo(
                "| 100 keys × 5-element list | listpack | 150.0 | 80.0 | 20.0 | 50.0 | quicklist | 120.0 | 96.5 | 1.25× | ≤ 1.5×: met |"
                        + System.lineSeparator());
        Comparison notMet = new Comparison(ours, 9_000, 80, "quicklist", 1.5);
        assertThat(notMet.verdict()).isEqualTo("not met");
        assertThat(new Comparison(ours, 9_000, 80, "quicklist", 0).verdict()).isEqualTo("no target");
        assertThat(CollectionMemoryReport.markdownTable(List.of(met, notMet)))
                .startsWith(CollectionMemoryReport.markdownHeader())
                .contains("| 1.67× | ≤ 1.5×: not met |");
        assertThat(CollectionMemoryReport.markdownHeader().lines().toList().get(0).split("\\|", -1))
                .hasSize(CollectionMemoryReport.markdownRow(met).strip().split("\\|", -1).length);
    }
}
