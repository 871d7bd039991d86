package dev.redisfromscratch.keys;

import dev.redisfromscratch.command.AclCategory;
import dev.redisfromscratch.command.CommandCall;
import dev.redisfromscratch.command.CommandFlag;
import dev.redisfromscratch.command.CommandHandler;
import dev.redisfromscratch.command.CommandSpec;
import dev.redisfromscratch.protocol.ReplyWriter;
import dev.redisfromscratch.store.Databases;
import java.util.OptionalInt;

/**
 * {@code SWAPDB index1 index2}: exchanges the contents of two databases, at once, for every client
 * (a client that selected database 1 now sees what database 2 held). Replies {@code +OK}; swapping a
 * database with itself is allowed and changes nothing.
 *
 * <p>Errors, in Redis's order: {@code -ERR invalid first DB index} (not an integer, or beyond a C
 * {@code int}), {@code -ERR invalid second DB index}, {@code -ERR DB index is out of range}.
 *
 * <p>Propagation: as itself. Lab 5's transactions must also fail the {@code EXEC} of a client that
 * watches a key in either database (Redis's {@code touchAllWatchedKeysInDb}).
 *
 * <p>Redis: {@code db.c}, {@code swapdbCommand} and {@code dbSwapDatabases}; arity 3.
 */
public final class SwapdbCommand implements CommandHandler {
    private final Databases dbs;

    private SwapdbCommand(Databases dbs) {
        this.dbs = dbs;
    }

    /** @return the table row: {@code swapdb}, arity 3, write fast, {@code @keyspace @dangerous} */
    public static CommandSpec spec(Databases dbs) {
        return CommandSpec.builder("swapdb", 3)
                .flags(CommandFlag.WRITE, CommandFlag.FAST)
                .acl(AclCategory.KEYSPACE, AclCategory.DANGEROUS)
                .docs("Swaps two Redis databases", "4.0.0", "server",
                        "O(N) where N is the count of clients watching or blocking on keys from both databases.")
                .handler(new SwapdbCommand(dbs))
                .build();
    }

    @Override
    public void execute(CommandCall call) {
        OptionalInt first = DbIndexArgument.parseOrReply(call, 1, "ERR invalid first DB index");
        if (first.isEmpty()) {
            return;
        }
        OptionalInt second = DbIndexArgument.parseOrReply(call, 2, "ERR invalid second DB index");
        if (second.isEmpty()) {
            return;
        }
        if (!dbs.exists(first.getAsInt()) || !dbs.exists(second.getAsInt())) {
            call.reply().error(SelectCommand.OUT_OF_RANGE);
            return;
        }
        dbs.swap(first.getAsInt(), second.getAsInt()); // counts one change: propagated
        call.reply().raw(ReplyWriter.OK); // +OK\r\n
    }
}
