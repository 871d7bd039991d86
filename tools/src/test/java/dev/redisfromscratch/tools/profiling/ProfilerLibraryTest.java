package dev.redisfromscratch.tools.profiling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** async-profiler's native library out of its jar, and the server's command line that loads it. */
class ProfilerLibraryTest {
    @TempDir
    Path dir;

    @Test
    void platformsMapToTheJarsLibraries() {
        assertThat(ProfilerLibrary.resourceFor("Linux", "amd64")).isEqualTo("linux-x64/libasyncProfiler.so");
        assertThat(ProfilerLibrary.resourceFor("Linux", "aarch64")).isEqualTo("linux-arm64/libasyncProfiler.so");
        assertThatThrownBy(() -> ProfilerLibrary.resourceFor("Windows 11", "amd64")).hasMessageContaining("needs Linux");
    }

    @Test
    void extractedLibraryIsAnElfFile() throws Exception {
        Path library = ProfilerLibrary.extract(dir);
        byte[] head = Arrays.copyOf(Files.readAllBytes(library), 4);
        assertThat(head).containsExactly(0x7f, 'E', 'L', 'F');
    }

    @Test
    void serverCommandLoadsTheAgentAtStartAndPassesThePort() {
        List<String> cmd = ProfiledServer.command(Path.of("/w/lab3.jar"), 40001, Path.of("/w/lib.so"),
                SamplingMode.forced("itimer"), Path.of("/w/out.html"), "lab3 title");
        assertThat(cmd).contains("-agentpath:/w/lib.so=start,event=itimer,interval=1000000,file=/w/out.html,title=lab3 title");
        assertThat(cmd.subList(cmd.size() - 4, cmd.size())).containsExactly("-jar", "/w/lab3.jar", "--port", "40001");
        assertThatThrownBy(() -> ProfiledServer.command(Path.of("/w/lab3.jar"), 1, Path.of("/w/lib.so"),
                SamplingMode.forced("cpu"), Path.of("/w/a,b.html"), "t")).hasMessageContaining("comma");
    }

    @Test
    void wallModeSamplesOnlyTheServerThread() {
        List<String> cmd = ProfiledServer.command(Path.of("/w/lab1.jar"), 40001, Path.of("/w/lib.so"),
                SamplingMode.forced("wall"), Path.of("/w/out.html"), "lab1 wall");
        assertThat(cmd).contains("-agentpath:/w/lib.so=start,event=wall,interval=10ms,threads,"
                + "include=*BlockingServer.serve*,include=*/eventloop/EventLoop.run*,file=/w/out.html,title=lab1 wall");
    }
}
