package dev.redisfromscratch.resp;

import dev.redisfromscratch.command.CommandTable;
import dev.redisfromscratch.introspection.CommandCommand;
import dev.redisfromscratch.introspection.ConfigGetCommand;
import dev.redisfromscratch.introspection.ContainerCommand;
import dev.redisfromscratch.introspection.ServerConfig;
import dev.redisfromscratch.store.DataStore;
import dev.redisfromscratch.store.DataStoreServer;
import dev.redisfromscratch.tcp.BlockingServer;
import dev.redisfromscratch.tcp.CommandConnection;
import java.util.function.Consumer;

/**
 * Lab 3's server: lab 2's server (same store, same commands, same single thread, one client at a
 * time) with RESP framing instead of inline-only, plus the commands real clients send when they
 * connect: {@code COMMAND} (redis-cli) and {@code CONFIG GET} (redis-benchmark).
 *
 * <p>Requests may be RESP multibulks or inline commands, as Redis accepts both. All complete
 * requests in one read are answered, and their replies leave in one write (pipelining).
 */
public final class RespServer {
    private RespServer() {
    }

    /**
     * @return lab 2's command table plus {@code COMMAND} (arity -1) and {@code CONFIG GET}
     *     ({@code config} arity -2, {@code config|get} arity -3)
     */
    public static CommandTable commands(DataStore store, ServerConfig config) {
        CommandTable table = DataStoreServer.commands(store);
        table.register("command", -1, CommandCommand.create(table));
        table.register("config", -2, new ContainerCommand("config", null)
                .subcommand("get", -3, new ConfigGetCommand(config)));
        return table;
    }

    /**
     * @param log receives one line per connection
     * @return an unbound server; call {@code bind} then {@code serve}
     */
    public static BlockingServer create(DataStore store, ServerConfig config, Consumer<String> log) {
        return new BlockingServer(new CommandConnection(Protocol.requestFramer(), commands(store, config)),
                DataStoreServer.cron(store), log);
    }
}
