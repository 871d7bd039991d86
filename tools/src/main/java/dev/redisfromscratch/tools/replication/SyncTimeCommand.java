package dev.redisfromscratch.tools.replication;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code sync-time}: the time of a full sync, from {@code REPLICAOF host port} sent to an empty
 * replica to the replica answering {@code master_link_status:up} in {@code INFO replication} and a
 * {@code DBSIZE} equal to the primary's:
 *
 * <pre>
 * java -jar tools/target/tools.jar sync-time --primary 127.0.0.1:7000 --replica 127.0.0.1:7001 --name redis
 * </pre>
 *
 * <p>It polls the replica every millisecond (INFO replication, then DBSIZE; a {@code -LOADING}
 * answer is "not yet"), so each time is late by at most a millisecond and a poll's round trip.
 * The primary's DBSIZE is read first (the keys of database 0; load the others' keys elsewhere if
 * they count). Prints the times and a last line for scripts, {@code sync-result name=... keys=...
 * link_up_s=... seconds=...}. Exit status 0; 1 if the sync does not finish within {@code --timeout}
 * seconds or the replica refuses REPLICAOF; 2 for bad options.
 */
@Command(name = "sync-time", mixinStandardHelpOptions = true,
        description = "Full-sync time: REPLICAOF sent to an empty replica until master_link_status:up and DBSIZE equal to the primary's.")
public final class SyncTimeCommand implements Callable<Integer> {
    @Option(names = "--primary", required = true, paramLabel = "HOST:PORT", description = "the primary, with its data loaded")
    private String primary;

    @Option(names = "--replica", required = true, paramLabel = "HOST:PORT", description = "an empty server, made its replica")
    private String replica;

    @Option(names = "--timeout", defaultValue = "600", paramLabel = "S", description = "give up after S seconds (default: ${DEFAULT-VALUE})")
    private long timeoutSeconds;

    @Option(names = "--name", defaultValue = "pair", paramLabel = "NAME", description = "names the result line")
    private String name;

    @Override
    public Integer call() throws IOException, InterruptedException {
        InetSocketAddress primaryAddress;
        InetSocketAddress replicaAddress;
        try {
            primaryAddress = LagCommand.parseAddress(primary);
            replicaAddress = LagCommand.parseAddress(replica);
        } catch (IllegalArgumentException e) {
            System.err.println("sync-time: " + e.getMessage());
            return 2;
        }
        long keys;
        try (RespConnection p = RespConnection.open(primaryAddress, 10_000)) {
            Object size = p.call("DBSIZE");
            if (!(size instanceof Long)) {
                System.err.println("sync-time: DBSIZE on the primary answered " + size);
                return 1;
            }
            keys = (Long) size;
        }
        try (RespConnection r = RespConnection.open(replicaAddress, 60_000)) {
            long start = System.nanoTime();
            Object ok = r.call("REPLICAOF", primaryAddress.getHostString(), Integer.toString(primaryAddress.getPort()));
            if (!(ok instanceof String) || !((String) ok).startsWith("OK")) {
                System.err.println("sync-time: REPLICAOF on the replica answered " + ok);
                return 1;
            }
            long deadline = start + TimeUnit.SECONDS.toNanos(timeoutSeconds);
            long linkUp = -1;
            long done = -1;
            while (System.nanoTime() < deadline) {
                if (linkUp < 0 && linkUp(r)) {
                    linkUp = System.nanoTime() - start;
                }
                if (linkUp >= 0 && Long.valueOf(keys).equals(r.call("DBSIZE"))) {
                    done = System.nanoTime() - start;
                    break;
                }
                Thread.sleep(1); // poll the replica about every millisecond
            }
            if (done < 0) {
                System.err.println("sync-time: " + name + ": no master_link_status:up with DBSIZE " + keys
                        + " within " + timeoutSeconds + " s (link " + (linkUp < 0 ? "never up" : "up") + ")");
                return 1;
            }
            System.out.println(String.format(Locale.ROOT, "sync-time: %s: %,d keys: master_link_status:up after %.3f s,"
                    + " DBSIZE %,d after %.3f s", name, keys, linkUp / 1e9, keys, done / 1e9));
            System.out.println(String.format(Locale.ROOT, "sync-result name=%s keys=%d link_up_s=%.3f seconds=%.3f",
                    name, keys, linkUp / 1e9, done / 1e9));
            return 0;
        }
    }

    /** @return whether the replica's INFO replication says {@code master_link_status:up} */
    static boolean linkUp(RespConnection replica) throws IOException {
        Object info = replica.call("INFO", "replication");
        return info instanceof String && ((String) info).contains("master_link_status:up");
    }

    /** Polls {@link #linkUp} about every 10 ms until it is true or {@code timeoutNanos} pass. */
    static boolean awaitLinkUp(RespConnection replica, long timeoutNanos) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeoutNanos;
        while (System.nanoTime() < deadline) {
            if (linkUp(replica)) {
                return true;
            }
            Thread.sleep(10);
        }
        return false;
    }
}
