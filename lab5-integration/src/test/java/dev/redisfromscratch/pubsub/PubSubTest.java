package dev.redisfromscratch.pubsub;

import static org.assertj.core.api.Assertions.assertThat;

import dev.redisfromscratch.server.Dialogue;
import dev.redisfromscratch.server.IntegratedServerFixture;
import dev.redisfromscratch.testkit.RawClient;
import dev.redisfromscratch.testkit.grading.Points;
import dev.redisfromscratch.testkit.grading.Stage;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * Publish/subscribe on lab 5's server: messages pushed to a subscriber that is not sending
 * anything (its thread is woken to send them), the subscribed client's restricted commands, a
 * subscriber that leaves, and one that never reads.
 */
@Stage(lab = 5, value = 3)
class PubSubTest {
    @Test
    @Points(3)
    void aMessageIsPushedToAnIdleSubscriberAsItIsPublished() throws Exception {
        try (IntegratedServerFixture f = IntegratedServerFixture.start();
             RawClient subscriber = RawClient.connect(f.port);
             Dialogue publisher = Dialogue.open(f.port, 1)) {
            subscriber.send("SUBSCRIBE news\r\n").read("*3\r\n$9\r\nsubscribe\r\n$4\r\nnews\r\n:1\r\n");

            assertThat(publisher.send(0, "PUBLISH", "news", "hello")).isEqualTo(":1\r\n");
            // the subscriber sent nothing since: its thread was woken to send the push
            subscriber.read("*3\r\n$7\r\nmessage\r\n$4\r\nnews\r\n$5\r\nhello\r\n");

            subscriber.send("PSUBSCRIBE n*\r\n").read("*3\r\n$10\r\npsubscribe\r\n$2\r\nn*\r\n:2\r\n");
            assertThat(publisher.send(0, "PUBLISH", "news", "again")).isEqualTo(":2\r\n");
            subscriber.read("*3\r\n$7\r\nmessage\r\n$4\r\nnews\r\n$5\r\nagain\r\n"
                    + "*4\r\n$8\r\npmessage\r\n$2\r\nn*\r\n$4\r\nnews\r\n$5\r\nagain\r\n");
            assertThat(publisher.send(0, "PUBLISH", "nope", "x")).isEqualTo(":1\r\n");
            subscriber.read("*4\r\n$8\r\npmessage\r\n$2\r\nn*\r\n$4\r\nnope\r\n$1\r\nx\r\n");
        }
    }

    @Test
    @Points(2)
    void aSubscribedClientMayOnlyManageItsSubscriptionsPingQuitOrReset() throws Exception {
        try (IntegratedServerFixture f = IntegratedServerFixture.start(); Dialogue d = Dialogue.open(f.port, 1)) {
            d.send(0, "SUBSCRIBE", "c");
            assertThat(d.send(0, "GET", "k")).isEqualTo("-ERR Can't execute 'get': only (P|S)SUBSCRIBE / "
                    + "(P|S)UNSUBSCRIBE / PING / QUIT / RESET are allowed in this context\r\n");
            assertThat(d.send(0, "CONFIG", "GET", "timeout")).startsWith("-ERR Can't execute 'config|get': ");
            assertThat(d.sendRaw(0, "PING\r\n")).isEqualTo("*2\r\n$4\r\npong\r\n$0\r\n\r\n");
            assertThat(d.send(0, "UNSUBSCRIBE")).isEqualTo("*3\r\n$11\r\nunsubscribe\r\n$1\r\nc\r\n:0\r\n");
            assertThat(d.send(0, "GET", "k")).isEqualTo("$-1\r\n"); // out of subscribed mode
            assertThat(d.sendRaw(0, "PING\r\n")).isEqualTo("+PONG\r\n");
        }
    }

