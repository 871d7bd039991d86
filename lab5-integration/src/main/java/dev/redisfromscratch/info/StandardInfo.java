package dev.redisfromscratch.info;

import dev.redisfromscratch.client.ClientFlag;
import dev.redisfromscratch.clients.ClientConnection;
import dev.redisfromscratch.clients.ClientRegistry;
import dev.redisfromscratch.clients.HelloCommand;
import dev.redisfromscratch.command.CommandSpec;
import dev.redisfromscratch.command.CommandStats;
import dev.redisfromscratch.command.CommandTable;
import dev.redisfromscratch.config.ServerConfig;
import dev.redisfromscratch.persistence.Persistence;
import dev.redisfromscratch.store.DataStore;
import dev.redisfromscratch.store.Databases;
import dev.redisfromscratch.store.Key;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The fields of {@code INFO} that this server can really report, each under Redis 7.0's name and in
 * its section. Every other field of Redis's is left out rather than made up; the ones that are
 * constants here say something true (there is no cluster, no eviction, no replica yet).
 *
 * <pre>
 * Server       redis_version (7.0.15, the version whose behaviour this server copies; clients read it)
 *              redis_mode os arch_bits process_id process_supervised run_id tcp_port server_time_usec
 *              uptime_in_seconds uptime_in_days hz configured_hz config_file
 * Clients      connected_clients cluster_connections maxclients blocked_clients tracking_clients
 * Memory       used_memory(_human) (the JVM heap in use) used_memory_rss(_human) used_memory_peak(_human)
 *              used_memory_peak_perc total_system_memory(_human) maxmemory(_human) maxmemory_policy
 * Persistence  loading async_loading rdb_changes_since_last_save rdb_bgsave_in_progress
 *              rdb_last_save_time rdb_last_bgsave_status rdb_last_load_keys_expired
 *              rdb_last_load_keys_loaded aof_enabled aof_rewrite_in_progress aof_rewrite_scheduled
 *              aof_last_bgrewrite_status aof_last_write_status, and with the append-only file on:
 *              aof_current_size aof_pending_rewrite aof_buffer_length
 * Stats        total_connections_received total_commands_processed instantaneous_ops_per_sec
 *              total_net_input_bytes total_net_output_bytes instantaneous_input_kbps
 *              instantaneous_output_kbps rejected_connections expired_keys evicted_keys
 * Replication  role:master connected_slaves:0 master_failover_state master_replid master_replid2
 *              master_repl_offset:0 second_repl_offset:-1 repl_backlog_active:0
 *              repl_backlog_first_byte_offset:0 repl_backlog_histlen:0
 * CPU          used_cpu_sys used_cpu_user used_cpu_sys_children used_cpu_user_children (Linux)
 * Modules      (none)
 * Commandstats cmdstat_&lt;name&gt;:calls=..,usec=..,usec_per_call=..,rejected_calls=..,failed_calls=..
 * Cluster      cluster_enabled:0
 * Keyspace     db&lt;n&gt;:keys=..,expires=..,avg_ttl=.. for each database with keys
 * </pre>
 *
 * <p>{@code avg_ttl} is, as in Redis, an estimate: the mean time to live, in ms, of up to 20 keys
 * with a TTL picked at random when {@code INFO} asks (Redis keeps a running mean of what its active
 * expiry cycle samples). Looking at a sampled key that has expired reclaims it, as any lookup does.
 *
 * <p>Redis: {@code server.c}, {@code genRedisInfoString}.
 */
public final class StandardInfo {
    /** Keys sampled for {@code avg_ttl}. */
    public static final int AVG_TTL_SAMPLES = 20;

    private StandardInfo() {
    }

