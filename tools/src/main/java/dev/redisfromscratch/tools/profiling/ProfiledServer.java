package dev.redisfromscratch.tools.profiling;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A lab's server in its own JVM with async-profiler loaded as an agent from the start
 * ({@code -agentpath:libasyncProfiler.so=start,event=...,file=flamegraph.html}; the sampling
 * options come from {@link SamplingMode#agentOptions()}). The agent writes
 * the flame graph when that JVM exits, so {@link #stop()} ends it the way Ctrl+C does: SIGTERM,
 * which runs the lab's shutdown hook and then the agent's dump.
 */
public final class ProfiledServer {
    /** How long the server may take to answer its first PING, in seconds. */
    static final int START_SECONDS = 30;
    /** How long it may take to exit and write the flame graph after SIGTERM, in seconds. */
    static final int STOP_SECONDS = 30;

    private final Process process;
    private final int port;
    private final Path log;

    private ProfiledServer(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
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
     * Starts the server on a free loopback port and waits until it answers an inline PING (every
     * lab accepts inline commands). Another process may take the port between the check and the
     * server's bind; then it tries another (three attempts).
     *
     * @param log receives the server's output (its connection log and the agent's messages)
     * @throws IOException if it exits or stays silent; the message ends with its log
     */
    public static ProfiledServer start(Path jar, Path library, SamplingMode mode, Path html, String title, Path log)
            throws IOException, InterruptedException {
        IOException last = null;
        for (int attempt = 0; attempt < 3; attempt++) {
            int port = freePort();
            List<String> cmd = command(jar, port, library, mode, html, title);
            // run in the log's directory: a lab that writes files where it runs (lab 4's snapshot) writes them there
            Process p = new ProcessBuilder(cmd).directory(log.toAbsolutePath().getParent().toFile())
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start();
            ProfiledServer server = new ProfiledServer(p, port, log);
            try {
                server.awaitPong();
                return server;
            } catch (IOException e) {
                last = e;
                p.destroyForcibly().waitFor();
            }
        }
        throw last;
    }

    /** @return the port it listens on, on 127.0.0.1 */
    public int port() {
        return port;
    }

    /** @return the process, for its pid and command line */
    public ProcessHandle handle() {
        return process.toHandle();
    }

    private void awaitPong() throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(START_SECONDS);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IOException("the server exited with status " + process.exitValue() + ":\n" + logText());
            }
            if (answersPing()) {
                return;
            }
            Thread.sleep(50); // a JVM starting up: poll its port
        }
        throw new IOException("the server did not answer PING on port " + port + " within " + START_SECONDS
                + " s:\n" + logText());
    }

    private boolean answersPing() {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 1000);
            s.setSoTimeout(5000);
            OutputStream out = s.getOutputStream();
            out.write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = s.getInputStream();
            byte[] reply = in.readNBytes(7);
            return new String(reply, StandardCharsets.US_ASCII).equals("+PONG\r\n");
        } catch (IOException notYet) {
            return false;
        }
    }

    /**
     * Sends SIGTERM and waits for the JVM to exit (its shutdown hook closes the server, then the
     * agent writes the flame graph).
     *
     * @return the exit status
     * @throws IOException if it has not exited within {@value #STOP_SECONDS} s (it is then killed,
     *     and no flame graph is written)
     */
    public int stop() throws IOException, InterruptedException {
        process.destroy(); // SIGTERM on Linux
        if (!process.waitFor(STOP_SECONDS, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
            throw new IOException("the server did not exit within " + STOP_SECONDS + " s of SIGTERM; killed it");
        }
        return process.exitValue();
    }

    private String logText() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
