package dev.redisfromscratch.replica;

import dev.redisfromscratch.client.ClientFlag;
import dev.redisfromscratch.command.CommandCall;
import dev.redisfromscratch.command.CommandFlag;
import dev.redisfromscratch.command.CommandHandler;
import dev.redisfromscratch.command.CommandSpec;
import java.util.Locale;

/**
 * {@code REPLICAOF host port} (and its old name {@code SLAVEOF}): makes this server a replica of
 * the primary at {@code host:port}; {@code REPLICAOF NO ONE} makes it a primary again, keeping its
 * data.
 *
 * <ul>
 *   <li>{@code +OK}; the link is made in the background (INFO's {@code master_link_status} says
 *       when it is up);
 *   <li>{@code +OK Already connected to specified master} when it already replicates from there;
 *   <li>{@code -ERR Invalid master port} for a port that is not an integer from 0 to 65535;
 *   <li>{@code -ERR Command is not valid when client is a replica.} from a replica's connection.
 * </ul>
 *
 * <p>Redis: {@code replication.c}, {@code replicaofCommand}; arity 3, flags admin noscript stale
 * no_async_loading.
 */
public final class ReplicaofCommand implements CommandHandler {
    private final ReplicaSide replica;

    private ReplicaofCommand(ReplicaSide replica) {
        this.replica = replica;
    }

    /**
     * @param name {@code replicaof} or {@code slaveof}
     * @return the table row: arity 3, admin noscript stale no_async_loading
     */
    public static CommandSpec spec(String name, ReplicaSide replica) {
        return CommandSpec.builder(name, 3)
                .flags(CommandFlag.ADMIN, CommandFlag.NOSCRIPT, CommandFlag.STALE, CommandFlag.NO_ASYNC_LOADING)
                .docs("Make the server a replica of another instance, or promote it as master.",
                        name.equals("slaveof") ? "1.0.0" : "5.0.0", "server", "O(1)")
                .handler(new ReplicaofCommand(replica))
                .build();
    }

    @Override
    public void execute(CommandCall call) {
        String host = call.argString(1);
        String portArg = call.argString(2);
        if (host.toLowerCase(Locale.ROOT).equals("no") && portArg.toLowerCase(Locale.ROOT).equals("one")) {
            replica.promote(call.client());
            call.reply().raw(dev.redisfromscratch.protocol.ReplyWriter.OK); // +OK\r\n
            return;
        }
        if (call.client().has(ClientFlag.REPLICA)) {
            call.reply().error("ERR Command is not valid when client is a replica.");
            return;
        }
        int port;
        try {
            port = Integer.parseInt(portArg);
        } catch (NumberFormatException e) {
            port = -1;
        }
        if (port < 0 || port > 65535 || !portArg.equals(Integer.toString(port))) {
            call.reply().error("ERR Invalid master port");
            return;
        }
        if (!replica.replicate(host, port, call.client())) {
            call.reply().simpleString("OK Already connected to specified master"); // +OK Already ...\r\n
            return;
        }
        call.reply().raw(dev.redisfromscratch.protocol.ReplyWriter.OK);
    }
}
