package dev.redisfromscratch.keys;

import static org.assertj.core.api.Assertions.assertThat;

import dev.redisfromscratch.client.Client;
import dev.redisfromscratch.command.CommandPipeline;
import dev.redisfromscratch.command.CommandTable;
import dev.redisfromscratch.protocol.InlineFramer;
import dev.redisfromscratch.server.DataStoreServer;
import dev.redisfromscratch.store.DataStore;
import dev.redisfromscratch.store.Databases;
import dev.redisfromscratch.testkit.ManualClock;
import dev.redisfromscratch.testkit.grading.Points;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * FLUSHDB empties only the client's database, FLUSHALL every database (and runs the save after
 * it); both reply {@code +OK} and are propagated in the client's database, even when there was
 * nothing to delete.
 */
class FlushCommandTest {
    private final ManualClock clock = new ManualClock();
    private final Databases dbs = new Databases(16, clock);
    private final CommandTable table = DataStoreServer.commands(dbs);
    private final CommandPipeline pipeline = DataStoreServer.pipeline(table, dbs);
    private final List<String> propagated = new ArrayList<>();
    private final Client client = new Client("test", new InlineFramer());
    private int saves;

    @BeforeEach
    void register() {
        table.register(FlushCommand.flushallSpec(dbs, pipeline, () -> saves++))
                .register(FlushCommand.flushdbSpec(dbs, pipeline));
        pipeline.addPropagationListener((db, argv) -> {
            List<String> words = new ArrayList<>();
            argv.forEach(a -> words.add(new String(a, StandardCharsets.UTF_8)));
            propagated.add(db + ": " + String.join(" ", words));
        });
        for (int db : new int[] {0, 3, 9}) {
            for (int i = 0; i < 5; i++) {
                dbs.db(db).set(b("key:" + i), b("in " + db));
            }
        }
        dbs.db(9).setExpireAt(b("ttl"), b("x"), clock.millis() + 10_000);
    }

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private String run(int db, String... args) {
        client.db(db);
        List<byte[]> argv = new ArrayList<>();
        for (String a : args) {
            argv.add(b(a));
        }
        pipeline.processCommand(client, argv);
        String reply = new String(client.reply().toByteArray(), StandardCharsets.UTF_8);
        client.reply().reset();
        return reply;
    }

    private List<Integer> sizes() {
        List<Integer> sizes = new ArrayList<>();
        for (int db = 0; db < dbs.count(); db++) {
            sizes.add(dbs.db(db).size());
        }
        return sizes;
    }

    @Test
    @Points(2)
    void flushdbEmptiesOnlyTheClientsDatabase() {
        assertThat(run(3, "FLUSHDB")).isEqualTo("+OK\r\n");
        assertThat(sizes()).containsExactly(5, 0, 0, 0, 0, 0, 0, 0, 0, 6, 0, 0, 0, 0, 0, 0);
        assertThat(run(9, "FLUSHDB", "ASYNC")).isEqualTo("+OK\r\n");
        assertThat(sizes()).containsExactly(5, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
        assertThat(dbs.db(9).volatileKeyCount()).isZero();
        assertThat(propagated).containsExactly("3: FLUSHDB", "9: FLUSHDB ASYNC");
        assertThat(saves).isZero();
    }

    @Test
    @Points(2)
    void flushallEmptiesEveryDatabaseThenSaves() {
        assertThat(run(9, "FLUSHALL", "SYNC")).isEqualTo("+OK\r\n");
        assertThat(dbs.keyCount()).isZero();
        assertThat(propagated).containsExactly("9: FLUSHALL SYNC");
        assertThat(saves).isEqualTo(1);
    }

    @Test
    void bothArePropagatedEvenWhenThereWasNothingToDelete() {
        run(0, "FLUSHALL");
        assertThat(run(5, "FLUSHDB")).isEqualTo("+OK\r\n");
        assertThat(run(5, "FLUSHALL")).isEqualTo("+OK\r\n");
        assertThat(propagated).containsExactly("0: FLUSHALL", "5: FLUSHDB", "5: FLUSHALL");
        assertThat(saves).isEqualTo(2);
    }

    @Test
    void anyOtherArgumentIsASyntaxErrorAndFlushesNothing() {
        assertThat(run(3, "FLUSHDB", "NOW")).isEqualTo("-ERR syntax error\r\n");
        assertThat(run(3, "FLUSHALL", "ASYNC", "SYNC")).isEqualTo("-ERR syntax error\r\n");
        assertThat(dbs.keyCount()).isEqualTo(16);
        assertThat(propagated).isEmpty();
        assertThat(saves).isZero();
    }

    @Test
    void withOneDatabaseBothEmptyIt() {
        DataStore store = new DataStore(clock);
        CommandTable one = DataStoreServer.commands(store);
        CommandPipeline p = DataStoreServer.pipeline(one, store);
        one.register(FlushCommand.flushallSpec(Databases.single(store), p, () -> { }))
                .register(FlushCommand.flushdbSpec(store, p));
        for (String command : List.of("FLUSHDB", "FLUSHALL")) {
            store.set(b("k"), b("v"));
            client.db(0);
            p.processCommand(client, List.of(b(command)));
            assertThat(store.size()).as(command).isZero();
        }
    }
}
