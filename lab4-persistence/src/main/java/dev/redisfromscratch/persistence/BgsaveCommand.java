package dev.redisfromscratch.persistence;

import dev.redisfromscratch.command.CommandCall;
import dev.redisfromscratch.command.CommandFlag;
import dev.redisfromscratch.command.CommandHandler;
import dev.redisfromscratch.command.CommandSpec;
import dev.redisfromscratch.command.ErrorReplies;
import dev.redisfromscratch.protocol.RedisError;

/**
 * {@code BGSAVE [SCHEDULE]}: freezes the keyspace and writes the snapshot on a background thread
 * while clients go on being served ({@link Persistence#bgsave}). Replies
 * {@code +Background saving started}; {@code -ERR Background save already in progress} while one
 * runs. Its result shows in {@code LASTSAVE} and, if it fails, in {@code -MISCONF} refusals.
 *
 * <p>Redis: {@code rdb.c}, {@code bgsaveCommand}; arity -1.
 */
public final class BgsaveCommand implements CommandHandler {
    private final Persistence persistence;

    private BgsaveCommand(Persistence persistence) {
        this.persistence = persistence;
    }

    /** @return the table row: {@code bgsave}, arity -1, admin noscript no_async_loading */
    public static CommandSpec spec(Persistence persistence) {
        return CommandSpec.builder("bgsave", -1)
                .flags(CommandFlag.ADMIN, CommandFlag.NOSCRIPT, CommandFlag.NO_ASYNC_LOADING)
                .docs("Asynchronously save the dataset to disk", "1.0.0", "server", "O(1)")
                .handler(new BgsaveCommand(persistence))
                .build();
    }

    @Override
    public void execute(CommandCall call) {
        boolean schedule = false;
        if (call.argc() > 1) {
            if (call.argc() > 2 || !call.option(1).equals("SCHEDULE")) {
                throw new RedisError(ErrorReplies.SYNTAX);
            }
            schedule = true;
        }
        call.reply().simpleString(persistence.bgsave(schedule)); // +Background saving started\r\n
    }
}
