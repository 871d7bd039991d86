package dev.redisfromscratch.multi;

import static org.assertj.core.api.Assertions.assertThat;

import dev.redisfromscratch.client.Client;
import dev.redisfromscratch.command.CommandSpec;
import dev.redisfromscratch.command.CommandTable;
import dev.redisfromscratch.command.KeySpec;
import dev.redisfromscratch.protocol.InlineFramer;
import dev.redisfromscratch.store.Databases;
import dev.redisfromscratch.testkit.ManualClock;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * WATCH from the propagated stream, entry by entry, as the pipeline would hand it over after each
 * command: which keys an entry touches, and Redis 7.0's rules for whole databases
 * ({@code touchAllWatchedKeysInDb}) and for keys that had already expired.
 */
class WatchedKeysTest {
    private final ManualClock clock = new ManualClock();
    private final Databases dbs = new Databases(16, clock);
    private final CommandTable table = new CommandTable()
            .register(spec("set", -3, KeySpec.range(1, 0, 1, KeySpec.Flag.RW, KeySpec.Flag.ACCESS, KeySpec.Flag.UPDATE)))
            .register(spec("del", -2, KeySpec.range(1, -1, 1, KeySpec.Flag.RM, KeySpec.Flag.DELETE)))
            .register(spec("move", 3, KeySpec.range(1, 0, 1, KeySpec.Flag.RW, KeySpec.Flag.ACCESS, KeySpec.Flag.DELETE)))
            .register(spec("copy", -3, KeySpec.range(1, 0, 1, KeySpec.Flag.RO, KeySpec.Flag.ACCESS),
                    KeySpec.range(2, 0, 1, KeySpec.Flag.OW, KeySpec.Flag.UPDATE)))
            .register(spec("rename", 3, KeySpec.range(1, 0, 1, KeySpec.Flag.RW, KeySpec.Flag.ACCESS, KeySpec.Flag.DELETE),
                    KeySpec.range(2, 0, 1, KeySpec.Flag.OW, KeySpec.Flag.UPDATE)));
    private final WatchedKeys watched = new WatchedKeys(dbs, table);
    private final Client client = new Client("127.0.0.1:40000", new InlineFramer());

    private static CommandSpec spec(String name, int arity, KeySpec... keys) {
        CommandSpec.Builder b = CommandSpec.builder(name, arity).docs("d", "1.0.0", "generic", "O(1)").handler(call -> { });
        for (KeySpec k : keys) {
            b.keys(k);
        }
        return b.build();
    }

    @Test
    void onlyTheKeysAnEntryWritesAreTouched() {
        watched.watch(client, 0, b("src"));
        watched.watch(client, 2, b("dst"));
        propagate(0, "COPY", "src", "dst", "DB", "2", "REPLACE");
        assertThat(touched()).isTrue(); // the destination, in database 2; the source was only read

        Client reader = new Client("127.0.0.1:40001", new InlineFramer());
        dbs.db(0).set(b("src"), b("v"));
        watched.watch(reader, 0, b("src"));
        watched.watch(reader, 0, b("dst"));
        propagate(0, "COPY", "src", "dst", "DB", "2");
        assertThat(MultiState.of(reader).touched()).isFalse();
        propagate(0, "RENAME", "src", "other");
        assertThat(MultiState.of(reader).touched()).isTrue();
    }

    @Test
    void aTouchedClientWatchesNothingMore() {
        watched.watch(client, 0, b("a"));
        watched.watch(client, 0, b("b"));
        assertThat(watched.size()).isEqualTo(2);
        propagate(0, "SET", "a", "1");
        assertThat(touched()).isTrue();
        assertThat(watched.size()).isZero();
        assertThat(MultiState.of(client).watchedKeyCount()).isZero();
    }

