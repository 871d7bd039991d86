package dev.redisfromscratch.clients;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.redisfromscratch.client.Client;
import dev.redisfromscratch.client.ClientFlag;
import dev.redisfromscratch.config.ServerConfig;
import dev.redisfromscratch.protocol.InlineFramer;
import dev.redisfromscratch.testkit.ManualClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Redis's output buffer limits: the classes, the hard limit, the soft limit's seconds, the syntax. */
class OutputBufferLimitTest {
    private static final long MB = 1024 * 1024;

    private final ManualClock clock = new ManualClock();
    private final ServerConfig config = new ServerConfig();
    private final List<String> log = new ArrayList<>();
    private final OutputBufferLimit limit = new OutputBufferLimit(config, clock, log::add);

    /** A connection whose pending output the test sets. */
    private static final class FakeConnection implements ClientConnection {
        final Client client = new Client("127.0.0.1:40000", new InlineFramer());
        long pending;
        boolean closed;

        @Override public Client client() { return client; }
        @Override public String localAddress() { return "127.0.0.1:6379"; }
        @Override public int fd() { return -1; }
        @Override public long createdMillis() { return 0; }
        @Override public long lastInteractionMillis() { return 0; }
        @Override public long pendingOutputBytes() { return pending; }
        @Override public void close() { closed = true; }
    }

    private FakeConnection subscriber(long pending) {
        FakeConnection c = new FakeConnection();
        c.client.set(ClientFlag.PUBSUB);
        c.pending = pending;
        return c;
    }

    @Test
    void aSubscriberAtTheHardLimitIsClosedAtOnceWithRedisLogLine() {
        FakeConnection below = subscriber(32 * MB - 1);
        FakeConnection at = subscriber(32 * MB);

        assertThat(limit.closeAsyncIfReached(below)).isFalse();
        assertThat(limit.closeAsyncIfReached(at)).isTrue();
        assertThat(at.closed).isTrue();
        assertThat(limit.isClosing(at.client)).isTrue();
        assertThat(log).containsExactly("Client id=" + at.client.id()
                + " addr=127.0.0.1:40000 laddr=127.0.0.1:6379 fd=-1 name="
                + " scheduled to be closed ASAP for overcoming of output buffer limits.");

        assertThat(limit.closeAsyncIfReached(at)).isTrue(); // once scheduled, not logged again
        assertThat(log).hasSize(1);
    }

    @Test
    void overTheSoftLimitForMoreThanItsSecondsCloses() {
        FakeConnection c = subscriber(8 * MB);
        assertThat(limit.closeAsyncIfReached(c)).isFalse(); // the clock starts
        clock.advance(Duration.ofSeconds(60));
        assertThat(limit.closeAsyncIfReached(c)).isFalse(); // 60 s is not more than 60 s
        clock.advance(Duration.ofSeconds(1));
        assertThat(limit.closeIfReached(c)).isTrue();       // the cron's check
        assertThat(log).singleElement().asString().endsWith(" closed for overcoming of output buffer limits.");
    }

    @Test
    void goingBelowTheSoftLimitRestartsItsClock() {
        FakeConnection c = subscriber(9 * MB);
        limit.closeAsyncIfReached(c);
        clock.advance(Duration.ofSeconds(59));
        c.pending = MB;
        limit.closeAsyncIfReached(c);
        c.pending = 9 * MB;
        limit.closeAsyncIfReached(c);
        clock.advance(Duration.ofSeconds(59));
        assertThat(limit.closeAsyncIfReached(c)).isFalse();
    }

    @Test
    void aNormalClientHasNoLimitByDefaultAndTheParameterChangesThatAtOnce() {
        FakeConnection normal = new FakeConnection();
        normal.pending = 1024 * MB;
        assertThat(limit.closeAsyncIfReached(normal)).isFalse();

        config.set(OutputBufferLimit.PARAMETER, "normal 1mb 0 0");
        assertThat(limit.closeAsyncIfReached(normal)).isTrue();
        assertThat(limit.limits().get(OutputBufferLimit.ClientClass.PUBSUB))
                .isEqualTo(new OutputBufferLimit.Limit(32 * MB, 8 * MB, 60)); // the others keep Redis's
    }

    @Test
    void theParameterIsRedisSyntax() {
        Map<OutputBufferLimit.ClientClass, OutputBufferLimit.Limit> parsed =
                OutputBufferLimit.parse("replica 256mb 64mb 60 pubsub 1gb 64k 5 normal 100 0 0");
        assertThat(parsed.get(OutputBufferLimit.ClientClass.REPLICA)).isEqualTo(new OutputBufferLimit.Limit(256 * MB, 64 * MB, 60));
        assertThat(parsed.get(OutputBufferLimit.ClientClass.PUBSUB)).isEqualTo(new OutputBufferLimit.Limit(1024 * MB, 64_000, 5));
        assertThat(parsed.get(OutputBufferLimit.ClientClass.NORMAL)).isEqualTo(new OutputBufferLimit.Limit(100, 0, 0));
        assertThatThrownBy(() -> OutputBufferLimit.parse("pubsub 1 2")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> OutputBufferLimit.parse("nobody 1 2 3")).isInstanceOf(IllegalArgumentException.class);
    }
}
