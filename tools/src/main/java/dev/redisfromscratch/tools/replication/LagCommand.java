package dev.redisfromscratch.tools.replication;

import dev.redisfromscratch.tools.load.LatencyReport;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code lag}: replication lag, the time from a write's reply on the primary to its visibility on a
 * replica, under {@code redis-benchmark -c 50 -t set} load on the primary:
 *
 * <pre>
 * java -jar tools/target/tools.jar lag --primary 127.0.0.1:7000 --replica 127.0.0.1:7001 \
 *      --load-requests 1000000 --name redis --out target/lag
 * </pre>
 *
 * <p>One probe: {@code SET lag:probe <n>} on the primary; when its {@code +OK} arrives, the clock
 * starts; then {@code GET lag:probe} on the replica, again and again, until it answers {@code <n>};
 * the clock stops when that reply arrives. So each sample is an upper bound, too large by at most
 * one GET round trip to the replica (printed as the resolution: the replica's median GET round
 * trip in the same run). The next probe starts {@code --interval-ms} later. Probes run from
 * 0.5 s after {@code redis-benchmark} starts until it exits ({@code --no-load}: for
 * {@code --seconds}); each lasts at most 5 s (a probe not visible by then is counted as lost).
 *
 * <p>The probe is a closed loop, so a stall of the replica would hide the probes it delayed: the
 * percentiles are corrected for coordinated omission as {@code ./lab load}'s are (see
 * {@link LatencyReport}), with an expected interval of the pause between probes plus the raw
 * median, and printed beside the raw ones.
 *
 * <p>It prints the percentiles (p50, p90, p99, p99.9, max, in ms), redis-benchmark's requests/s,
 * and a last line for scripts, {@code lag-result name=... probes=... lost=... p50_ms=... p99_ms=...
 * p999_ms=... max_ms=... raw_p99_ms=... resolution_ms=... load_rps=...} (corrected but for
 * {@code raw_p99_ms}); writes the distributions to {@code OUT/NAME-lag.hgrm} and
 * {@code NAME-lag-raw.hgrm}. Exit status 0; 1 if the replica's link is not up within 30 s, a probe
 * was lost, or redis-benchmark failed; 2 for bad options.
 */
@Command(name = "lag", mixinStandardHelpOptions = true,
        description = "Replication lag: a write's reply on the primary to its visibility on the replica, under"
                + " redis-benchmark SET load; HdrHistogram percentiles.")
public final class LagCommand implements Callable<Integer> {
    /** How long one probe may take to show on the replica, ms; then it is lost. */
    static final long PROBE_TIMEOUT_MILLIS = 5_000;
    /** The probes' key (redis-benchmark's SETs use {@code key:__rand_int__}). */
    static final String PROBE_KEY = "lag:probe";

    @Option(names = "--primary", required = true, paramLabel = "HOST:PORT", description = "the primary")
    private String primary;

    @Option(names = "--replica", required = true, paramLabel = "HOST:PORT", description = "a replica of it")
    private String replica;

    @Option(names = "--load-requests", defaultValue = "1000000", paramLabel = "N",
            description = "redis-benchmark -n N: the SETs of the load (default: ${DEFAULT-VALUE})")
    private long loadRequests;

    @Option(names = "--load-clients", defaultValue = "50", paramLabel = "C",
            description = "redis-benchmark -c C (default: ${DEFAULT-VALUE})")
    private int loadClients;

    @Option(names = "--no-load", description = "probe an idle primary for --seconds instead")
    private boolean noLoad;

    @Option(names = "--seconds", defaultValue = "5", paramLabel = "S", description = "with --no-load: how long to probe (default: ${DEFAULT-VALUE})")
    private double seconds;

    @Option(names = "--interval-ms", defaultValue = "5", paramLabel = "MS",
            description = "pause between one probe's end and the next one's SET, ms (default: ${DEFAULT-VALUE})")
    private long intervalMillis;

    @Option(names = "--name", defaultValue = "pair", paramLabel = "NAME", description = "names the output file and the result line")
    private String name;

