package dev.redisfromscratch.server;

import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code ./lab run 8}: lab 8's server (lab 7's event loop, with replication) in the foreground,
 * with lab 4's persistence options and lab 5's limits; {@code --replicaof HOST PORT} starts it as a
 * replica, as {@code redis-server --replicaof} does. Ctrl+C (SIGTERM) saves as {@code SHUTDOWN}
 * does, then exits.
 *
 * <p>Redis: {@code redis.conf}, "REPLICATION" ({@code replicaof}).
 */
@Command(name = "lab8-replication", mixinStandardHelpOptions = true,
        description = "Lab 8: a primary and its replicas (PSYNC, the backlog, WAIT).")
public final class ReplicationServerMain implements Callable<Integer> {
    @Mixin
    private ServerOptions options;
    @Mixin
    private PersistenceOptions persistence;
    @Mixin
    private IntegrationOptions limits;

    @Option(names = "--replicaof", arity = "2", paramLabel = "HOST PORT",
            description = "start as a replica of the primary at HOST PORT (REPLICAOF NO ONE ends it)")
    private List<String> replicaof;

    @Override
    public Integer call() {
        var config = persistence.applyTo(limits.applyTo(options.toConfig()));
        if (replicaof != null) {
            config.set("replicaof", String.join(" ", replicaof));
        }
        return IntegratedServerMain.serve("lab 8", "lab 8 (replication)", config, ReplicationServer.extensions());
    }

    /** Runs the server; exits with its status. */
    public static void main(String[] args) {
        System.exit(new CommandLine(new ReplicationServerMain()).execute(args));
    }
}
