package dev.redisfromscratch.command;

/**
 * The body of one command: Redis's {@code fooCommand(client *c)}.
 *
 * <p>By the time it runs, {@link CommandTable} has already checked that the command exists and
 * that its argument count fits its arity, so a handler only validates its own options, does its
 * work and appends exactly one reply to {@link CommandCall#reply()}.
 */
@FunctionalInterface
public interface CommandHandler {
    /** Runs the command and appends its reply. */
    void execute(CommandCall call);
}