    @Option(names = "--out", defaultValue = "target/lag", paramLabel = "DIR", description = "where NAME-lag.hgrm goes (default: ${DEFAULT-VALUE})")
    private Path out;

    @Override
    public Integer call() throws IOException, InterruptedException {
        InetSocketAddress primaryAddress;
        InetSocketAddress replicaAddress;
        try {
            primaryAddress = parseAddress(primary);
            replicaAddress = parseAddress(replica);
        } catch (IllegalArgumentException e) {
            System.err.println("lag: " + e.getMessage());
            return 2;
        }
        if (loadRequests < 1 || loadClients < 1 || seconds <= 0 || intervalMillis < 0) {
            System.err.println("lag: --load-requests and --load-clients must be >= 1, --seconds > 0, --interval-ms >= 0");
            return 2;
        }
        Files.createDirectories(out);
        try (RespConnection p = RespConnection.open(primaryAddress, 10_000);
             RespConnection r = RespConnection.open(replicaAddress, 10_000)) {
            if (!SyncTimeCommand.awaitLinkUp(r, TimeUnit.SECONDS.toNanos(30))) {
                System.err.println("lag: the replica " + replica + " has no master_link_status:up within 30 s");
                return 1;
            }
            Process load = null;
            Path loadOutput = out.resolve(name + "-redis-benchmark.csv");
            List<String> loadCommand = List.of("redis-benchmark", "-h", primaryAddress.getHostString(),
                    "-p", Integer.toString(primaryAddress.getPort()), "-c", Integer.toString(loadClients),
                    "-t", "set", "-n", Long.toString(loadRequests), "--csv");
            if (!noLoad) {
                System.out.println("+ " + String.join(" ", loadCommand));
                load = new ProcessBuilder(loadCommand).redirectErrorStream(true).redirectOutput(loadOutput.toFile()).start();
                Thread.sleep(500); // the load's connections open and its first requests run, not probed
            }
            Probes probes;
            try {
                long end = System.nanoTime() + (long) (seconds * 1e9);
                Process running = load;
                probes = probe(p, r, () -> running != null ? running.isAlive() : System.nanoTime() < end, intervalMillis);
            } finally {
                if (load != null && load.isAlive()) {
                    load.destroy();
                }
            }
            String loadRps = "none";
            if (load != null) {
                int status = load.waitFor();
                String csv = Files.readString(loadOutput, StandardCharsets.UTF_8);
                loadRps = requestsPerSecond(csv);
                if (status != 0 || loadRps == null) {
                    System.err.println("lag: " + String.join(" ", loadCommand) + " failed (status " + status + "):\n" + csv);
                    return 1;
                }
            }
            Histogram raw = probes.lag();
            // the probe is a closed loop: a stall of the replica delays the probes it would have sent meanwhile
            long expected = TimeUnit.MILLISECONDS.toNanos(intervalMillis) + raw.getValueAtPercentile(50);
            Histogram h = raw.getTotalCount() == 0 ? raw.copy() : raw.copyCorrectedForCoordinatedOmission(expected);
            Files.writeString(out.resolve(name + "-lag.hgrm"), LatencyReport.hgrm(h));
            Files.writeString(out.resolve(name + "-lag-raw.hgrm"), LatencyReport.hgrm(raw));
            double resolution = probes.getRoundTrip().getTotalCount() == 0 ? 0
                    : probes.getRoundTrip().getValueAtPercentile(50) / 1e6;
            System.out.print(String.format(Locale.ROOT, "lag: %s: %d probes, %d lost; under %s; replica GET round trip"
                            + " (the resolution) p50 %.3f ms%n", name, raw.getTotalCount(), probes.lost(),
                    load == null ? "no load" : "redis-benchmark -c " + loadClients + " -t set: " + loadRps + " requests/s",
                    resolution));
            System.out.print(table(h, raw));
            System.out.println(String.format(Locale.ROOT, "  coordinated omission: corrected with an expected interval of"
                    + " %.3f ms (the pause between probes and the raw median), which added %,d samples to %,d",
                    expected / 1e6, h.getTotalCount() - raw.getTotalCount(), raw.getTotalCount()));
            System.out.println(String.format(Locale.ROOT, "lag-result name=%s probes=%d lost=%d p50_ms=%.3f p99_ms=%.3f"
                            + " p999_ms=%.3f max_ms=%.3f raw_p99_ms=%.3f resolution_ms=%.3f load_rps=%s", name,
                    raw.getTotalCount(), probes.lost(), ms(h, 50), ms(h, 99), ms(h, 99.9), h.getMaxValue() / 1e6,
                    ms(raw, 99), resolution, loadRps));
            return probes.lost() == 0 && probes.lag().getTotalCount() > 0 ? 0 : 1;
        }
    }

