package dev.redisfromscratch.command;

import dev.redisfromscratch.protocol.ReplyWriter;

/**
 * {@code QUIT}: replies {@code +OK}, then the server closes the connection.
 *
 * <p>Redis 7 accepts any number of arguments to QUIT (arity -1) and ignores them.
 *
 * <p>Redis: {@code networking.c}, {@code quitCommand} (flag {@code CLIENT_CLOSE_AFTER_REPLY}).
 */
public final class QuitCommand implements CommandHandler {
    /** The table row: {@code quit}, arity -1, allowed before AUTH and while loading. */
    public static final CommandSpec SPEC = CommandSpec.builder("quit", -1)
            .flags(CommandFlag.NOSCRIPT, CommandFlag.LOADING, CommandFlag.STALE, CommandFlag.FAST,
                    CommandFlag.NO_AUTH, CommandFlag.ALLOW_BUSY)
            .acl(AclCategory.CONNECTION)
            .docs("Close the connection", "1.0.0", "connection", "O(1)")
            .handler(new QuitCommand())
            .build();

    @Override
    public void execute(CommandCall call) {
        call.reply().raw(ReplyWriter.OK);
        call.closeAfterReply();
    }
}
