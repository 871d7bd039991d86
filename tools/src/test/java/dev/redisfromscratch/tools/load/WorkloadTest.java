package dev.redisfromscratch.tools.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Each lab gets requests in its protocol, with commands it has. */
class WorkloadTest {
    private static String text(Workload.Request request) {
        return new String(request.bytes(), StandardCharsets.US_ASCII);
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
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
        List<Workload.Request> requests = Workload.INLINE_PING.requests();
        assertThat(requests).extracting(WorkloadTest::text)
                .containsExactly("PING\r\n", "ECHO " + "v".repeat(64) + "\r\n");
    }

    @Test
    void stringWorkloadsCycleSetGetPingOverTheKeys() {
        List<Workload.Request> inline = Workload.INLINE_STRINGS.requests();
        List<Workload.Request> resp = Workload.RESP_STRINGS.requests();
        assertThat(inline).hasSize(3 * Workload.KEYS);
        assertThat(text(inline.get(3))).isEqualTo("SET key:1 " + "v".repeat(64) + "\r\n");
        assertThat(text(resp.get(4))).isEqualTo("*2\r\n$3\r\nGET\r\n$5\r\nkey:1\r\n");
        assertThat(text(resp.get(5))).isEqualTo("*1\r\n$4\r\nPING\r\n");
    }

    @Test
    void profilerWorkloadsAcceptAnyReplyButAnError() {
        Workload.Request ping = Workload.RESP_STRINGS.requests().get(2);
        assertThat(ping.accepts(ascii("+PONG\r\n"))).isTrue();
        assertThat(ping.accepts(ascii("$3\r\nabc\r\n"))).isTrue();
        assertThat(ping.accepts(ascii("-ERR unknown command 'PING'\r\n"))).isFalse();
    }

    @Test
    void setGetCyclesSetsThenGetsOfEachKeyWithValuesThatNameTheirKey() {
        List<Workload.Request> cycle = Workload.setGet(1, 2, 10);
        assertThat(cycle).hasSize(30);
        assertThat(Workload.valueOf(42)).hasSize(Workload.LOAD_VALUE_BYTES).isEqualTo("v000000000000042");
        assertThat(text(cycle.get(3))).isEqualTo("*3\r\n$3\r\nSET\r\n$5\r\nkey:1\r\n$16\r\nv000000000000001\r\n");
        assertThat(text(cycle.get(4))).isEqualTo("*2\r\n$3\r\nGET\r\n$5\r\nkey:1\r\n");
        assertThat(text(cycle.get(5))).isEqualTo(text(cycle.get(4)));
        assertThat(cycle.get(3).accepts(ascii("+OK\r\n"))).isTrue();
        assertThat(cycle.get(3).accepts(ascii("+QUEUED\r\n"))).isFalse();
        assertThat(cycle.get(4).accepts(ascii("$16\r\nv000000000000001\r\n"))).isTrue();
        assertThat(cycle.get(4).accepts(ascii("$-1\r\n"))).isTrue(); // not set yet
        assertThat(cycle.get(4).accepts(ascii("$16\r\nv000000000000002\r\n"))).isFalse(); // another key's value
    }

    @Test
    void aRatioWithNothingToSendIsRefused() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Workload.setGet(0, 0, 10))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
