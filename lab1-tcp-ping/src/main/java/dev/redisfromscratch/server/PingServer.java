package dev.redisfromscratch.server;

import dev.redisfromscratch.command.CommandPipeline;
import dev.redisfromscratch.command.CommandTable;
import dev.redisfromscratch.command.EchoCommand;
import dev.redisfromscratch.command.PingCommand;
import dev.redisfromscratch.command.QuitCommand;
import dev.redisfromscratch.config.ServerConfig;
import dev.redisfromscratch.networking.RequestLoop;
import dev.redisfromscratch.protocol.InlineFramer;
import dev.redisfromscratch.tcp.BlockingServer;
import dev.redisfromscratch.tcp.ServerCron;
import java.util.function.Consumer;

/**
 * Lab 1's server, composed: a {@link BlockingServer} whose request loop frames inline commands and
 * whose command table knows PING, ECHO and QUIT. Later labs start from {@link #commands()} and
 * register more.
 *
 * <pre>
 *   BlockingServer ── RequestLoop(InlineFramer per client) ── CommandPipeline ── CommandTable
 * </pre>
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
     * @param config the address and port to listen on
     * @param log receives one line per connection
     * @return a server not started yet; call {@code start()}
     */
    public static BlockingServer create(ServerConfig config, Consumer<String> log) {
        CommandPipeline pipeline = new CommandPipeline(commands(), CommandPipeline.NEVER_DIRTY);
        ServerCron nothingPeriodic = new ServerCron(() -> { }, config.cronIntervalMillis());
        return new BlockingServer(config, new RequestLoop(InlineFramer::new, pipeline), nothingPeriodic, log);
    }
}
