package dev.redisfromscratch.command;

/**
 * {@code ECHO message}: the message back as a bulk string, {@code $<len>\r\n<message>\r\n}.
 *
 * <p>Redis: {@code server.c}, {@code echoCommand}; arity 2.
 */
public final class EchoCommand implements CommandHandler {
    /** The table row: {@code echo}, arity 2. */
    public static final CommandSpec SPEC = new CommandSpec("echo", 2, new EchoCommand());

    @Override
    public void execute(CommandCall call) {
        call.reply().bulk(call.arg(1));
    }
}
