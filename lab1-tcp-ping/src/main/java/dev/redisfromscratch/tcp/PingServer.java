package dev.redisfromscratch.tcp;

import dev.redisfromscratch.command.CommandTable;
import dev.redisfromscratch.command.EchoCommand;
import dev.redisfromscratch.command.PingCommand;
import dev.redisfromscratch.command.QuitCommand;
import dev.redisfromscratch.protocol.InlineFramer;
import java.util.function.Consumer;

/**
 * Lab 1's server: a {@link BlockingServer} that frames inline commands and knows PING, ECHO and
 * QUIT. Later labs start from {@link #commands()} and register more.
 */
public final class PingServer {
    private PingServer() {
    }

    /** @return a new command table with lab 1's commands: PING, ECHO, QUIT */
    public static CommandTable commands() {
        return new CommandTable()
                .register(PingCommand.SPEC)
                .register(EchoCommand.SPEC)
                .register(QuitCommand.SPEC);
    }

    /**
     * @param log receives one line per connection
     * @return an unbound server; call {@code bind} then {@code serve}
     */
    public static BlockingServer create(Consumer<String> log) {
        return new BlockingServer(new CommandConnection(new InlineFramer(), commands()), ServerCron.NONE, log);
    }
}
