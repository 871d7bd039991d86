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
    /** The table row: {@code quit}, arity -1. */
    public static final CommandSpec SPEC = new CommandSpec("quit", -1, new QuitCommand());

    @Override
    public void execute(CommandCall call) {
        call.reply().raw(ReplyWriter.OK);
        call.closeAfterReply();
    }
}
