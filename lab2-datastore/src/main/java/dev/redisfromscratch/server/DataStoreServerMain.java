package dev.redisfromscratch.server;

import dev.redisfromscratch.store.DataStore;
import java.time.Clock;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code ./lab run 2}: lab 2's key-value server in the foreground.
 *
 * <pre>java -jar lab2-datastore/target/lab2-datastore.jar --port 6379</pre>
 *
 * <p>Talk to it with {@code nc 127.0.0.1 6379} (inline commands such as {@code SET k v EX 10}) or
 * {@code redis-cli}, which sends RESP: that works from lab 3 on.
 */
@Command(name = "lab2-datastore", mixinStandardHelpOptions = true,
        description = "Lab 2: the blocking TCP server with an in-memory key-value store, TTLs and active expiry "
                + "(inline SET, GET, DEL, EXISTS, DBSIZE, EXPIRE, TTL, PTTL, PERSIST, PING, ECHO, QUIT).")
public final class DataStoreServerMain implements Callable<Integer> {
    @Mixin
    private ServerOptions options;

    @Override
    public Integer call() {
        return ServerLauncher.run("lab 2 (key-value store)", "lab 2", options,
                (config, log) -> DataStoreServer.create(config, new DataStore(Clock.systemUTC()), log));
    }

    /** Entry point; see the class comment. */
    public static void main(String[] args) {
        System.exit(new CommandLine(new DataStoreServerMain()).execute(args));
    }
}
