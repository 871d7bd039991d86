package dev.redisfromscratch.tools.load;

import static org.assertj.core.api.Assertions.assertThat;

import dev.redisfromscratch.tools.load.LoadGenerator.LoadResult;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

/** The coordinated-omission correction: what it adds, and only when something stalled. */
class LatencyReportTest {
    private static final long MICROS = 1_000;
    private static final long MILLIS = 1_000_000;

    @Test
    void aSteadyRunGetsNoExtraSamples() {
        Histogram raw = LoadGenerator.newHistogram();
        for (int i = 0; i < 1000; i++) {
            raw.recordValue(100 * MICROS + i); // 100 µs, give or take a microsecond
        }
        LatencyReport report = LatencyReport.of(raw);
        assertThat(report.expectedIntervalNanos()).isBetween(100 * MICROS, 101 * MICROS);
        assertThat(report.addedSamples()).isZero();
        assertThat(report.millis(99)).isEqualTo(report.rawMillis(99));
    }

    @Test
    void oneStallBecomesTheRequestsThatWouldHaveWaitedForIt() {
        Histogram raw = LoadGenerator.newHistogram();
        for (int i = 0; i < 999; i++) {
            raw.recordValue(100 * MICROS);
        }
        raw.recordValue(100 * MILLIS); // one 100 ms stall: one sample of 1000
        LatencyReport report = LatencyReport.of(raw);

        // a client sending every 100 µs would have sent ~1000 requests during the stall, waiting
        // 100 ms, 99.9 ms, ..., 0.2 ms for it
        assertThat(report.addedSamples()).isBetween(990L, 1000L);
        assertThat(report.rawMillis(99)).isLessThan(0.2);
        assertThat(report.millis(99)).isGreaterThan(90.0);
        assertThat(report.summaryMillis()).isSorted();
        assertThat(report.maxMillis()).isEqualTo(report.corrected().getMaxValue() / 1e6);
    }

    /**
     * A real server (in the test, on a real socket) that answers {@code SET} at once but stalls
     * 300 ms once, before its 100th reply: the raw p99 hides the stall, the corrected one shows it.
     */
    @Test
    void aServerThatStallsOnceShowsInTheCorrectedTailNotTheRawOne() throws Exception {
        try (ServerSocket listener = new ServerSocket(0)) {
            CountDownLatch served = new CountDownLatch(1);
            Thread server = new Thread(() -> serveWithOneStall(listener, 100, 300, served), "stalling-server");
            server.setDaemon(true);
            server.start();
            LoadResult result = new LoadGenerator(new InetSocketAddress("127.0.0.1", listener.getLocalPort()),
                    Workload.setGet(1, 0, 10), 1, 1000, 1).runSessions(1);
            assertThat(served.await(10, TimeUnit.SECONDS)).isTrue();

            assertThat(result.failures()).isEmpty();
            assertThat(result.errors()).isZero();
            LatencyReport report = LatencyReport.of(result.latencies());
            assertThat(report.raw().getTotalCount()).isEqualTo(1000);
            assertThat(report.maxMillis()).isGreaterThanOrEqualTo(300.0);
            assertThat(report.rawMillis(99)).as("one slow sample of 1000 is above the raw p99").isLessThan(300.0);
            assertThat(report.addedSamples()).isPositive();
            assertThat(report.millis(99)).as("the corrected p99 sees the stall").isGreaterThan(100.0);
        }
    }

    /** Replies {@code +OK} to each RESP SET (3 arguments) of one connection; sleeps once (the stall is the point). */
    private static void serveWithOneStall(ServerSocket listener, int stallBefore, long stallMillis, CountDownLatch served) {
        try (Socket s = listener.accept()) {
            s.setTcpNoDelay(true);
            InputStream in = s.getInputStream();
            OutputStream out = s.getOutputStream();
            int replies = 0;
            int lines = 0;
            int b;
            int previous = 0;
            while ((b = in.read()) >= 0) {
                if (previous == '\r' && b == '\n' && ++lines == 7) { // *3, $3, SET, $5, key, $16, value
                    lines = 0;
                    if (++replies == stallBefore) {
                        Thread.sleep(stallMillis);
                    }
                    out.write("+OK\r\n".getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                }
                previous = b;
            }
        } catch (IOException | InterruptedException e) {
            // the client left
        } finally {
            served.countDown();
        }
    }
}
