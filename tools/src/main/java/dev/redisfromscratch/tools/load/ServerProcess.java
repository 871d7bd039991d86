package dev.redisfromscratch.tools.load;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;

/**
 * A server in a process of its own on a free loopback port: a lab's jar ({@code java -jar
 * labN.jar --port P}, under async-profiler for {@code ./lab profile}) or a real
 * {@code redis-server}. It is ready once it answers an inline {@code PING} (every lab, and Redis,
 * accept inline commands); {@link #stop()} ends it the way Ctrl+C does: SIGTERM, which runs a lab's
 * shutdown hook (and the profiler agent's dump).
 */
public final class ServerProcess {
    /** How long the server may take to answer its first PING, in seconds. */
    static final int START_SECONDS = 30;
    /** How long it may take to exit after SIGTERM, in seconds. */
    static final int STOP_SECONDS = 30;

    private final Process process;
    private final int port;
    private final Path log;

    private ServerProcess(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    /**
     * Starts the server on a free loopback port and waits until it answers an inline PING.
     * Another process may take the port between the check and the server's bind; then it tries
     * another (three attempts).
     *
     * @param command the command line for a port
     * @param workDir where it runs (a lab that writes files where it runs, lab 4's snapshot, writes them there)
     * @param log receives the server's output
     * @throws IOException if it exits or stays silent; the message ends with its log
     */
    public static ServerProcess start(IntFunction<List<String>> command, Path workDir, Path log)
            throws IOException, InterruptedException {
        IOException last = null;
        for (int attempt = 0; attempt < 3; attempt++) {
            int port = freePort();
            Process p = new ProcessBuilder(command.apply(port)).directory(workDir.toFile())
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start();
            ServerProcess server = new ServerProcess(p, port, log);
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
     * Sends SIGTERM and waits for the process to exit (a lab's shutdown hook closes the server; under
     * the profiler, the agent then writes the flame graph).
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
