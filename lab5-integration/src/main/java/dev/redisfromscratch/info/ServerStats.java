package dev.redisfromscratch.info;

import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * The server-wide statistics {@code INFO} reports that no other part of the server keeps: the run
 * id and replication id (random per start), the instantaneous rates, the peak memory, and the
 * baseline that {@code CONFIG RESETSTAT} sets for counters it cannot zero itself.
 *
 * <p>Not thread-safe: the cron and {@code INFO} use it under the global lock.
 *
 * <p>Redis: {@code server.c}, {@code server.runid}, {@code server.replid}, {@code inst_metric},
 * {@code stat_peak_memory}, {@code resetServerStats}.
 */
public final class ServerStats {
    /** How often the rates are sampled, ms (Redis: {@code run_with_period(100)}). */
    public static final long SAMPLE_PERIOD_MILLIS = 100;

    private final String runId = randomHex();
    private final String replicationId = randomHex();
    private final long startMillis;
    private final InstantaneousMetric commands;
    private final InstantaneousMetric input;
    private final InstantaneousMetric output;
    private long lastSampleNanos;
    private long peakMemory;
    private long expiredKeysBase;

    /** @param startMillis when the server started, Unix ms on its clock (for {@code uptime_in_seconds}) */
    public ServerStats(long startMillis) {
        this.startMillis = startMillis;
        long now = System.nanoTime();
        this.commands = new InstantaneousMetric(now);
        this.input = new InstantaneousMetric(now);
        this.output = new InstantaneousMetric(now);
        this.lastSampleNanos = now;
    }

    /** @return 40 random hex digits, new at each start ({@code run_id}) */
    public String runId() {
        return runId;
    }

    /** @return 40 random hex digits, new at each start ({@code master_replid}) */
    public String replicationId() {
        return replicationId;
    }

    /** @return when the server started, Unix ms */
    public long startMillis() {
        return startMillis;
    }

    /**
     * The cron's part: at most every {@value #SAMPLE_PERIOD_MILLIS} ms, samples the three rates and
     * the memory in use (for the peak).
     *
     * @param commandsProcessed {@code total_commands_processed} now
     * @param inputBytes {@code total_net_input_bytes} now
     * @param outputBytes {@code total_net_output_bytes} now
     */
    public void cron(long commandsProcessed, long inputBytes, long outputBytes) {
        long now = System.nanoTime();
        if (now - lastSampleNanos < SAMPLE_PERIOD_MILLIS * 1_000_000) {
            return;
        }
        lastSampleNanos = now;
        commands.sample(now, commandsProcessed);
        input.sample(now, inputBytes);
        output.sample(now, outputBytes);
        peakMemory(ProcessMetrics.usedMemory());
    }

    /** @return commands per second over the last 1.6 s ({@code instantaneous_ops_per_sec}) */
    public long opsPerSecond() {
        return commands.perSecond();
    }

    /** @return bytes read per second over the last 1.6 s */
    public long inputPerSecond() {
        return input.perSecond();
    }

    /** @return bytes written per second over the last 1.6 s */
    public long outputPerSecond() {
        return output.perSecond();
    }

    /**
     * Records memory in use and returns the peak so far, as Redis updates its peak when
     * {@code INFO} finds more in use than it (so the peak is never below the current value).
     */
    public long peakMemory(long usedNow) {
        peakMemory = Math.max(peakMemory, usedNow);
        return peakMemory;
    }

    /** @return {@code expired_keys}: {@code expiredKeysTotal} since the last {@code CONFIG RESETSTAT} */
    public long expiredKeys(long expiredKeysTotal) {
        return expiredKeysTotal - expiredKeysBase;
    }

    /**
     * {@code CONFIG RESETSTAT}: the rates start again, and {@code expired_keys} counts from the
     * store's total now.
     */
    public void reset(long expiredKeysTotal) {
        long now = System.nanoTime();
        commands.reset(now);
        input.reset(now);
        output.reset(now);
        expiredKeysBase = expiredKeysTotal;
    }

    private static String randomHex() {
        byte[] bytes = new byte[20];
        new SecureRandom().nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}
