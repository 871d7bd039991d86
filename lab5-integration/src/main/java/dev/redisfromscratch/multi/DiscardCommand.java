package dev.redisfromscratch.multi;

import dev.redisfromscratch.client.ClientFlag;
import dev.redisfromscratch.command.AclCategory;
import dev.redisfromscratch.command.CommandCall;
import dev.redisfromscratch.command.CommandFlag;
import dev.redisfromscratch.command.CommandHandler;
import dev.redisfromscratch.command.CommandSpec;
import dev.redisfromscratch.protocol.ReplyWriter;

/**
 * {@code DISCARD}: drops the queued commands, ends the transaction and forgets the watched keys.
 *
 * <p>Wire: {@code +OK}; outside a transaction {@code -ERR DISCARD without MULTI}.
 *
 * <p>Redis: {@code multi.c}, {@code discardCommand}; arity 1.
 */
public final class DiscardCommand implements CommandHandler {
    private final Transactions transactions;

    private DiscardCommand(Transactions transactions) {
        this.transactions = transactions;
    }

    /** @return the table row: {@code discard}, arity 1, noscript loading stale fast allow_busy, {@code @transaction} */
    public static CommandSpec spec(Transactions transactions) {
        return CommandSpec.builder("discard", 1)
                .flags(CommandFlag.NOSCRIPT, CommandFlag.LOADING, CommandFlag.STALE, CommandFlag.FAST, CommandFlag.ALLOW_BUSY)
                .acl(AclCategory.TRANSACTION)
                .docs("Discard all commands issued after MULTI", "2.0.0", "transactions",
                        "O(N), when N is the number of queued commands")
                .handler(new DiscardCommand(transactions))
                .build();
    }

    @Override
    public void execute(CommandCall call) {
        if (!call.client().has(ClientFlag.MULTI)) {
            call.reply().error("ERR DISCARD without MULTI");
            return;
        }
        transactions.discard(call.client());
        call.reply().raw(ReplyWriter.OK); // +OK\r\n
    }
}
