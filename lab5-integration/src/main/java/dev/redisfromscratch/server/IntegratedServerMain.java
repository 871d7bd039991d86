package dev.redisfromscratch.server;

import dev.redisfromscratch.config.ServerConfig;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code ./lab run 5}: lab 5's server in the foreground, with lab 4's persistence options and lab
 * 5's limits. Ctrl+C (SIGTERM) saves as {@code SHUTDOWN} does, then exits.
 */
@Command(name = "lab5-integration", mixinStandardHelpOptions = true,
        description = "Lab 5: the integrated server: many clients, databases, transactions, pub/sub.")
public final class IntegratedServerMain implements Callable<Integer> {
    @Mixin
    private ServerOptions options;
    @Mixin
    private PersistenceOptions persistence;
    @Mixin
    private IntegrationOptions limits;

    @Override
    public Integer call() {
        return serve("lab 5", "lab 5 (integration)", persistence.applyTo(limits.applyTo(options.toConfig())), List.of());
    }

    /**
     * Makes, loads and runs lab 5's server with a later lab's extensions, until it stops: what lab
     * 5's main and every later lab's do.
     *
     * @param tag the log lines' tag, e.g. {@code "lab 6"}
     * @param title the banner's title
     * @param config the configuration from the command line
     * @param extensions the later lab's additions (none for lab 5)
     * @return the exit status: 0, or 1 for a bad parameter or a file that does not load
     */
    public static int serve(String tag, String title, ServerConfig config, List<ServerExtension> extensions) {
        Consumer<String> log = ServerLauncher.logTo(System.out, tag);
        IntegratedServer server;
        try {
            server = IntegratedServer.create(config, Clock.systemUTC(), PersistentServer::backgroundThread, log, extensions);
        } catch (IllegalArgumentException e) {
            System.err.println("Bad configuration: " + e.getMessage());
            return 1;
        }
        String problem = server.prepare(); // load, then open the append-only file
        if (problem != null) {
            System.err.println(problem);
            return 1;
        }
        return ServerLauncher.runForeground(title, server, config, System.out, System.err);
    }

    /** Runs the server; exits with its status. */
    public static void main(String[] args) {
        System.exit(new CommandLine(new IntegratedServerMain()).execute(args));
    }
}
