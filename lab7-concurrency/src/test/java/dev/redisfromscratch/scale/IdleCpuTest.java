package dev.redisfromscratch.scale;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The loop never spins: lab 7's server, in its own process with 100 idle clients, uses almost no
 * CPU over 3 seconds, read from {@code /proc/<pid>/stat} (user + system ticks, 100 a second).
 *
 * <p>The bound, {@value #MAX_TICKS} ticks in 3 s (5% of one core): the cron at {@code hz} 10 is 30
 * wakeups of microseconds, and the JVM's own threads (GC, the JIT finishing compilations, its
 * periodic tasks) account for the rest. A loop that spins uses ~300 ticks in 3 s; one that wakes
 * once per millisecond ~30. The event loop's thread alone (found by its name in
 * {@code /proc/<pid>/task/*}{@code /comm}) is reported, and bounded by {@value #MAX_LOOP_TICKS}.
 *
 * <p>Redis: {@code ae.c}, {@code aeProcessEvents} (the wait's timeout is the nearest timer).
 */
@Tag("scale")
class IdleCpuTest {
    static final int CLIENTS = 100;
    static final long MAX_TICKS = 15;
    static final long MAX_LOOP_TICKS = 5;

    @Test
    void anIdleServerWithAHundredClientsUsesAlmostNoCpu() throws Exception {
        try (ServerProcess server = ServerProcess.start()) {
            List<SocketChannel> clients = new ArrayList<>();
            try {
                for (int i = 0; i < CLIENTS; i++) {
                    SocketChannel c = SocketChannel.open(new InetSocketAddress("127.0.0.1", server.port));
                    c.write(ByteBuffer.wrap("PING\r\n".getBytes(StandardCharsets.US_ASCII)));
                    c.read(ByteBuffer.allocate(16)); // +PONG: each is a client now
                    clients.add(c);
                }
                long before = server.cpuTicks();
                OptionalLong loopBefore = server.loopThreadTicks();
                // the timer: 3 s of an idle server (the process does not end meanwhile)
                assertThat(server.process.waitFor(3, TimeUnit.SECONDS)).as("the server kept running").isFalse();
                long used = server.cpuTicks() - before;
                OptionalLong loopAfter = server.loopThreadTicks();
                String loopReport = loopBefore.isPresent() && loopAfter.isPresent()
                        ? (loopAfter.getAsLong() - loopBefore.getAsLong()) + " ticks" : "no event-loop thread found";
                System.out.println("idle server, " + CLIENTS + " clients, 3 s: process " + used
                        + " ticks, event loop thread " + loopReport);
                assertThat(used).as("CPU ticks of the idle server over 3 s (100 per second)").isLessThanOrEqualTo(MAX_TICKS);
                if (loopBefore.isPresent() && loopAfter.isPresent()) {
                    assertThat(loopAfter.getAsLong() - loopBefore.getAsLong()).as("the event loop thread's ticks")
                            .isLessThanOrEqualTo(MAX_LOOP_TICKS);
                }
            } catch (IOException | AssertionError e) {
                throw server.failed(e);
            } finally {
                for (SocketChannel c : clients) {
                    close(c);
                }
            }
        }
    }

    private static void close(SocketChannel c) throws IOException {
        c.close();
    }
}
