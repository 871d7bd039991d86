package dev.redisfromscratch.blocking;

import static org.assertj.core.api.Assertions.assertThat;

import dev.redisfromscratch.client.Client;
import dev.redisfromscratch.client.ClientFlag;
import dev.redisfromscratch.encoding.EncodingLimits;
import dev.redisfromscratch.lists.ListEnd;
import dev.redisfromscratch.lists.ListValue;
import dev.redisfromscratch.protocol.InlineFramer;
import dev.redisfromscratch.store.Databases;
import dev.redisfromscratch.store.Key;
import dev.redisfromscratch.testkit.ManualClock;
import dev.redisfromscratch.testkit.grading.Points;
import dev.redisfromscratch.testkit.grading.Stage;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@link BlockedClients} on its own, without sockets: {@code block} queues a client on each of its
 * keys and flags it; {@code serveReadyKeys} serves the clients of each ready key first come, first
 * served, while the list lasts, writing their replies into their reply buffers and propagating
 * the pops; {@code timeOut} answers those past their deadline.
 */
@Stage(lab = 6, value = 3)
class BlockedClientsTest {
    private final ManualClock clock = new ManualClock();
    private final Databases dbs = new Databases(16, clock);
    private final List<String> propagated = new ArrayList<>();
    private final BlockedClients blocked = new BlockedClients(dbs, (db, argv) -> propagated.add(db + " " + text(argv)));
    private final Client first = client();
    private final Client second = client();
    private final Client third = client();

    @Test
    @Points(1)
    void blockQueuesTheClientOnEachKeyOnceAndFlagsIt() {
        blocked.block(first, args("a", "b", "a"), Timeout.FOREVER, new BlockedPop.Pop(ListEnd.LEFT));

        assertThat(first.has(ClientFlag.BLOCKED)).isTrue();
        assertThat(blocked.count()).isEqualTo(1);
        assertThat(blocked.keyCount()).isEqualTo(2);
        assertThat(blocked.blocked(first).keys()).containsExactly(Key.of("a"), Key.of("b"));
        assertThat(replies(first)).isEmpty();
    }

    @Test
    @Points(2)
    void aReadyKeyServesItsClientsInTheOrderTheyBlockedWhileTheListLasts() {
        blocked.block(first, args("k"), Timeout.FOREVER, new BlockedPop.Pop(ListEnd.LEFT));
        blocked.block(second, args("other", "k"), Timeout.FOREVER, new BlockedPop.Pop(ListEnd.RIGHT));
        blocked.block(third, args("k"), Timeout.FOREVER, new BlockedPop.Pop(ListEnd.LEFT));
        list("k", "x", "y");
        blocked.signalKeyAsReady(0, Key.of("k"));
        blocked.signalKeyAsReady(0, Key.of("k")); // twice: served once

        blocked.serveReadyKeys();

        assertThat(replies(first)).isEqualTo("*2\r\n$1\r\nk\r\n$1\r\nx\r\n");
        assertThat(replies(second)).isEqualTo("*2\r\n$1\r\nk\r\n$1\r\ny\r\n");
        assertThat(replies(third)).isEmpty();
        assertThat(first.has(ClientFlag.BLOCKED)).isFalse();
        assertThat(third.has(ClientFlag.BLOCKED)).isTrue();
        assertThat(blocked.keyCount()).isEqualTo(1); // "other" went with its only client
        assertThat(dbs.db(0).exists(b("k"))).isFalse(); // emptied: deleted
        assertThat(propagated).containsExactly("0 LPOP k", "0 RPOP k");
        assertThat(blocked.hasReadyKeys()).isFalse();
    }

    @Test
    @Points(1)
    void aKeyMadeReadyWhileServingIsServedInTheSameCall() {
        EncodingLimits limits = EncodingLimits.defaults();
        blocked.block(first, args("src"), Timeout.FOREVER, new BlockedPop.Move(b("dst"), ListEnd.LEFT, ListEnd.RIGHT, false, limits));
        blocked.block(second, args("dst"), Timeout.FOREVER, new BlockedPop.MultiPop(ListEnd.LEFT, 5));
        list("src", "v");
        blocked.signalKeyAsReady(0, Key.of("src"));
        dbs.db(0).addListener(new dev.redisfromscratch.store.KeyspaceListener() {
            @Override
            public void keyExpired(Key key) {
            }

            @Override
            public void keyAdded(Key key, Object value) {
                blocked.signalKeyAsReady(0, key); // what BlockingCommands wires
            }
        });

        blocked.serveReadyKeys();

        assertThat(replies(first)).isEqualTo("$1\r\nv\r\n");
        assertThat(replies(second)).isEqualTo("*2\r\n$3\r\ndst\r\n*1\r\n$1\r\nv\r\n");
        assertThat(propagated).containsExactly("0 LMOVE src dst left right", "0 LPOP dst 1");
        assertThat(blocked.count()).isZero();
    }

    @Test
    @Points(1)
    void aKeyHoldingNoListServesNobody() {
        blocked.block(first, args("k"), Timeout.FOREVER, new BlockedPop.Pop(ListEnd.LEFT));
        dbs.db(0).set(b("k"), b("a string"));
        blocked.signalKeyAsReady(0, Key.of("k"));
        blocked.signalKeyAsReady(0, Key.of("never-waited-on"));

        blocked.serveReadyKeys();

        assertThat(first.has(ClientFlag.BLOCKED)).isTrue();
        assertThat(replies(first)).isEmpty();
    }

    @Test
    @Points(1)
    void aDeadlinePassesStrictlyAfterItsTime() {
        long now = clock.millis();
        blocked.block(first, args("k"), now + 100, new BlockedPop.Pop(ListEnd.LEFT));
        blocked.block(second, args("k"), Timeout.FOREVER, new BlockedPop.Pop(ListEnd.LEFT));

        assertThat(blocked.timeOut(now + 100)).isZero();
        assertThat(blocked.timeOut(now + 101)).isEqualTo(1);
        assertThat(replies(first)).isEqualTo("*-1\r\n");
        assertThat(first.has(ClientFlag.BLOCKED)).isFalse();
        assertThat(blocked.timeOut(Long.MAX_VALUE)).isZero(); // 0 waits for ever
        assertThat(second.has(ClientFlag.BLOCKED)).isTrue();
    }

    @Test
    @Points(1)
    void aClientUnblockedWithoutAReplyLeavesEveryQueue() {
        blocked.block(first, args("a", "b"), clock.millis() + 10, new BlockedPop.Pop(ListEnd.LEFT));
        assertThat(blocked.unblock(first)).isTrue();
        assertThat(blocked.unblock(first)).isFalse();
        assertThat(blocked.keyCount()).isZero();
        assertThat(blocked.timeOut(Long.MAX_VALUE)).isZero();
        assertThat(first.has(ClientFlag.BLOCKED)).isFalse();
    }

    private void list(String key, String... elements) {
        ListValue list = new ListValue();
        for (String e : elements) {
            list.pushTail(b(e), EncodingLimits.defaults());
        }
        dbs.db(0).put(b(key), list);
    }

    private static Client client() {
        return new Client("127.0.0.1:1", new InlineFramer());
    }

    private static String replies(Client c) {
        return new String(c.reply().toByteArray(), StandardCharsets.ISO_8859_1);
    }

    private static List<byte[]> args(String... keys) {
        return java.util.Arrays.stream(keys).map(BlockedClientsTest::b).toList();
    }

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    private static String text(List<byte[]> argv) {
        return String.join(" ", argv.stream().map(a -> new String(a, StandardCharsets.ISO_8859_1)).toList());
    }
}
