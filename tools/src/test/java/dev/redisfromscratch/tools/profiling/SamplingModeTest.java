package dev.redisfromscratch.tools.profiling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The choice between perf_events ({@code cpu}) and {@code itimer}, from a probe's answer. */
class SamplingModeTest {
    @TempDir
    Path dir;

    @Test
    void probeThatWorksMeansCpuMode() {
        List<String> asked = new ArrayList<>();
        SamplingMode mode = SamplingMode.choose(command -> {
            asked.add(command);
            return Optional.empty();
        }, Optional.of(1));
        assertThat(asked).containsExactly("start,event=cpu-clock");
        assertThat(mode.event()).isEqualTo("cpu");
        assertThat(mode.explanation()).contains("kernel.perf_event_paranoid=1");
    }

    @Test
    void refusedPerfEventsFallBackToItimerAndSaySo() {
        SamplingMode mode = SamplingMode.choose(command -> Optional.of("Perf events unavailable"), Optional.of(3));
        assertThat(mode.event()).isEqualTo("itimer");
        assertThat(mode.explanation())
                .contains("perf events are not permitted here (kernel.perf_event_paranoid=3")
                .contains("Perf events unavailable")
                .contains("falling back to itimer mode");
    }

    @Test
    void cpuAndItimerSampleEveryMillisecond() {
        assertThat(SamplingMode.forced("cpu").agentOptions()).isEqualTo("event=cpu,interval=1000000");
        assertThat(SamplingMode.forced("itimer").agentOptions()).isEqualTo("event=itimer,interval=1000000");
        assertThat(SamplingMode.forced("itimer").explanation()).isEqualTo("event=itimer (chosen with --event)");
    }

    @Test
    void wallModeKeepsOnlyTheServerThreadsStacksAndSaysSo() {
        SamplingMode mode = SamplingMode.forced("wall");
        assertThat(mode.event()).isEqualTo("wall");
        assertThat(mode.agentOptions())
                .startsWith("event=wall,interval=10ms")
                .contains(",threads")
                .endsWith(",include=*BlockingServer.serve*,include=*/eventloop/EventLoop.run*");
        assertThat(mode.explanation()).contains("wall-clock time of the server thread only").contains("every 10 ms");
    }

    @Test
    void lockModeRecordsNanosecondsWaitedAndSaysSo() {
        SamplingMode mode = SamplingMode.forced("lock");
        assertThat(mode.event()).isEqualTo("lock");
        assertThat(mode.agentOptions()).isEqualTo("event=lock,total");
        assertThat(mode.explanation()).contains("waiting for a lock").contains("nanoseconds waited");
    }

    @Test
    void unknownEventIsRefused() {
        assertThatThrownBy(() -> SamplingMode.forced("alloc")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("alloc").hasMessageContaining("wall");
    }

    @Test
    void paranoidSettingIsReadWhenThere() throws Exception {
        Path file = dir.resolve("perf_event_paranoid");
        Files.writeString(file, "2\n");
        assertThat(SamplingMode.paranoid(file)).contains(2);
        assertThat(SamplingMode.paranoid(dir.resolve("missing"))).isEmpty();
    }
}
