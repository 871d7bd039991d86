package dev.redisfromscratch.persistence;

import dev.redisfromscratch.command.CommandCall;
import dev.redisfromscratch.command.CommandFlag;
import dev.redisfromscratch.command.CommandHandler;
import dev.redisfromscratch.command.CommandSpec;

/**
 * {@code BGREWRITEAOF}: rewrites the append-only file from the keyspace in the background, one
 * command per key, while writes go on ({@link Persistence#bgrewriteaof}). Replies
 * {@code +Background append only file rewriting started} (or {@code ... scheduled} while a
 * BGSAVE runs); {@code -ERR Background append only file rewriting already in progress}.
 *
 * <p>Redis: {@code aof.c}, {@code bgrewriteaofCommand}; arity 1.
 */
public final class BgrewriteaofCommand implements CommandHandler {
    private final Persistence persistence;

    private BgrewriteaofCommand(Persistence persistence) {
        this.persistence = persistence;
    }

    /** @return the table row: {@code bgrewriteaof}, arity 1, admin noscript no_async_loading */
    public static CommandSpec spec(Persistence persistence) {
        return CommandSpec.builder("bgrewriteaof", 1)
                .flags(CommandFlag.ADMIN, CommandFlag.NOSCRIPT, CommandFlag.NO_ASYNC_LOADING)
                .docs("Asynchronously rewrite the append-only file", "1.0.0", "server", "O(1)")
                .handler(new BgrewriteaofCommand(persistence))
                .build();
    }

    @Override
    public void execute(CommandCall call) {
        call.reply().simpleString(persistence.bgrewriteaof());
    }
}
