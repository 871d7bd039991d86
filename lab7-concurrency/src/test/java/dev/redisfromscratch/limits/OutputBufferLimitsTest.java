package dev.redisfromscratch.limits;

import static org.assertj.core.api.Assertions.assertThat;

import dev.redisfromscratch.server.ConcurrencyServer;
import dev.redisfromscratch.server.IntegratedServerFixture;
import dev.redisfromscratch.testkit.RawClient;
import dev.redisfromscratch.testkit.blackbox.Request;
import dev.redisfromscratch.testkit.grading.Stage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * {@code client-output-buffer-limit}, with raw sockets that never read their replies: the client is
 * closed at its class's limit with Redis's log line, the others keep being served, and the output
 * the server held for it never exceeded the limit plus one reply (the {@code omem} of the
 * {@code CLIENT LIST} line the log carries, taken at the moment it was closed): the server's memory
 * stays bounded.
 *
 * <p>Redis 7.0.15's lines, checked against {@code redis-server}: a limit reached while a reply is
 * appended ({@code PUBLISH}, the client's own {@code GET}) logs {@code Client <info> scheduled to be
 * closed ASAP for overcoming of output buffer limits.}; the cron (the soft limit's seconds passing
 * with nothing appended) logs {@code Client <info> closed for overcoming of output buffer limits.}
 *
 * <p>Redis: {@code networking.c}, {@code closeClientOnOutputBufferLimitReached},
 * {@code checkClientOutputBufferLimits}, {@code getClientOutputBufferMemoryUsage}; {@code server.c},
 * {@code clientsCron}.
 */
class OutputBufferLimitsTest {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final int MB = 1024 * 1024;
    private static final int MESSAGE = 100_000;
    /** {@code *3 $7 message $2 ch $100000 <payload>}: one published message as the subscriber receives it, bytes. */
    private static final int MESSAGE_REPLY = ("*3\r\n$7\r\nmessage\r\n$2\r\nch\r\n$" + MESSAGE + "\r\n\r\n").length() + MESSAGE;
    private static final String SCHEDULED = " scheduled to be closed ASAP for overcoming of output buffer limits.";
    private static final String CLOSED = " closed for overcoming of output buffer limits.";

    @Test
    @Stage(lab = 7, value = 2) // a woken subscriber (or blocked client) needs stage 2's processUnblockedClients
    void aFloodedSubscriberIsClosedAtItsHardLimitAndThePublisherKeepsBeingServed() throws Exception {
        try (IntegratedServerFixture f = IntegratedServerFixture.start(ConcurrencyServer.extensions(),
                "client-output-buffer-limit", "pubsub 1mb 0 0");
             StalledClient subscriber = StalledClient.connect(f.port);
             RawClient publisher = RawClient.connect(f.port)) {
            subscribe(subscriber);
            byte[] publish = publishRequest();
            int published = 0;
            while (!LimitsLog.contains(f.log, "overcoming of output buffer limits") && published < 2000) {
                publisher.send(publish).readLine(); // :1 while it is subscribed, :0 once it is gone
                published++;
            }
            String line = LimitsLog.await(f.log, "overcoming of output buffer limits", WAIT)
                    .orElseThrow(() -> new AssertionError("never closed after " + MESSAGE + " x " + 2000 + " bytes"));
            assertThat(line).startsWith("Client id=").endsWith(SCHEDULED).contains(" flags=P ").contains(" sub=1 ");
            long omem = LimitsLog.field(line, "omem");
            assertThat(omem).as("output held for it when closed, bytes")
                    .isGreaterThanOrEqualTo(MB).isLessThan(MB + MESSAGE_REPLY);
            assertThat(subscriber.drainAndSeeClosed()).as("closed by the server").isTrue();

            assertThat(publisher.send(publish).readLine()).as("nobody subscribed any more").isEqualTo(":0\r\n");
            assertThat(publisher.send("PING\r\n").read("+PONG\r\n")).isEqualTo("+PONG\r\n");
        }
    }

