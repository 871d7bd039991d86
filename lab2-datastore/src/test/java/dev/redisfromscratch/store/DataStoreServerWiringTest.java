package dev.redisfromscratch.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import dev.redisfromscratch.command.CommandSpec;
import dev.redisfromscratch.server.DataStoreServer;
import dev.redisfromscratch.server.DataStoreServerMain;
import dev.redisfromscratch.tcp.ServerCron;
import dev.redisfromscratch.testkit.ManualClock;
import dev.redisfromscratch.testkit.grading.Stage;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class DataStoreServerWiringTest {
    private final ManualClock clock = new ManualClock();
    private final DataStore store = new DataStore(clock);

    @Test
    void theCommandTableHasLabOnesCommandsAndLabTwosWithRedisArities() {
        assertThat(DataStoreServer.commands(store).all())
                .extracting(CommandSpec::name, CommandSpec::arity)
                .containsExactly(
                        tuple("ping", -1),
                        tuple("echo", 2),
                        tuple("quit", -1),
                        tuple("set", -3),
                        tuple("get", 2),
                        tuple("del", -2),
                        tuple("exists", -2),
                        tuple("dbsize", 1),
                        tuple("expire", -3),
                        tuple("ttl", 2),
                        tuple("pttl", 2),
                        tuple("persist", 2));
    }

    @Stage(lab = 2, value = 4)
    @Test
    void theCronRunsEvery100MsAndReclaimsExpiredKeysWithoutReads() {
        for (int i = 0; i < 500; i++) {
            store.setExpireAt(("k" + i).getBytes(StandardCharsets.US_ASCII), new byte[] {'v'}, clock.millis() + 1_000);
        }
        store.set("keep".getBytes(StandardCharsets.US_ASCII), new byte[] {'v'});
        clock.advance(Duration.ofSeconds(2));
        ServerCron cron = DataStoreServer.cron(store);

        cron.runIfDue(); // a new cron is due at once

        assertThat(cron.intervalMillis()).isEqualTo(100);
        assertThat(store.size()).isEqualTo(1);
        assertThat(store.expiredKeys()).isEqualTo(500);
    }

    @Test
    void theMainClassDescribesItsOptions() {
        StringWriter out = new StringWriter();
        CommandLine cli = new CommandLine(new DataStoreServerMain()).setOut(new PrintWriter(out));

        int status = cli.execute("--help");

        assertThat(status).isZero();
        assertThat(out.toString()).contains("lab2-datastore", "--port", "--bind", "SET, GET, DEL");
    }
}
