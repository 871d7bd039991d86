package dev.redisfromscratch.persistence;

import dev.redisfromscratch.command.CommandCall;
import dev.redisfromscratch.command.CommandFlag;
import dev.redisfromscratch.command.CommandHandler;
import dev.redisfromscratch.command.CommandSpec;
import dev.redisfromscratch.protocol.ReplyWriter;

/**
 * {@code SAVE}: writes the snapshot now, on the server thread: every client waits until it is on
 * disk. Replies {@code +OK}, or a bare {@code -ERR} if the save failed (the reason is in the log),
 * or {@code -ERR Background save already in progress}.
 *
 * <p>Redis: {@code rdb.c}, {@code saveCommand}; arity 1.
 */
public final class SaveCommand implements CommandHandler {
    private final Persistence persistence;

    private SaveCommand(Persistence persistence) {
        this.persistence = persistence;
    }

    /** @return the table row: {@code save}, arity 1, admin noscript no_async_loading no_multi */
    public static CommandSpec spec(Persistence persistence) {
        return CommandSpec.builder("save", 1)
                .flags(CommandFlag.ADMIN, CommandFlag.NOSCRIPT, CommandFlag.NO_ASYNC_LOADING, CommandFlag.NO_MULTI)
                .docs("Synchronously save the dataset to disk", "1.0.0", "server",
                        "O(N) where N is the total number of keys in all databases")
                .handler(new SaveCommand(persistence))
                .build();
    }

    @Override
    public void execute(CommandCall call) {
        if (persistence.save()) {
            call.reply().raw(ReplyWriter.OK); // +OK\r\n
        } else {
            call.reply().error("ERR");        // -ERR\r\n: Redis says no more; the log has the reason
        }
    }
}
