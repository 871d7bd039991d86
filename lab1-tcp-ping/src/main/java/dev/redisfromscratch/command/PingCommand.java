package dev.redisfromscratch.command;

import dev.redisfromscratch.protocol.ReplyWriter;

/**
 * {@code PING [message]}: {@code +PONG}, or the message as a bulk string.
 *
 * <p>Wire: {@code PING} gives {@code +PONG\r\n}; {@code PING hi} gives {@code $2\r\nhi\r\n}.
 * More than one message: {@code -ERR wrong number of arguments for 'ping' command}.
 *
 * <p>Redis: {@code server.c}, {@code pingCommand}; arity -1.
 */
public final class PingCommand implements CommandHandler {
    /** The table row: {@code ping}, arity -1, flag fast, {@code @connection}. */
    public static final CommandSpec SPEC = CommandSpec.builder("ping", -1)
            .flags(CommandFlag.FAST)
            .acl(AclCategory.CONNECTION)
            .tips("request_policy:all_shards", "response_policy:all_succeeded")
            .docs("Ping the server", "1.0.0", "connection", "O(1)")
            .handler(new PingCommand())
            .build();

    @Override
    public void execute(CommandCall call) {
        // BEGIN SOLUTION
        if (call.argc() > 2) { // arity -1 lets any count through; PING itself allows one message
            call.reply().error(ErrorReplies.wrongArity("ping"));
        } else if (call.argc() == 1) {
            call.reply().raw(ReplyWriter.PONG);
        } else {
            call.reply().bulk(call.arg(1));
        }
        // END SOLUTION
        // STUB: throw new UnsupportedOperationException("TODO(lab1): stage 1: reply to PING: +PONG, or the message as a bulk string");
    }
}
