package dev.redisfromscratch.server;

import dev.redisfromscratch.config.ServerConfig;
import java.time.Clock;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

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

    @Option(names = "--maxclients", defaultValue = "10000", description = "most clients connected at once (default: ${DEFAULT-VALUE})")
    private int maxclients;

    @Option(names = "--timeout", defaultValue = "0", description = "close clients idle this many seconds; 0 never (default: ${DEFAULT-VALUE})")
    private long timeout;

    @Option(names = "--requirepass", defaultValue = "", description = "the password AUTH asks for; empty for none")
    private String requirepass;

    @Option(names = "--protected-mode", defaultValue = "yes", description = "yes|no: with no password, serve only loopback clients (default: ${DEFAULT-VALUE})")
    private String protectedMode;

    @Override
    public Integer call() {
        ServerConfig config = persistence.applyTo(options.toConfig())
                .set("maxclients", Integer.toString(maxclients))
                .set("timeout", Long.toString(timeout))
                .set("requirepass", requirepass)
                .set("protected-mode", protectedMode);
        Consumer<String> log = ServerLauncher.logTo(System.out, "lab 5");
        IntegratedServer server;
        try {
            server = IntegratedServer.create(config, Clock.systemUTC(), log);
        } catch (IllegalArgumentException e) {
            System.err.println("Bad configuration: " + e.getMessage());
            return 1;
        }
        String problem = server.prepare(); // load, then open the append-only file
        if (problem != null) {
            System.err.println(problem);
            return 1;
        }
        return ServerLauncher.runForeground("lab 5 (integration)", server, config, System.out, System.err);
    }

    /** Runs the server; exits with its status. */
    public static void main(String[] args) {
        System.exit(new CommandLine(new IntegratedServerMain()).execute(args));
    }
}
