package dev.redisfromscratch.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

import dev.redisfromscratch.store.MemoryReport.Usage;
import dev.redisfromscratch.testkit.grading.Stage;
import org.junit.jupiter.api.Test;

@Stage(lab = 2, value = 2)
class MemoryReportTest {
    @Test
    void keysAreNumberedAndPaddedToTheAskedLength() {
        assertThat(new String(MemoryReport.key(1, 0))).isEqualTo("key:1");
        assertThat(new String(MemoryReport.key(42, 10))).isEqualTo("key:000042");
        assertThat(new String(MemoryReport.key(123456, 5))).isEqualTo("key:123456");
    }

    @Test
    void thousandKeysCostMoreThanTheirPayloadAndATtlCostsMore() {
        Usage plain = MemoryReport.measure(1_000, 0, 10, false);
        Usage withTtl = MemoryReport.measure(1_000, 0, 10, true);

        // key:1 .. key:1000 average 6.893 bytes, plus 10 bytes of value
        assertThat(plain.payloadPerKey()).isEqualTo(16.893);
        // at least a HashMap node, a Key and two array headers per key; less than 200 bytes
        assertThat(plain.overheadPerKey()).isBetween(32.0 + 16 + 2 * 12, 200.0);
        assertThat(withTtl.bytesPerKey()).isGreaterThan(plain.bytesPerKey() + 32);
        assertThat(plain.totalBytes()).isGreaterThan(plain.emptyBytes() + 1_000 * 17);
    }

    @Test
    void aLargerValueCostsItsExtraBytesRoundedToTheObjectAlignment() {
        Usage small = MemoryReport.measure(100, 16, 8, false);
        Usage large = MemoryReport.measure(100, 16, 1_000, false);

        double extra = large.bytesPerKey() - small.bytesPerKey();
        assertThat(extra).isBetween(992.0 - 8, 992.0 + 8);
        assertThat(large.overheadPerKey()).isCloseTo(small.overheadPerKey(), offset(8.0));
    }

    @Test
    void theTypeModelAddsNoBytesToAStringKey() {
        // A string is stored as the client's byte[] itself: no wrapper object, no type field. So a
        // string key costs exactly what an entry of a bare HashMap<Key, byte[]> costs.
        int keys = 1_000;
        Usage store = MemoryReport.measure(keys, 0, 10, false);
        java.util.HashMap<Key, byte[]> bare = new java.util.HashMap<>();
        long emptyBare = MemoryReport.deepSize(bare);
        for (int i = 1; i <= keys; i++) {
            bare.put(new Key(MemoryReport.key(i, 0)), new byte[10]);
        }
        double bareBytesPerKey = (double) (MemoryReport.deepSize(bare) - emptyBare) / keys;

        assertThat(store.bytesPerKey()).isEqualTo(bareBytesPerKey);
        assertThat(ValueType.of(new byte[10])).isSameAs(ValueType.STRING);
    }
}