    /**
     * Registers every field above in {@code info}.
     *
     * @param config the parameters ({@code hz}, {@code maxclients}, {@code port})
     * @param clients the connected clients and the connection statistics
     * @param dbs the databases (Keyspace, {@code expired_keys})
     * @param table the commands and their statistics
     * @param persistence lab 4's snapshot and append-only file
     * @param stats the rates, ids and baselines
     * @param clock the server's clock
     */
    public static void register(Info info, ServerConfig config, ClientRegistry clients, Databases dbs,
                                CommandTable table, Persistence persistence, ServerStats stats, Clock clock) {
        server(info, config, stats, clock);
        info.field("clients", "connected_clients", () -> clients.all().stream()
                        .filter(c -> !c.client().has(ClientFlag.REPLICA)).count())
                .field("clients", "cluster_connections", () -> 0)
                .field("clients", "maxclients", () -> config.all().get("maxclients"))
                .field("clients", "blocked_clients", () -> clients.all().stream()
                        .filter(c -> c.client().has(ClientFlag.BLOCKED)).count())
                .field("clients", "tracking_clients", () -> 0);
        memory(info, stats);
        persistence(info, persistence);
        info.field("stats", "total_connections_received", clients::connectionsReceived)
                .field("stats", "total_commands_processed", () -> commandsProcessed(table))
                .field("stats", "instantaneous_ops_per_sec", stats::opsPerSecond)
                .field("stats", "total_net_input_bytes", clients::inputBytes)
                .field("stats", "total_net_output_bytes", clients::outputBytes)
                .field("stats", "instantaneous_input_kbps", () -> kbps(stats.inputPerSecond()))
                .field("stats", "instantaneous_output_kbps", () -> kbps(stats.outputPerSecond()))
                .field("stats", "rejected_connections", clients::rejected)
                .field("stats", "expired_keys", () -> stats.expiredKeys(expiredKeys(dbs)))
                .field("stats", "evicted_keys", () -> 0); // no maxmemory, so nothing is ever evicted
        info.field("replication", "role", () -> "master")
                .field("replication", "connected_slaves", () -> 0)
                .field("replication", "master_failover_state", () -> "no-failover")
                .field("replication", "master_replid", stats::replicationId)
                .field("replication", "master_replid2", () -> "0".repeat(40))
                .field("replication", "master_repl_offset", () -> 0)
                .field("replication", "second_repl_offset", () -> -1)
                .field("replication", "repl_backlog_active", () -> 0)
                .field("replication", "repl_backlog_first_byte_offset", () -> 0)
                .field("replication", "repl_backlog_histlen", () -> 0);
        cpu(info);
        info.section("modules");
        info.lines("commandstats", "cmdstat_%s", lines -> commandStats(table, table.all(), lines));
        info.field("cluster", "cluster_enabled", () -> 0);
        SplittableRandom random = new SplittableRandom();
        info.lines("keyspace", "db%d", lines -> keyspace(dbs, random, lines));
    }

    private static void server(Info info, ServerConfig config, ServerStats stats, Clock clock) {
        info.field("server", "redis_version", () -> HelloCommand.REDIS_VERSION)
                .field("server", "redis_mode", () -> "standalone")
                .field("server", "os", ProcessMetrics::os)
                .field("server", "arch_bits", ProcessMetrics::archBits)
                .field("server", "process_id", () -> ProcessHandle.current().pid())
                .field("server", "process_supervised", () -> "no")
                .field("server", "run_id", stats::runId)
                .field("server", "tcp_port", config::port)
                .field("server", "server_time_usec", () -> ChronoUnit.MICROS.between(Instant.EPOCH, clock.instant()))
                .field("server", "uptime_in_seconds", () -> uptimeSeconds(stats, clock))
                .field("server", "uptime_in_days", () -> uptimeSeconds(stats, clock) / (3600 * 24))
                .field("server", "hz", config::hz)
                .field("server", "configured_hz", config::hz)
                .field("server", "config_file", () -> "");
    }

    private static long uptimeSeconds(ServerStats stats, Clock clock) {
        return clock.millis() / 1000 - stats.startMillis() / 1000;
    }

    private static void memory(Info info, ServerStats stats) {
        info.field("memory", "used_memory", ProcessMetrics::usedMemory)
                .field("memory", "used_memory_human", () -> Info.human(ProcessMetrics.usedMemory()))
                .field("memory", "used_memory_rss", () -> orNull(ProcessMetrics.residentBytes()))
                .field("memory", "used_memory_rss_human", () -> {
                    long rss = ProcessMetrics.residentBytes();
                    return rss < 0 ? null : Info.human(rss);
                })
                .field("memory", "used_memory_peak", () -> stats.peakMemory(ProcessMetrics.usedMemory()))
                .field("memory", "used_memory_peak_human", () -> Info.human(stats.peakMemory(ProcessMetrics.usedMemory())))
                .field("memory", "used_memory_peak_perc", () -> {
                    long used = ProcessMetrics.usedMemory();
                    return Info.twoDecimals(used * 100.0 / stats.peakMemory(used)) + "%";
                })
                .field("memory", "total_system_memory", () -> orNull(ProcessMetrics.totalSystemMemory()))
                .field("memory", "total_system_memory_human", () -> {
                    long total = ProcessMetrics.totalSystemMemory();
                    return total < 0 ? null : Info.human(total);
                })
                .field("memory", "maxmemory", () -> 0)
                .field("memory", "maxmemory_human", () -> "0B")
                .field("memory", "maxmemory_policy", () -> "noeviction");
    }

