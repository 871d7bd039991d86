package dev.redisfromscratch.multi;

import dev.redisfromscratch.client.ClientFlag;
import dev.redisfromscratch.command.AclCategory;
import dev.redisfromscratch.command.CommandCall;
import dev.redisfromscratch.command.CommandFlag;
import dev.redisfromscratch.command.CommandHandler;
import dev.redisfromscratch.command.CommandSpec;
import dev.redisfromscratch.protocol.ReplyWriter;

/**
 * {@code MULTI}: starts a transaction. The commands that follow are queued
 * ({@link Transactions#intercept}) until {@code EXEC} or {@code DISCARD}.
 *
 * <p>Wire: {@code +OK}; inside a transaction already {@code -ERR MULTI calls can not be nested}
 * (which does not doom the transaction).
 *
 * <p>Redis: {@code multi.c}, {@code multiCommand}; arity 1.
 */
public final class MultiCommand implements CommandHandler {
    private MultiCommand() {
    }

    /** @return the table row: {@code multi}, arity 1, noscript loading stale fast allow_busy, {@code @transaction} */
    public static CommandSpec spec() {
        return CommandSpec.builder("multi", 1)
                .flags(CommandFlag.NOSCRIPT, CommandFlag.LOADING, CommandFlag.STALE, CommandFlag.FAST, CommandFlag.ALLOW_BUSY)
                .acl(AclCategory.TRANSACTION)
                .docs("Mark the start of a transaction block", "1.2.0", "transactions", "O(1)")
                .handler(new MultiCommand())
                .build();
    }

    @Override
    public void execute(CommandCall call) {
        if (call.client().has(ClientFlag.MULTI)) {
            call.reply().error("ERR MULTI calls can not be nested");
            return;
        }
        call.client().set(ClientFlag.MULTI);
        call.reply().raw(ReplyWriter.OK); // +OK\r\n
    }
}