    @Test
    void moveTouchesTheKeyInBothDatabases() {
        Client there = new Client("127.0.0.1:40001", new InlineFramer());
        watched.watch(there, 3, b("k"));
        propagate(0, "MOVE", "k", "3");
        assertThat(MultiState.of(there).touched()).isTrue();
    }

    @Test
    void deletingAKeyThatWasNotThereChangesNothing() {
        watched.watch(client, 0, b("absent"));
        propagate(0, "DEL", "present", "absent");
        assertThat(touched()).isFalse();

        dbs.db(0).set(b("present"), b("v"));
        watched.watch(client, 0, b("present"));
        dbs.db(0).delete(b("present"));
        propagate(0, "DEL", "present");
        assertThat(touched()).isTrue();
    }

    @Test
    void flushTouchesOnlyTheWatchedKeysThatExisted() {
        dbs.db(0).set(b("there"), b("v"));
        watched.watch(client, 0, b("not-there"));
        Client other = new Client("127.0.0.1:40001", new InlineFramer());
        watched.watch(other, 0, b("there"));
        dbs.db(0).clear();
        propagate(0, "FLUSHDB");
        assertThat(touched()).isFalse();
        assertThat(MultiState.of(other).touched()).isTrue();

        dbs.db(7).set(b("far"), b("v"));
        watched.watch(client, 7, b("far"));
        dbs.db(7).clear();
        propagate(0, "FLUSHALL"); // every database, whichever the client that flushed had selected
        assertThat(touched()).isTrue();
    }

    @Test
    void swapdbTouchesAKeyThatExistsInEitherDatabase() {
        dbs.db(1).set(b("k"), b("from-1"));
        watched.watch(client, 0, b("k")); // absent in 0
        Client neither = new Client("127.0.0.1:40001", new InlineFramer());
        watched.watch(neither, 0, b("nowhere"));
        dbs.swap(0, 1);
        propagate(0, "SWAPDB", "0", "1");
        assertThat(touched()).isTrue();
        assertThat(MultiState.of(neither).touched()).isFalse();
    }

    @Test
    void aKeyReplacedByAnExpiredOneIsStillAbsentAndItsExpiryDoesNotAbortExec() {
        dbs.db(1).setExpireAt(b("k"), b("v"), clock.millis() + 10);
        clock.advance(Duration.ofMillis(11));
        watched.watch(client, 0, b("k")); // absent in 0; expired in 1
        dbs.swap(0, 1);
        propagate(0, "SWAPDB", "0", "1");
        assertThat(touched()).isFalse();
        assertThat(watched.anyExpired(client)).isFalse();
    }

    @Test
    void aKeyExpiredWhenWatchedIsAbsentUntilSomethingWritesIt() {
        dbs.db(0).setExpireAt(b("k"), b("v"), clock.millis() + 10);
        clock.advance(Duration.ofMillis(11));
        watched.watch(client, 0, b("k"));
        assertThat(watched.anyExpired(client)).isFalse(); // it was expired already when watched

        dbs.db(0).get(b("k")); // lazy expiry reclaims it: the pipeline propagates DEL k
        propagate(0, "DEL", "k");
        assertThat(touched()).isFalse();

        dbs.db(0).set(b("k"), b("new"));
        propagate(0, "SET", "k", "new");
        assertThat(touched()).isTrue();
    }

    @Test
    void aVolatileKeyThatExpiresAfterWatchAbortsExecAtOnce() {
        dbs.db(0).setExpireAt(b("k"), b("v"), clock.millis() + 10);
        watched.watch(client, 0, b("k"));
        assertThat(watched.anyExpired(client)).isFalse();
        clock.advance(Duration.ofMillis(11));
        assertThat(watched.anyExpired(client)).isTrue();
    }

    private boolean touched() {
        return MultiState.of(client).touched();
    }

    private void propagate(int db, String... argv) {
        List<byte[]> args = Arrays.stream(argv).map(WatchedKeysTest::b).toList();
        watched.propagate(db, args);
    }

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