    /** What the probes measured: lag and replica round trips in ns, and how many probes were lost. */
    record Probes(Histogram lag, Histogram getRoundTrip, long lost) {
    }

    /** A condition checked before each probe. */
    interface While {
        boolean stillRunning();
    }

    /**
     * Probes until {@code running} says stop; see the class comment.
     *
     * @return the lag histogram (ns, 1 µs to 60 s, 3 digits), the replica's GET round trips, the lost count
     */
    static Probes probe(RespConnection primary, RespConnection replica, While running, long intervalMillis)
            throws IOException, InterruptedException {
        Histogram lag = new Histogram(TimeUnit.SECONDS.toNanos(60), 3);
        Histogram roundTrip = new Histogram(TimeUnit.SECONDS.toNanos(60), 3);
        long lost = 0;
        long seq = 0;
        String run = Long.toString(System.nanoTime(), 36);
        while (running.stillRunning()) {
            String value = run + ":" + ++seq;
            Object ok = primary.call("SET", PROBE_KEY, value);
            long replied = System.nanoTime();
            if (!"OK".equals(ok)) {
                throw new IOException("SET on the primary answered " + ok);
            }
            boolean seen = false;
            long now = replied;
            while (now - replied < TimeUnit.MILLISECONDS.toNanos(PROBE_TIMEOUT_MILLIS)) {
                long sent = System.nanoTime();
                Object got = replica.call("GET", PROBE_KEY);
                now = System.nanoTime();
                roundTrip.recordValue(Math.max(1, now - sent));
                if (value.equals(got)) {
                    seen = true;
                    break;
                }
            }
            if (seen) {
                lag.recordValue(Math.max(1, now - replied));
            } else {
                lost++;
            }
            if (intervalMillis > 0) {
                Thread.sleep(intervalMillis);
            }
        }
        return new Probes(lag, roundTrip, lost);
    }

    /** @return the lag at {@code percentile} (0 to 100), ms */
    static double ms(Histogram h, double percentile) {
        return h.getValueAtPercentile(percentile) / 1e6;
    }

    /**
     * @return one line per percentile of {@link LatencyReport#PERCENTILES}, then the max, in ms:
     *     corrected and raw
     */
    static String table(Histogram corrected, Histogram raw) {
        StringBuilder t = new StringBuilder(String.format(Locale.ROOT, "  %-12s %10s %10s%n", "lag (ms)", "corrected", "raw"));
        for (double p : LatencyReport.PERCENTILES) {
            t.append(String.format(Locale.ROOT, "  %-12s %10.3f %10.3f%n", LatencyReport.label(p), ms(corrected, p), ms(raw, p)));
        }
        return t.append(String.format(Locale.ROOT, "  %-12s %10.3f %10.3f%n", "max", corrected.getMaxValue() / 1e6,
                raw.getMaxValue() / 1e6)).toString();
    }

    /** @return the requests/s of {@code redis-benchmark --csv}'s SET line, or null if there is none */
    static String requestsPerSecond(String csv) {
        for (String line : csv.split("\r?\n|\r")) {
            if (line.startsWith("\"SET\",")) {
                String[] fields = line.split("\",\"");
                if (fields.length > 1) {
                    return fields[1].replace("\"", "");
                }
            }
        }
        return null;
    }

    /** @return the address of {@code host:port} (the load package's reading) @throws IllegalArgumentException if malformed */
    static InetSocketAddress parseAddress(String hostPort) {
        return dev.redisfromscratch.tools.load.LoadCommand.parseAddress("an address", hostPort);
    }
}
