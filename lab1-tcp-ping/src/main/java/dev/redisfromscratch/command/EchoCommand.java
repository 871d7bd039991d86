package dev.redisfromscratch.command;

/**
 * {@code ECHO message}: the message back as a bulk string, {@code $<len>\r\n<message>\r\n}.
 *
 * <p>Redis: {@code server.c}, {@code echoCommand}; arity 2.
 */
public final class EchoCommand implements CommandHandler {
    /** The table row: {@code echo}, arity 2, flags loading stale fast, {@code @connection}. */
    public static final CommandSpec SPEC = CommandSpec.builder("echo", 2)
            .flags(CommandFlag.LOADING, CommandFlag.STALE, CommandFlag.FAST)
            .acl(AclCategory.CONNECTION)
            .docs("Echo the given string", "1.0.0", "connection", "O(1)")
            .handler(new EchoCommand())
            .build();

    @Override
    public void execute(CommandCall call) {
        // BEGIN SOLUTION
        call.reply().bulk(call.arg(1));
        // END SOLUTION
        // STUB: throw new UnsupportedOperationException("TODO(lab1): stage 1: reply to ECHO with its message as a bulk string");
    }
}
