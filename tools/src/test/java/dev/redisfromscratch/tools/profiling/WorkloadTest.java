package dev.redisfromscratch.tools.profiling;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Each lab gets requests in its protocol, with commands it has. */
class WorkloadTest {
    private static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.US_ASCII);
    }

    @Test
    void labsGetTheirWorkload() {
        assertThat(Workload.forLab(1)).isEqualTo(Workload.INLINE_PING);
        assertThat(Workload.forLab(2)).isEqualTo(Workload.INLINE_STRINGS);
        assertThat(Workload.forLab(3)).isEqualTo(Workload.RESP_STRINGS);
        assertThat(Workload.forLab(8)).isEqualTo(Workload.RESP_STRINGS);
    }

    @Test
    void lab1SendsOnlyPingAndEchoInline() {
        List<byte[]> requests = Workload.INLINE_PING.requests();
        assertThat(requests).extracting(WorkloadTest::text)
                .containsExactly("PING\r\n", "ECHO " + "v".repeat(64) + "\r\n");
    }

    @Test
    void stringWorkloadsCycleSetGetPingOverTheKeys() {
        List<byte[]> inline = Workload.INLINE_STRINGS.requests();
        List<byte[]> resp = Workload.RESP_STRINGS.requests();
        assertThat(inline).hasSize(3 * Workload.KEYS);
        assertThat(text(inline.get(3))).isEqualTo("SET key:1 " + "v".repeat(64) + "\r\n");
        assertThat(text(resp.get(4))).isEqualTo("*2\r\n$3\r\nGET\r\n$5\r\nkey:1\r\n");
        assertThat(text(resp.get(5))).isEqualTo("*1\r\n$4\r\nPING\r\n");
    }
}
