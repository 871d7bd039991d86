package dev.redisfromscratch.server;

import dev.redisfromscratch.command.CommandTable;
import dev.redisfromscratch.config.ServerConfig;
import dev.redisfromscratch.introspection.CommandCommand;
import dev.redisfromscratch.introspection.ConfigGetCommand;
import dev.redisfromscratch.resp.Protocol;
import dev.redisfromscratch.store.DataStore;
import dev.redisfromscratch.store.SelectedDb;
import dev.redisfromscratch.tcp.BlockingServer;
import java.util.function.Consumer;

/**
 * Lab 3's server, composed: lab 2's server (same store, same commands, same single thread, one
 * client at a time) with a RESP decoder per client instead of inline-only framing, plus the commands
 * real clients send when they connect: {@code COMMAND} (redis-cli) and {@code CONFIG GET}
 * (redis-benchmark).
 *
 * <pre>
 *   BlockingServer ── RequestLoop(RespRequestDecoder per client) ── CommandPipeline ── CommandTable
 *                                                                         │
 *                                                                     DataStore
 * </pre>
 *
 * <p>Requests may be RESP multibulks or inline commands, as Redis accepts both. All complete
 * requests in one read are answered, and their replies leave in one write (pipelining).
 */
public final class RespServer {
    private RespServer() {
    }

    /**
     * @return lab 2's command table plus {@code COMMAND} (with {@code COUNT}, {@code DOCS},
     *     {@code INFO}) and {@code CONFIG GET}
     */
    public static CommandTable commands(SelectedDb db, ServerConfig config) {
        CommandTable table = DataStoreServer.commands(db);
        table.register(CommandCommand.spec(table));
        table.register(ConfigGetCommand.containerSpec(config));
        return table;
    }

    /**
     * @param config the address and port to listen on, also what {@code CONFIG GET} reports
     * @param log receives one line per connection
     * @return a server not started yet; call {@code start()}
     */
    public static BlockingServer create(ServerConfig config, DataStore store, Consumer<String> log) {
        return DataStoreServer.create(config, store, commands(store, config), () -> Protocol.requestDecoder(config), log);
    }
}
