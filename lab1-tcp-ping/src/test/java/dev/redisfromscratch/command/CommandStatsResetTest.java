package dev.redisfromscratch.command;

import static org.assertj.core.api.Assertions.assertThat;

import dev.redisfromscratch.client.Client;
import dev.redisfromscratch.protocol.InlineFramer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link CommandTable#resetStats()}: what lab 5's {@code CONFIG RESETSTAT} does to {@code INFO commandstats}. */
class CommandStatsResetTest {
    @Test
    void resetZeroesEveryCommandAndSubcommand() {
        CommandSpec ping = CommandSpec.builder("ping", -1)
                .docs("Ping", "1.0.0", "connection", "O(1)")
                .handler(call -> call.reply().simpleString("PONG"))
                .build();
        CommandSpec get = CommandSpec.builder("box|get", -3)
                .docs("Get", "1.0.0", "server", "O(1)")
                .handler(call -> call.reply().error("ERR no"))
                .build();
        CommandSpec box = CommandSpec.builder("box", -2)
                .docs("A container", "1.0.0", "server", "Depends on subcommand.")
                .subcommand(get)
                .build();
        CommandTable table = new CommandTable().register(ping).register(box);
        CommandPipeline pipeline = new CommandPipeline(table, CommandPipeline.NEVER_DIRTY);
        Client client = new Client("127.0.0.1:1", new InlineFramer());
        pipeline.processCommand(client, args("PING"));
        pipeline.processCommand(client, args("PING", "a", "b", "c"));
        pipeline.processCommand(client, args("BOX", "GET", "x"));
        pipeline.processCommand(client, args("BOX", "GET"));
        assertThat(table.stats(ping).calls()).isEqualTo(2);
        assertThat(table.stats(get).failedCalls()).isEqualTo(1);
        assertThat(table.stats(get).rejectedCalls()).isEqualTo(1);

        table.resetStats();

        for (CommandSpec spec : List.of(ping, get)) {
            CommandStats s = table.stats(spec);
            assertThat(List.of(s.calls(), s.microseconds(), s.rejectedCalls(), s.failedCalls()))
                    .as(spec.name()).containsOnly(0L);
        }
        pipeline.processCommand(client, args("PING"));
        assertThat(table.stats(ping).calls()).isEqualTo(1);
    }

    private static List<byte[]> args(String... a) {
        return java.util.Arrays.stream(a).map(s -> s.getBytes(StandardCharsets.US_ASCII)).toList();
    }
}
