package dev.redisfromscratch.tools.profiling;

import dev.redisfromscratch.tools.load.ServerProcess;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A lab's server in its own JVM with async-profiler loaded as an agent from the start
 * ({@code -agentpath:libasyncProfiler.so=start,event=...,file=flamegraph.html}; the sampling
 * options come from {@link SamplingMode#agentOptions()}), run as a {@link ServerProcess}. The agent
 * writes the flame graph when that JVM exits, so {@link ServerProcess#stop()} ends it the way
 * Ctrl+C does: SIGTERM, which runs the lab's shutdown hook and then the agent's dump.
 */
public final class ProfiledServer {
    private ProfiledServer() {
    }

    /**
     * The JVM command line that runs {@code jar} on {@code port} under the profiler.
     *
     * @param library async-profiler's native library
     * @param mode how to sample (the agent's event options)
     * @param html where the agent writes the flame graph on exit
     * @param title the flame graph's title
     * @throws IllegalArgumentException if a path or the title contains a comma (the agent's
     *     option separator)
     */
    static List<String> command(Path jar, int port, Path library, SamplingMode mode, Path html, String title) {
        for (String s : List.of(library.toString(), html.toString(), title)) {
            if (s.contains(",")) {
                throw new IllegalArgumentException("async-profiler's options cannot contain a comma: " + s);
            }
        }
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-agentpath:" + library + "=start," + mode.agentOptions() + ",file=" + html + ",title=" + title);
        // frames of inlined methods where they really are, not at the last safepoint
        cmd.add("-XX:+UnlockDiagnosticVMOptions");
        cmd.add("-XX:+DebugNonSafepoints");
        cmd.add("-jar");
        cmd.add(jar.toAbsolutePath().toString());
        cmd.add("--port");
        cmd.add(Integer.toString(port));
        return cmd;
    }

    /**
     * Starts the server under the profiler on a free loopback port and waits until it answers an
     * inline PING (see {@link ServerProcess#start}).
     *
     * @param log receives the server's output (its connection log and the agent's messages)
     * @throws IOException if it exits or stays silent; the message ends with its log
     */
    public static ServerProcess start(Path jar, Path library, SamplingMode mode, Path html, String title, Path log)
            throws IOException, InterruptedException {
        // run in the log's directory: a lab that writes files where it runs (lab 4's snapshot) writes them there
        return ServerProcess.start(port -> command(jar, port, library, mode, html, title), log.toAbsolutePath().getParent(), log);
    }
}
