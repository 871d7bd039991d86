package dev.redisfromscratch.strings;

import dev.redisfromscratch.command.AclCategory;
import dev.redisfromscratch.command.CommandCall;
import dev.redisfromscratch.command.CommandFlag;
import dev.redisfromscratch.command.CommandHandler;
import dev.redisfromscratch.command.CommandSpec;
import dev.redisfromscratch.command.ErrorReplies;
import dev.redisfromscratch.command.KeySpec;
import dev.redisfromscratch.protocol.ReplyWriter;
import dev.redisfromscratch.store.DataStore;
import dev.redisfromscratch.store.SelectedDb;

/**
 * {@code MSET key value [key value ...]} and {@code MSETNX key value [key value ...]}: sets every
 * key to its value, at once (no other command runs in between), removing their TTLs, as many
 * {@code SET}s would.
 *
 * <ul>
 *   <li>MSET replies {@code +OK};
 *   <li>MSETNX sets nothing and replies {@code :0} if any of the keys exists (then nothing is
 *       propagated either), else sets them all and replies {@code :1}.
 * </ul>
 * A key named twice takes its last value. An odd number of arguments after the name gets
 * {@code -ERR wrong number of arguments for 'mset' command} (Redis checks it here, as the arity
 * alone, -3, cannot).
 *
 * <p>Redis: {@code t_string.c}, {@code msetCommand}, {@code msetnxCommand} →
 * {@code msetGenericCommand}.
 */
public final class MsetCommand implements CommandHandler {
    private final SelectedDb db;
    private final String name;
    private final boolean nx;

    private MsetCommand(SelectedDb db, String name, boolean nx) {
        this.db = db;
        this.name = name;
        this.nx = nx;
    }

    /** @return the table row of {@code MSET}: arity -3, write denyoom, keys every other argument (OW update) */
    public static CommandSpec spec(SelectedDb db) {
        return CommandSpec.builder("mset", -3)
                .flags(CommandFlag.WRITE, CommandFlag.DENYOOM)
                .acl(AclCategory.STRING)
                .tips("request_policy:multi_shard", "response_policy:all_succeeded")
                .keys(KeySpec.range(1, -1, 2, KeySpec.Flag.OW, KeySpec.Flag.UPDATE))
                .docs("Set multiple keys to multiple values", "1.0.1", "string",
                        "O(N) where N is the number of keys to set.")
                .handler(new MsetCommand(db, "mset", false))
                .build();
    }

    /** @return the table row of {@code MSETNX}: arity -3, write denyoom, keys every other argument (OW insert) */
    public static CommandSpec msetnxSpec(SelectedDb db) {
        return CommandSpec.builder("msetnx", -3)
                .flags(CommandFlag.WRITE, CommandFlag.DENYOOM)
                .acl(AclCategory.STRING)
                .tips("request_policy:multi_shard", "response_policy:agg_min")
                .keys(KeySpec.range(1, -1, 2, KeySpec.Flag.OW, KeySpec.Flag.INSERT))
                .docs("Set multiple keys to multiple values, only if none of the keys exist", "1.0.1", "string",
                        "O(N) where N is the number of keys to set.")
                .handler(new MsetCommand(db, "msetnx", true))
                .build();
    }

    @Override
    public void execute(CommandCall call) {
        if (call.argc() % 2 == 0) {
            call.reply().error(ErrorReplies.wrongArity(name));
            return;
        }
        DataStore store = db.of(call.client()); // the client's selected database
        if (nx) {
            for (int i = 1; i < call.argc(); i += 2) {
                if (store.exists(call.arg(i))) {
                    call.reply().integer(0); // :0\r\n, nothing set
                    return;
                }
            }
        }
        for (int i = 1; i < call.argc(); i += 2) {
            store.set(call.arg(i), call.arg(i + 1));
        }
        if (nx) {
            call.reply().integer(1);         // :1\r\n
        } else {
            call.reply().raw(ReplyWriter.OK); // +OK\r\n
        }
    }
}