    @Test
    void aNormalClientPipeliningGetsWithoutReadingIsClosedWithinOneReplyOfItsLimit() throws Exception {
        try (IntegratedServerFixture f = IntegratedServerFixture.start(ConcurrencyServer.extensions());
             RawClient other = RawClient.connect(f.port);
             StalledClient reader = StalledClient.connect(f.port)) {
            other.send("CONFIG SET client-output-buffer-limit \"normal 1mb 0 0\"\r\n").read("+OK\r\n");
            byte[] value = new byte[MESSAGE];
            Arrays.fill(value, (byte) 'v');
            other.send(Request.resp("SET", "big", new String(value, StandardCharsets.ISO_8859_1)).bytes()).read("+OK\r\n");

            byte[] gets = Request.resp("GET", "big").bytes();
            byte[] pipeline = new byte[gets.length * 2000]; // 2,000 GETs: 200 MB of replies if nothing stopped them
            for (int i = 0; i < 2000; i++) {
                System.arraycopy(gets, 0, pipeline, i * gets.length, gets.length);
            }
            try {
                reader.sendRaw(pipeline);
            } catch (IOException closedMeanwhile) {
                // closed before it took all of them
            }
            String line = LimitsLog.await(f.log, "overcoming of output buffer limits", WAIT)
                    .orElseThrow(() -> new AssertionError("never closed: " + f.log));
            assertThat(line).startsWith("Client id=").endsWith(SCHEDULED).contains(" flags=N ").contains(" cmd=get ");
            int getReply = ("$" + MESSAGE + "\r\n\r\n").length() + MESSAGE;
            assertThat(LimitsLog.field(line, "omem")).as("output held for it when closed, bytes")
                    .isGreaterThanOrEqualTo(MB).isLessThan(MB + getReply);
            assertThat(reader.drainAndSeeClosed()).as("closed by the server").isTrue();

            assertThat(other.send("STRLEN big\r\n").read(":100000\r\n")).isEqualTo(":100000\r\n");
            assertThat(other.send("CONFIG GET client-output-buffer-limit\r\n").readLine()).isEqualTo("*2\r\n");
        }
    }

    @Test
    @Stage(lab = 7, value = 2) // a woken subscriber (or blocked client) needs stage 2's processUnblockedClients
    void aSubscriberOverItsSoftLimitIsClosedByTheCronOnlyOnceItsSecondsHavePassed() throws Exception {
        try (IntegratedServerFixture f = IntegratedServerFixture.start(ConcurrencyServer.extensions(),
                "client-output-buffer-limit", "pubsub 0 256kb 10");
             StalledClient subscriber = StalledClient.connect(f.port);
             RawClient publisher = RawClient.connect(f.port)) {
            subscribe(subscriber);
            byte[] publish = publishRequest();
            long omem = 0;
            for (int i = 0; i < 2000 && omem < 256 * 1024; i++) {
                publisher.send(publish).read(":1\r\n");
                omem = subscriberOmem(publisher);
            }
            assertThat(omem).as("output held for the subscriber, bytes").isGreaterThanOrEqualTo(256 * 1024);

            f.clock.advance(Duration.ofSeconds(10)); // over the soft limit for 10 s: not longer than 10 yet
            assertThat(publisher.send(publish).read(":1\r\n")).as("still subscribed").isEqualTo(":1\r\n");
            f.clock.advance(Duration.ofSeconds(1)); // 11 s: the cron closes it
            String line = LimitsLog.await(f.log, "overcoming of output buffer limits", WAIT)
                    .orElseThrow(() -> new AssertionError("never closed: " + f.log));
            assertThat(line).startsWith("Client id=").endsWith(CLOSED).contains(" flags=P ");
            assertThat(LimitsLog.field(line, "omem")).as("output held for it when closed, bytes")
                    .isGreaterThanOrEqualTo(256 * 1024).isLessThan(256 * 1024 + 2L * MESSAGE_REPLY);
            assertThat(subscriber.drainAndSeeClosed()).as("closed by the server").isTrue();
            assertThat(publisher.send("PING\r\n").read("+PONG\r\n")).isEqualTo("+PONG\r\n");
        }
    }

    private static void subscribe(StalledClient subscriber) throws IOException {
        String confirmation = "*3\r\n$9\r\nsubscribe\r\n$2\r\nch\r\n:1\r\n";
        assertThat(subscriber.send("SUBSCRIBE", "ch").read(confirmation)).isEqualTo(confirmation);
    }

    private static byte[] publishRequest() {
        byte[] payload = new byte[MESSAGE];
        Arrays.fill(payload, (byte) 'm');
        return Request.resp("PUBLISH", "ch", new String(payload, StandardCharsets.ISO_8859_1)).bytes();
    }

    /** @return the {@code omem} of the subscribed client in {@code CLIENT LIST}, asked on {@code c} */
    private static long subscriberOmem(RawClient c) throws IOException {
        c.send("CLIENT LIST\r\n");
        String header = c.readLine();
        int n = Integer.parseInt(header.substring(1, header.length() - 2));
        String list = new String(c.readExactly(n + 2), StandardCharsets.ISO_8859_1);
        Matcher m = Pattern.compile("flags=P .* omem=(\\d+)").matcher(list);
        return m.find() ? Long.parseLong(m.group(1)) : 0;
    }
}
