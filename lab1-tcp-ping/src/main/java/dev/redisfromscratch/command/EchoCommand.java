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
        // BEGIN SOLUTION
        call.reply().bulk(call.arg(1));
        // END SOLUTION
        // STUB: throw new UnsupportedOperationException("TODO(lab1): reply to ECHO with its message as a bulk string");
    }
}