    @Test
    @Points(2)
    void aSubscriberThatVanishesLeavesNoSubscriptionBehind() throws Exception {
        try (IntegratedServerFixture f = IntegratedServerFixture.start(); Dialogue d = Dialogue.open(f.port, 1)) {
            RawClient gone = RawClient.connect(f.port);
            gone.send("SUBSCRIBE a b\r\nPSUBSCRIBE a*\r\n").read("*3\r\n$9\r\nsubscribe\r\n$1\r\na\r\n:1\r\n"
                    + "*3\r\n$9\r\nsubscribe\r\n$1\r\nb\r\n:2\r\n*3\r\n$10\r\npsubscribe\r\n$2\r\na*\r\n:3\r\n");
            assertThat(d.send(0, "PUBSUB", "NUMSUB", "a", "b")).isEqualTo("*4\r\n$1\r\na\r\n:1\r\n$1\r\nb\r\n:1\r\n");
            gone.close();

            awaitEqual(d, "PUBSUB NUMSUB a b\r\n", "*4\r\n$1\r\na\r\n:0\r\n$1\r\nb\r\n:0\r\n");
            assertThat(d.send(0, "PUBSUB", "NUMPAT")).isEqualTo(":0\r\n");
            assertThat(d.send(0, "PUBLISH", "a", "anyone?")).isEqualTo(":0\r\n");
        }
    }

    /**
     * A subscriber that never reads: messages pile up in its output buffer while the publisher
     * keeps being answered at once. Past {@code pubsub 32mb 8mb 60}'s hard limit it is closed, with
     * Redis's log line, and its subscription goes with it.
     */
    @Test
    @Points(3)
    void aSubscriberThatNeverReadsIsClosedAtTheHardLimitWhileThePublisherIsServed() throws Exception {
        try (IntegratedServerFixture f = IntegratedServerFixture.start(); Dialogue publisher = Dialogue.open(f.port, 1);
             Socket stuck = new Socket()) {
            stuck.setReceiveBufferSize(64 * 1024);
            stuck.connect(new InetSocketAddress("127.0.0.1", f.port));
            stuck.setSoTimeout(10_000);
            stuck.getOutputStream().write("SUBSCRIBE firehose\r\n".getBytes(StandardCharsets.US_ASCII));
            awaitEqual(publisher, "PUBSUB NUMSUB firehose\r\n", "*2\r\n$8\r\nfirehose\r\n:1\r\n");

            String payload = "x".repeat(1024 * 1024);
            int published = 0;
            while (f.log.stream().noneMatch(line -> line.contains("overcoming of output buffer limits"))) {
                assertThat(published).as("publishes before the limit closed the subscriber").isLessThan(200);
                assertThat(publisher.send(0, "PUBLISH", "firehose", payload)).isEqualTo(":1\r\n");
                published++;
            }
            assertThat(published).isGreaterThanOrEqualTo(20); // 32 MB, less what the sockets' buffers took

            assertThat(f.log).anyMatch(line -> line.matches("Client id=\\d+ addr=127\\.0\\.0\\.1:\\d+ .*"
                    + " scheduled to be closed ASAP for overcoming of output buffer limits\\."));
            awaitEqual(publisher, "PUBSUB NUMSUB firehose\r\n", "*2\r\n$8\r\nfirehose\r\n:0\r\n");
            assertThat(publisher.send(0, "PUBLISH", "firehose", "anyone?")).isEqualTo(":0\r\n");
            assertThat(drainUntilClosed(stuck.getInputStream())).isGreaterThan(0); // what was sent, then the end
        }
    }

    /** Reads until the server's close arrives; returns how many bytes came first. */
    private static long drainUntilClosed(InputStream in) throws IOException {
        byte[] buf = new byte[1 << 16];
        long total = 0;
        try {
            for (int n; (n = in.read(buf)) >= 0; ) {
                total += n;
            }
        } catch (java.net.SocketException reset) {
            // closed with unread bytes on its side: a reset is a close too
        }
        return total;
    }

    /** Sends {@code request} until it answers {@code expected}: the server notices a closed client on its own thread. */
    private static void awaitEqual(Dialogue d, String request, String expected) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        String got;
        while (!(got = d.sendRaw(0, request)).equals(expected)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("still " + RawClient.show(got.getBytes(StandardCharsets.ISO_8859_1)));
            }
            Thread.yield();
        }
        assertThat(Arrays.asList(got)).containsExactly(expected);
    }
}
