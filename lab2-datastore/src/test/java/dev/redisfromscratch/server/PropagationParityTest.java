package dev.redisfromscratch.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.redisfromscratch.command.CommandPipeline;
import dev.redisfromscratch.client.Client;
import dev.redisfromscratch.protocol.InlineFramer;
import dev.redisfromscratch.protocol.InlineTokenizer;
import dev.redisfromscratch.store.DataStore;
import dev.redisfromscratch.testkit.ManualClock;
import dev.redisfromscratch.testkit.RawClient;
import dev.redisfromscratch.testkit.RealRedis;
import dev.redisfromscratch.testkit.grading.Stage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What lab 2 propagates (what lab 4's append-only file will write and lab 8's replicas will apply)
 * is what Redis 7.0.15 writes to its own append-only file for the same commands: relative times
 * made absolute ({@code SET ... PXAT}, {@code PEXPIREAT}), an expire in the past as {@code DEL},
 * keys reclaimed by lazy expiry as {@code DEL} before the command that found them (the two inside
 * {@code MULTI} … {@code EXEC}), and nothing for a command that changed nothing.
 *
 * <p>Times that depend on "now" are compared as {@code <ms>}; {@link #ourAbsoluteTimesAreExact}
 * checks our values exactly on the injected clock. On the real Redis, time must pass for a key to
 * expire: the test asks Redis's own clock ({@code TIME}) until the key's time is behind it.
 */
@Stage(lab = 2, value = 3)
class PropagationParityTest {
    private final ManualClock clock = new ManualClock(System.currentTimeMillis());
    private final DataStore store = new DataStore(clock);
    private final CommandPipeline pipeline = DataStoreServer.pipeline(DataStoreServer.commands(store), store);
    private final Client client = new Client("127.0.0.1:1", new InlineFramer());
    private final List<List<String>> ours = new ArrayList<>();

    {
        pipeline.addPropagationListener((db, argv) -> ours.add(texts(argv)));
    }

    @Test
    void whatWePropagateIsWhatRedisWritesToItsAppendOnlyFile() throws Exception {
        try (RealRedis redis = RealRedis.start("--appendonly", "yes", "--appendfsync", "always",
                "--enable-debug-command", "yes");
             RawClient real = RawClient.connect(redis.port())) {
            call(real, "DEBUG SET-ACTIVE-EXPIRE 0"); // only lazy expiry, as in our pipeline here
            for (String step : List.of(
                    "SET a 1 EX 100",
                    "SET b 2 PX 50000 NX GET",
                    "EXPIRE a 200",
                    "EXPIRE a 300 NX",            // a has a TTL: nothing changes, nothing propagates
                    "EXPIRE a 400 GT",
                    "set c 3",                    // as sent, in lower case
                    "EXPIRE c 0",                 // in the past: DEL
                    "persist a",
                    "persist a",                  // no TTL left: nothing
                    "del a zz",
                    "DEL zz",                     // nothing deleted: nothing
                    "SET d 4 PXAT 99999999999999 XX",
                    "SET e 5 EXAT 9999999999",
                    "SET g 8 PXAT 99999999999999 GET", // already absolute: as sent
                    "SET g 9 KEEPTTL",
                    "SET g 10 get KEEPTTL GET",  // GET (any case, repeated) is dropped
                    "GET g")) {
                both(real, step);
            }
            // Lazy expiry: a read, a write and a DEL that each find their key expired.
            for (String[] pair : new String[][] {{"f", "GET f"}, {"h", "SET h 2"}, {"i", "DEL i"}}) {
                long deadline = System.currentTimeMillis() + 30;
                both(real, "SET " + pair[0] + " x PXAT " + deadline);
                awaitRedisTimePast(real, deadline);
                clock.advance(Duration.ofMillis(deadline + 1 - clock.millis()));
                both(real, pair[1]);
            }

            List<List<String>> theirs = redis.appendOnlyFileCommands();
            assertThat(theirs.get(0)).as("Redis selects the database first").containsExactly("SELECT", "0");
            assertThat(normalized(ours)).isEqualTo(normalized(theirs.subList(1, theirs.size())));
            assertThat(normalized(ours)).contains(
                    List.of("SET", "a", "1", "PXAT", "<ms>"),
                    List.of("PEXPIREAT", "a", "<ms>", "GT"),
                    List.of("DEL", "c"),
                    List.of("MULTI"), List.of("DEL", "h"), List.of("SET", "h", "2"), List.of("EXEC"));
        }
    }

    @Test
    void ourAbsoluteTimesAreExact() {
        long now = clock.millis();
        run("SET a 1 EX 100");
        run("SET b 2 PX 2500");
        run("EXPIRE a 7");
        run("SET e 5 EXAT 9999999999");
        assertThat(ours).containsExactly(
                List.of("SET", "a", "1", "PXAT", Long.toString(now + 100_000)),
                List.of("SET", "b", "2", "PXAT", Long.toString(now + 2_500)),
                List.of("PEXPIREAT", "a", Long.toString(now + 7_000)),
                List.of("SET", "e", "5", "PXAT", "9999999999000"));
    }

    @Stage(lab = 2, value = 4)
    @Test
    void theActiveExpiryCycleReclaimsKeysAsDelsOutsideAnyCommand() {
        run("SET k v PX 10");
        ours.clear();
        clock.advance(Duration.ofMillis(11));

        DataStoreServer.cron(store).runIfDue();

        assertThat(ours).containsExactly(List.of("DEL", "k"));
    }

    private void both(RawClient real, String inline) throws IOException {
        call(real, inline);
        run(inline);
    }

    private void run(String inline) {
        byte[] line = inline.getBytes(StandardCharsets.ISO_8859_1);
        try {
            pipeline.processCommand(client, InlineTokenizer.split(line, 0, line.length));
        } catch (dev.redisfromscratch.protocol.ProtocolException e) {
            throw new AssertionError(e);
        }
        client.reply().reset();
    }

    /** Sends an inline command and reads its one reply (simple, integer, error or bulk). */
    private static String call(RawClient real, String inline) throws IOException {
        real.send(inline + "\r\n");
        String line = real.readLine();
        if (line.startsWith("$") && !line.startsWith("$-1")) {
            int len = Integer.parseInt(line.substring(1, line.length() - 2));
            line += new String(real.readExactly(len + 2), StandardCharsets.ISO_8859_1);
        }
        return line;
    }

    /** Asks Redis's clock ({@code TIME}: seconds, microseconds) until it is past {@code deadlineMillis}. */
    private static void awaitRedisTimePast(RawClient real, long deadlineMillis) throws IOException {
        long giveUp = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (System.nanoTime() < giveUp) {
            real.send("TIME\r\n");
            real.readLine();                                   // *2
            long seconds = Long.parseLong(bulk(real));
            long micros = Long.parseLong(bulk(real));
            if (seconds * 1000 + micros / 1000 > deadlineMillis) {
                return;
            }
        }
        throw new AssertionError("Redis's clock did not pass " + deadlineMillis + " within 5 s");
    }

    private static String bulk(RawClient real) throws IOException {
        String header = real.readLine();
        int len = Integer.parseInt(header.substring(1, header.length() - 2));
        return new String(real.readExactly(len + 2), StandardCharsets.ISO_8859_1).substring(0, len);
    }

    /** Replaces times that depend on "now" (13-digit Unix ms after PXAT or in PEXPIREAT) by {@code <ms>}. */
    private static List<List<String>> normalized(List<List<String>> commands) {
        List<List<String>> out = new ArrayList<>();
        for (List<String> command : commands) {
            List<String> c = new ArrayList<>(command);
            for (int i = 1; i < c.size(); i++) {
                boolean time = c.get(i - 1).equalsIgnoreCase("PXAT") || (i == 2 && c.get(0).equalsIgnoreCase("PEXPIREAT"));
                if (time && c.get(i).length() == 13 && !c.get(i).startsWith("99")) {
                    c.set(i, "<ms>");
                }
            }
            out.add(c);
        }
        return out;
    }

    private static List<String> texts(List<byte[]> argv) {
        return argv.stream().map(a -> new String(a, StandardCharsets.ISO_8859_1)).toList();
    }
}
