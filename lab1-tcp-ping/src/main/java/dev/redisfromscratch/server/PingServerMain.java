package dev.redisfromscratch.server;

import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code ./lab run 1}: lab 1's PING server in the foreground.
 *
 * <pre>java -jar lab1-tcp-ping/target/lab1-tcp-ping.jar --port 6379</pre>
 */
@Command(name = "lab1-tcp-ping", mixinStandardHelpOptions = true,
        description = "Lab 1: a blocking, single-threaded TCP server that answers inline PING, ECHO and QUIT.")
public final class PingServerMain implements Callable<Integer> {
    @Mixin
    private ServerOptions options;

    @Override
    public Integer call() {
        return ServerLauncher.run("lab 1 (PING server)", "lab 1", options, PingServer::create);
    }

    /** Entry point; see the class comment. */
    public static void main(String[] args) {
        System.exit(new CommandLine(new PingServerMain()).execute(args));
    }
}
