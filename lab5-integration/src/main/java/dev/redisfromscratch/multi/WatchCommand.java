package dev.redisfromscratch.multi;

import dev.redisfromscratch.client.Client;
import dev.redisfromscratch.client.ClientFlag;
import dev.redisfromscratch.command.AclCategory;
import dev.redisfromscratch.command.CommandCall;
import dev.redisfromscratch.command.CommandFlag;
import dev.redisfromscratch.command.CommandSpec;
import dev.redisfromscratch.command.KeySpec;
import dev.redisfromscratch.protocol.ReplyWriter;

/**
 * {@code WATCH key [key ...]} and {@code UNWATCH}: optimistic locking for a transaction. If any
 * watched key changes before {@code EXEC}, whoever changed it, the {@code EXEC} answers
 * {@code *-1} and runs nothing ({@link WatchedKeys}).
 *
 * <p>Wire: both answer {@code +OK}. {@code WATCH} inside {@code MULTI}:
 * {@code -ERR WATCH inside MULTI is not allowed} (the transaction goes on). A client already
 * touched watches nothing more (its {@code EXEC} fails anyway). {@code UNWATCH} forgets every
 * watched key and that the client was touched; inside {@code MULTI} it is queued like any command.
 *
 * <p>Redis: {@code multi.c}, {@code watchCommand}, {@code unwatchCommand}; arity -2 and 1.
 */
public final class WatchCommand {
    private WatchCommand() {
    }

    /** @return the table row of {@code watch}: arity -2, keys from 1 to the end (RO), {@code @transaction} */
    public static CommandSpec watchSpec(WatchedKeys watched) {
        return CommandSpec.builder("watch", -2)
                .flags(CommandFlag.NOSCRIPT, CommandFlag.LOADING, CommandFlag.STALE, CommandFlag.FAST, CommandFlag.ALLOW_BUSY)
                .acl(AclCategory.TRANSACTION)
                .keys(KeySpec.range(1, -1, 1, KeySpec.Flag.RO))
                .docs("Watch the given keys to determine execution of the MULTI/EXEC block", "2.2.0",
                        "transactions", "O(1) for every key.")
                .handler(call -> watch(call, watched))
                .build();
    }

    /** @return the table row of {@code unwatch}: arity 1, {@code @transaction} */
    public static CommandSpec unwatchSpec(WatchedKeys watched) {
        return CommandSpec.builder("unwatch", 1)
                .flags(CommandFlag.NOSCRIPT, CommandFlag.LOADING, CommandFlag.STALE, CommandFlag.FAST, CommandFlag.ALLOW_BUSY)
                .acl(AclCategory.TRANSACTION)
                .docs("Forget about all watched keys", "2.2.0", "transactions", "O(1)")
                .handler(call -> {
                    watched.unwatchAll(call.client());
                    MultiState.of(call.client()).untouch();
                    call.reply().raw(ReplyWriter.OK); // +OK\r\n
                })
                .build();
    }

    private static void watch(CommandCall call, WatchedKeys watched) {
        Client client = call.client();
        if (client.has(ClientFlag.MULTI)) {
            call.reply().error("ERR WATCH inside MULTI is not allowed");
            return;
        }
        if (!MultiState.of(client).touched()) { // no point in watching more
            for (int i = 1; i < call.argc(); i++) {
                watched.watch(client, client.db(), call.arg(i));
            }
        }
        call.reply().raw(ReplyWriter.OK); // +OK\r\n
    }
}
