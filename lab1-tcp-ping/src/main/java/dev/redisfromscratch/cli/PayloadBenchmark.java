package dev.redisfromscratch.cli;

import java.io.Closeable;
import java.io.IOException;
import java.io.PrintStream;
import java.util.Arrays;
import org.HdrHistogram.Histogram;

/**
 * The client's benchmark mode: sends payloads from 1 KB to 100 KB and prints the round-trip time
 * per size. This is an end-to-end demonstration for the terminal, not a measurement of our code:
 * the labs' JMH benchmarks do that.
 *
 * <p>For each size it opens a fresh connection, sends a few warm-up requests, then
 * {@code requests} timed ones, and records each round trip (µs) in an HdrHistogram. A size the
 * server rejects (lab 1's inline limit is 64 KiB) is reported with the server's error instead of
 * timings.
 */
public final class PayloadBenchmark {
    /** Payload sizes, in KiB. */
    public static final int[] SIZES_KIB = {1, 4, 16, 32, 64, 100};
    private static final int WARMUP = 20;

    /** One open connection that can send a payload and wait for the reply. */
    public interface Session extends Closeable {
        /**
         * Sends {@code payload} in one request and waits for the reply.
         *
         * @throws IOException on connection failure, or with the server's error text if it
         *     replied with an error
         */
        void roundTrip(byte[] payload) throws IOException;
    }

    /** Opens a new {@link Session}. */
    @FunctionalInterface
    public interface Connector {
        /** @return a connected session */
        Session open() throws IOException;
    }

    private PayloadBenchmark() {
    }

    /**
     * Runs every size and prints the table to {@code out}.
     *
     * @param what a description of the request, e.g. {@code "inline ECHO <payload>"}
     * @param requests timed requests per size
     */
    public static void run(String what, Connector connector, int requests, PrintStream out) {
        out.printf("Round trips of %s, %d requests per size, one connection per size%n", what, requests);
        out.printf("%9s %9s %10s %10s %10s %10s%n", "payload", "requests", "avg µs", "p50 µs", "p99 µs", "MB/s");
        for (int kib : SIZES_KIB) {
            byte[] payload = new byte[kib * 1024];
            Arrays.fill(payload, (byte) 'x');
            Histogram micros = new Histogram(60_000_000L, 3);
            try (Session session = connector.open()) {
                for (int i = 0; i < WARMUP; i++) {
                    session.roundTrip(payload);
                }
                for (int i = 0; i < requests; i++) {
                    long start = System.nanoTime();
                    session.roundTrip(payload);
                    micros.recordValue(Math.max(1, (System.nanoTime() - start) / 1_000));
                }
                double avg = micros.getMean();
                double mbPerSec = payload.length / avg; // bytes per µs == MB/s
                out.printf("%6d KB %9d %10.1f %10d %10d %10.1f%n", kib, requests, avg,
                        micros.getValueAtPercentile(50), micros.getValueAtPercentile(99), mbPerSec);
            } catch (IOException e) {
                out.printf("%6d KB  rejected: %s%n", kib, e.getMessage());
            }
        }
    }
}
