package dev.redisfromscratch.server;

import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code ./lab run 6}: lab 6's server (lab 5's with lists, sets and blocking pops) in the
 * foreground, with lab 4's persistence options and lab 5's limits. Ctrl+C (SIGTERM) saves as
 * {@code SHUTDOWN} does, then exits.
 */
@Command(name = "lab6-lists-sets", mixinStandardHelpOptions = true,
        description = "Lab 6: lists and sets, blocking pops, compact encodings.")
public final class ListsSetsServerMain implements Callable<Integer> {
    @Mixin
    private ServerOptions options;
    @Mixin
    private PersistenceOptions persistence;
    @Mixin
    private IntegrationOptions limits;

    @Override
    public Integer call() {
        return IntegratedServerMain.serve("lab 6", "lab 6 (lists and sets)",
                persistence.applyTo(limits.applyTo(options.toConfig())), ListsSetsServer.extensions());
    }

    /** Runs the server; exits with its status. */
    public static void main(String[] args) {
        System.exit(new CommandLine(new ListsSetsServerMain()).execute(args));
    }
}
