package dev.redisfromscratch.server;

import dev.redisfromscratch.store.DataStore;
import java.time.Clock;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code ./lab run 3}: lab 3's RESP server in the foreground. {@code redis-cli},
 * {@code redis-benchmark}, Jedis and Lettuce can talk to it.
 *
 * <pre>java -jar lab3-resp-parser/target/lab3-resp-parser.jar --port 6379</pre>
 */
@Command(name = "lab3-resp-parser", mixinStandardHelpOptions = true,
        description = "Lab 3: a single-threaded RESP server with the lab 2 DataStore behind it.")
public final class RespServerMain implements Callable<Integer> {
    @Mixin
    private ServerOptions options;

    @Override
    public Integer call() {
        return ServerLauncher.run("lab 3 (RESP server)", "lab 3", options,
                (config, log) -> RespServer.create(config, new DataStore(Clock.systemUTC()), log));
    }

    /** Entry point; see the class comment. */
    public static void main(String[] args) {
        System.exit(new CommandLine(new RespServerMain()).execute(args));
    }
}
