package dev.redisfromscratch.command;

/**
 * The body of one command: Redis's {@code fooCommand(client *c)}.
 *
 * <p>By the time it runs, the {@link CommandPipeline} has already checked that the command exists
 * and that its argument count fits its arity, so a handler only validates its own options, does its
 * work and appends exactly one reply to {@link CommandCall#reply()}.
 *
 * <p>A handler answers bad options either by writing the error reply itself or by throwing
 * {@link dev.redisfromscratch.protocol.RedisError}, which the pipeline turns into the reply. Any
 * other exception is a bug in the server.
 */
@FunctionalInterface
public interface CommandHandler {
    /**
     * Runs the command and appends its reply.
     *
     * @throws dev.redisfromscratch.protocol.RedisError to answer {@code -<text>} instead
     */
    void execute(CommandCall call);
}
