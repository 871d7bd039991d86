package dev.redisfromscratch.server;

import dev.redisfromscratch.config.ServerConfig;
import dev.redisfromscratch.store.DataStore;
import java.time.Clock;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code ./lab run 4}: lab 4's server in the foreground, with Redis's persistence defaults (save
 * points {@code 3600 1 300 100 60 10000}, {@code dump.json} in the current directory, AOF off).
 * Ctrl+C saves as {@code SHUTDOWN} does.
 *
 * <pre>java -jar lab4-persistence/target/lab4-persistence.jar --appendonly yes --appendfsync always</pre>
 *
 * <p>A bad snapshot or append-only file, a missing directory or an append-only file that cannot be
 * opened stops it before it listens, with one line naming the file (and where it broke), and exit
 * status 1.
 */
@Command(name = "lab4-persistence", mixinStandardHelpOptions = true,
        description = "Lab 4: the RESP server with a JSON snapshot and an append-only file.")
public final class PersistentServerMain implements Callable<Integer> {
    @Mixin
    private ServerOptions options;
    @Mixin
    private PersistenceOptions persistence;

    @Override
    public Integer call() {
        ServerConfig config = persistence.applyTo(options.toConfig());
        Consumer<String> log = ServerLauncher.logTo(System.out, "lab 4");
        PersistentServer server;
        try {
            server = PersistentServer.create(config, new DataStore(Clock.systemUTC()), log);
        } catch (IllegalArgumentException e) {
            System.err.println("Bad configuration: " + e.getMessage());
            return 1;
        }
        String problem = server.prepare(); // load, then open the append-only file
        if (problem != null) {
            System.err.println(problem);
            return 1;
        }
        return ServerLauncher.runForeground("lab 4 (persistence)", server, config, System.out, System.err);
    }

    /** Entry point; see the class comment. */
    public static void main(String[] args) {
        System.exit(new CommandLine(new PersistentServerMain()).execute(args));
    }
}
