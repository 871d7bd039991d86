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
 * {@code SELECT index}: the client works on database {@code index} from now on; replies {@code +OK}.
 *
 * <p>Errors: {@code -ERR value is not an integer or out of range} for a non-integer,
 * {@code -ERR value is out of range, value must between -2147483648 and 2147483647} beyond a C
 * {@code int}, {@code -ERR DB index is out of range} for a number that names no database.
 *
 * <p>Propagation: none. SELECT changes no data; the append-only file (and a replica's stream)
 * writes {@code SELECT n} itself before the first command propagated from a database other than the
 * last one it wrote. Replaying such a file runs this command for the loading client.
 *
 * <p>Redis: {@code db.c}, {@code selectCommand} and {@code selectDb}; arity 2.
 */
public final class SelectCommand implements CommandHandler {
    /** Redis's reply for a database number outside {@code 0 .. databases-1}. */
    public static final String OUT_OF_RANGE = "ERR DB index is out of range";

    private final Databases dbs;

    private SelectCommand(Databases dbs) {
        this.dbs = dbs;
    }

    /** @return the table row: {@code select}, arity 2, loading stale fast, {@code @connection} */
    public static CommandSpec spec(Databases dbs) {
        return CommandSpec.builder("select", 2)
                .flags(CommandFlag.LOADING, CommandFlag.STALE, CommandFlag.FAST)
                .acl(AclCategory.CONNECTION)
                .docs("Change the selected database for the current connection", "1.0.0", "connection", "O(1)")
                .handler(new SelectCommand(dbs))
                .build();
    }

    @Override
    public void execute(CommandCall call) {
        OptionalInt index = DbIndexArgument.parseOrReply(call, 1, null);
        if (index.isEmpty()) {
            return;
        }
        if (!dbs.exists(index.getAsInt())) {
            call.reply().error(OUT_OF_RANGE);
            return;
        }
        call.client().db(index.getAsInt());
        call.reply().raw(ReplyWriter.OK); // +OK\r\n
    }
}