    private static void persistence(Info info, Persistence p) {
        info.field("persistence", "loading", () -> 0) // INFO is answered only once loading is done
                .field("persistence", "async_loading", () -> 0)
                .field("persistence", "rdb_changes_since_last_save", p::changesSinceLastSave)
                .field("persistence", "rdb_bgsave_in_progress", () -> p.bgsaveInProgress() ? 1 : 0)
                .field("persistence", "rdb_last_save_time", p::lastSave)
                .field("persistence", "rdb_last_bgsave_status", () -> p.lastBgsaveOk() ? "ok" : "err")
                .field("persistence", "rdb_last_load_keys_expired", p::lastLoadKeysExpired)
                .field("persistence", "rdb_last_load_keys_loaded", p::lastLoadKeysLoaded)
                .field("persistence", "aof_enabled", () -> p.appendOnlyFile() != null ? 1 : 0)
                .field("persistence", "aof_rewrite_in_progress",
                        () -> p.appendOnlyFile() != null && p.appendOnlyFile().rewriteInProgress() ? 1 : 0)
                .field("persistence", "aof_rewrite_scheduled", () -> p.rewriteScheduled() ? 1 : 0)
                .field("persistence", "aof_last_bgrewrite_status", () -> p.lastRewriteOk() ? "ok" : "err")
                .field("persistence", "aof_last_write_status",
                        () -> p.appendOnlyFile() == null || p.appendOnlyFile().writeError() == null ? "ok" : "err")
                .field("persistence", "aof_current_size", () -> {
                    if (p.appendOnlyFile() == null) {
                        return null;
                    }
                    try {
                        return Files.size(p.appendOnlyFile().path());
                    } catch (IOException e) {
                        return null;
                    }
                })
                .field("persistence", "aof_pending_rewrite",
                        () -> p.appendOnlyFile() == null ? null : p.rewriteScheduled() ? 1 : 0)
                .field("persistence", "aof_buffer_length",
                        () -> p.appendOnlyFile() == null ? null : p.appendOnlyFile().bufferedBytes());
    }

    private static void cpu(Info info) {
        String[] names = {"used_cpu_user", "used_cpu_sys", "used_cpu_user_children", "used_cpu_sys_children"};
        for (int i = 0; i < names.length; i++) {
            int index = i;
            info.field("cpu", names[i], () -> {
                long[] micros = ProcessMetrics.cpuMicros();
                return micros == null ? null : ProcessMetrics.seconds(micros[index]);
            });
        }
    }

    /** @return the calls of every command and subcommand: {@code total_commands_processed} */
    public static long commandsProcessed(CommandTable table) {
        long calls = 0;
        for (CommandSpec spec : table.all()) {
            calls += table.stats(spec).calls();
            for (CommandSpec sub : spec.subcommands()) {
                calls += table.stats(sub).calls();
            }
        }
        return calls;
    }

    /** @return the keys reclaimed by expiry in every database, since the server started */
    public static long expiredKeys(Databases dbs) {
        long expired = 0;
        for (int i = 0; i < dbs.count(); i++) {
            expired += dbs.db(i).expiredKeys();
        }
        return expired;
    }

    /** {@code cmdstat_get:calls=2,usec=15,usec_per_call=7.50,rejected_calls=0,failed_calls=0}, for each command used. */
    private static void commandStats(CommandTable table, Iterable<CommandSpec> specs, List<String> lines) {
        for (CommandSpec spec : specs) {
            CommandStats s = table.stats(spec);
            if (s.calls() > 0 || s.failedCalls() > 0 || s.rejectedCalls() > 0) {
                float perCall = s.calls() == 0 ? 0 : (float) s.microseconds() / s.calls(); // C's float, then %.2f
                lines.add("cmdstat_" + spec.name() + ":calls=" + s.calls() + ",usec=" + s.microseconds()
                        + ",usec_per_call=" + Info.twoDecimals(perCall) + ",rejected_calls=" + s.rejectedCalls()
                        + ",failed_calls=" + s.failedCalls());
            }
            commandStats(table, spec.subcommands(), lines);
        }
    }

    /** {@code db0:keys=1,expires=0,avg_ttl=0}, for each database that has keys. */
    private static void keyspace(Databases dbs, SplittableRandom random, List<String> lines) {
        Key[] sample = new Key[AVG_TTL_SAMPLES];
        for (int i = 0; i < dbs.count(); i++) {
            DataStore db = dbs.db(i);
            long keys = db.size();
            long volatileKeys = db.volatileKeyCount();
            if (keys == 0 && volatileKeys == 0) {
                continue;
            }
            long avgTtl = 0;
            if (volatileKeys > 0) {
                int n = db.sampleVolatileKeys(sample, AVG_TTL_SAMPLES, random);
                long sum = 0;
                int counted = 0;
                for (int k = 0; k < n; k++) {
                    long ttl = db.pttl(sample[k].bytes());
                    if (ttl > 0) {
                        sum += ttl;
                        counted++;
                    }
                }
                avgTtl = counted == 0 ? 0 : sum / counted;
                keys = db.size(); // the sample may have reclaimed expired keys
                volatileKeys = db.volatileKeyCount();
                if (keys == 0 && volatileKeys == 0) {
                    continue;
                }
            }
            lines.add("db" + i + ":keys=" + keys + ",expires=" + volatileKeys + ",avg_ttl=" + avgTtl);
        }
    }

    private static String kbps(long bytesPerSecond) {
        return Info.twoDecimals((float) bytesPerSecond / 1024);
    }

    private static Long orNull(long value) {
        return value < 0 ? null : value;
    }
}
