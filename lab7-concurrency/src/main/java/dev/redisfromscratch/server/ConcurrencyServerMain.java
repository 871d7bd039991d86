package dev.redisfromscratch.server;

import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code ./lab run 7}: lab 7's server (lab 6's, served by one event-loop thread) in the
 * foreground, with lab 4's persistence options and lab 5's limits. Ctrl+C (SIGTERM) saves as
 * {@code SHUTDOWN} does, then exits.
 */
@Command(name = "lab7-concurrency", mixinStandardHelpOptions = true,
        description = "Lab 7: one event-loop thread serving every client.")
public final class ConcurrencyServerMain implements Callable<Integer> {
    @Mixin
    private ServerOptions options;
    @Mixin
    private PersistenceOptions persistence;
    @Mixin
    private IntegrationOptions limits;

    @Override
    public Integer call() {
        return IntegratedServerMain.serve("lab 7", "lab 7 (event loop)",
                persistence.applyTo(limits.applyTo(options.toConfig())), ConcurrencyServer.extensions());
    }

    /** Runs the server; exits with its status. */
    public static void main(String[] args) {
        System.exit(new CommandLine(new ConcurrencyServerMain()).execute(args));
    }
}
