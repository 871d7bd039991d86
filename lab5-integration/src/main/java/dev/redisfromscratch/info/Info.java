package dev.redisfromscratch.info;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The text {@code INFO} answers, built from fields that each feature registers, in Redis 7.0's
 * sections and in Redis's order within each section, whoever registered them and when.
 *
 * <pre>
 * # Server\r\n
 * redis_version:7.0.15\r\n
 * ...\r\n
 * \r\n
 * # Keyspace\r\n
 * db0:keys=1,expires=0,avg_ttl=0\r\n
 * </pre>
 *
 * <p>Every line ends in {@code \r\n}, and an empty line separates two sections. A section is shown
 * once something declared it ({@link #section}, or a field in it); a field is one {@code name:value}
 * line ({@link #field}); a group of lines whose names vary ({@code cmdstat_get}, {@code db0},
 * {@code slave0}) is registered at its place with {@link #lines}. Names Redis does not have go at
 * the end of their section.
 *
 * <p>What to show, from {@code INFO}'s arguments (any case, any number): none or {@code default}
 * for Redis's default sections, {@code all} for every section, {@code everything} for every one
 * and the modules' (there are none here), or section names ({@code modules} and
 * {@code module_list} both name Modules). A name that is no section adds nothing: {@code INFO foo}
 * is the empty string.
 *
 * <p>Fields this server cannot know (jemalloc's, fork's, I/O threads', ...) are not registered
 * rather than faked: a client that reads a field it needs finds it or finds nothing.
 *
 * <p>Not thread-safe: registered while the server is composed, generated under the global lock.
 *
 * <p>Redis: {@code server.c}, {@code genInfoSectionDict}, {@code genRedisInfoString}.
 */
public final class Info {
    /** Redis 7.0's sections, in {@code INFO}'s order (the key), with their titles. */
    private static final Map<String, String> TITLES = new LinkedHashMap<>();
    /** Redis 7.0's fields of each section, in its order; {@code %d} / {@code %s} mark a group of lines. */
    private static final Map<String, List<String>> ORDER = new LinkedHashMap<>();
    /** What {@code INFO} with no argument, or {@code INFO default}, shows. */
    public static final Set<String> DEFAULT_SECTIONS = Set.of("server", "clients", "memory", "persistence",
            "stats", "replication", "cpu", "modules", "errorstats", "cluster", "keyspace");

    static {
        section("server", "Server", "redis_version redis_git_sha1 redis_git_dirty redis_build_id redis_mode os "
                + "arch_bits monotonic_clock multiplexing_api atomicvar_api gcc_version process_id "
                + "process_supervised run_id tcp_port server_time_usec uptime_in_seconds uptime_in_days hz "
                + "configured_hz lru_clock executable config_file io_threads_active shutdown_in_milliseconds");
        section("clients", "Clients", "connected_clients cluster_connections maxclients "
                + "client_recent_max_input_buffer client_recent_max_output_buffer blocked_clients "
                + "tracking_clients clients_in_timeout_table");
        section("memory", "Memory", "used_memory used_memory_human used_memory_rss used_memory_rss_human "
                + "used_memory_peak used_memory_peak_human used_memory_peak_perc used_memory_overhead "
                + "used_memory_startup used_memory_dataset used_memory_dataset_perc allocator_allocated "
                + "allocator_active allocator_resident total_system_memory total_system_memory_human "
                + "used_memory_lua used_memory_vm_eval used_memory_lua_human used_memory_scripts_eval "
                + "number_of_cached_scripts number_of_functions number_of_libraries used_memory_vm_functions "
                + "used_memory_vm_total used_memory_vm_total_human used_memory_functions used_memory_scripts "
                + "used_memory_scripts_human maxmemory maxmemory_human maxmemory_policy allocator_frag_ratio "
                + "allocator_frag_bytes allocator_rss_ratio allocator_rss_bytes rss_overhead_ratio "
                + "rss_overhead_bytes mem_fragmentation_ratio mem_fragmentation_bytes mem_not_counted_for_evict "
                + "mem_replication_backlog mem_total_replication_buffers mem_clients_slaves mem_clients_normal "
                + "mem_cluster_links mem_aof_buffer mem_allocator active_defrag_running lazyfree_pending_objects "
                + "lazyfreed_objects");
        section("persistence", "Persistence", "loading async_loading current_cow_peak current_cow_size "
                + "current_cow_size_age current_fork_perc current_save_keys_processed current_save_keys_total "
                + "rdb_changes_since_last_save rdb_bgsave_in_progress rdb_last_save_time rdb_last_bgsave_status "
                + "rdb_last_bgsave_time_sec rdb_current_bgsave_time_sec rdb_saves rdb_last_cow_size "
                + "rdb_last_load_keys_expired rdb_last_load_keys_loaded aof_enabled aof_rewrite_in_progress "
                + "aof_rewrite_scheduled aof_last_rewrite_time_sec aof_current_rewrite_time_sec "
                + "aof_last_bgrewrite_status aof_rewrites aof_rewrites_consecutive_failures aof_last_write_status "
                + "aof_last_cow_size module_fork_in_progress module_fork_last_cow_size aof_current_size "
                + "aof_base_size aof_pending_rewrite aof_buffer_length aof_pending_bio_fsync aof_delayed_fsync "
                + "loading_start_time loading_total_bytes loading_rdb_used_mem loading_loaded_bytes "
                + "loading_loaded_perc loading_eta_seconds");
        section("stats", "Stats", "total_connections_received total_commands_processed instantaneous_ops_per_sec "
                + "total_net_input_bytes total_net_output_bytes total_net_repl_input_bytes "
                + "total_net_repl_output_bytes instantaneous_input_kbps instantaneous_output_kbps "
                + "instantaneous_input_repl_kbps instantaneous_output_repl_kbps rejected_connections sync_full "
                + "sync_partial_ok sync_partial_err expired_keys expired_stale_perc expired_time_cap_reached_count "
                + "expire_cycle_cpu_milliseconds evicted_keys evicted_clients total_eviction_exceeded_time "
                + "current_eviction_exceeded_time keyspace_hits keyspace_misses pubsub_channels pubsub_patterns "
                + "pubsubshard_channels latest_fork_usec total_forks migrate_cached_sockets "
                + "slave_expires_tracked_keys active_defrag_hits active_defrag_misses active_defrag_key_hits "
                + "active_defrag_key_misses total_active_defrag_time current_active_defrag_time "
                + "tracking_total_keys tracking_total_items tracking_total_prefixes unexpected_error_replies "
                + "total_error_replies dump_payload_sanitizations total_reads_processed total_writes_processed "
                + "io_threaded_reads_processed io_threaded_writes_processed reply_buffer_shrinks "
                + "reply_buffer_expands");
        section("replication", "Replication", "role master_host master_port master_link_status "
                + "master_last_io_seconds_ago master_sync_in_progress slave_read_repl_offset slave_repl_offset "
                + "master_sync_total_bytes master_sync_read_bytes master_sync_left_bytes master_sync_perc "
                + "master_sync_last_io_seconds_ago master_link_down_since_seconds slave_priority slave_read_only "
                + "replica_announced connected_slaves min_slaves_good_slaves slave%d master_failover_state "
                + "master_replid master_replid2 master_repl_offset second_repl_offset repl_backlog_active "
                + "repl_backlog_size repl_backlog_first_byte_offset repl_backlog_histlen");
        section("cpu", "CPU", "used_cpu_sys used_cpu_user used_cpu_sys_children used_cpu_user_children "
                + "used_cpu_sys_main_thread used_cpu_user_main_thread");
        section("modules", "Modules", "module");
        section("commandstats", "Commandstats", "cmdstat_%s");
        section("errorstats", "Errorstats", "errorstat_%s");
        section("latencystats", "Latencystats", "latency_percentiles_usec_%s");
        section("cluster", "Cluster", "cluster_enabled");
        section("keyspace", "Keyspace", "db%d");
    }

    private static void section(String name, String title, String fields) {
        TITLES.put(name, title);
        ORDER.put(name, List.of(fields.split(" ")));
    }

    /** One registered entry: a field's value, or a group of lines. */
    private record Entry(Supplier<String> value, Consumer<List<String>> lines) {
    }

    /** Per section (declared ones only): entries by their name. */
    private final Map<String, Map<String, Entry>> sections = new LinkedHashMap<>();

    /**
     * Declares a section, so that it is shown (with its header) even with no field: Modules here.
     *
     * @throws IllegalArgumentException if Redis 7.0 has no such section
     */
    public Info section(String name) {
        String key = name.toLowerCase(Locale.ROOT);
        if (!TITLES.containsKey(key)) {
            throw new IllegalArgumentException("Redis 7.0's INFO has no section " + name);
        }
        sections.computeIfAbsent(key, k -> new LinkedHashMap<>());
        return this;
    }

    /**
     * Registers a {@code name:value} line. Registering a name again replaces it.
     *
     * @param section Redis's section, e.g. {@code stats}
     * @param name the field, e.g. {@code expired_keys}
     * @param value its value now, computed when {@code INFO} asks; {@code null} leaves the line out
     */
    public Info field(String section, String name, Supplier<?> value) {
        section(section);
        sections.get(section.toLowerCase(Locale.ROOT)).put(name, new Entry(() -> {
            Object v = value.get();
            return v == null ? null : v.toString();
        }, null));
        return this;
    }

    /**
     * Registers a group of {@code name:value} lines whose names vary, at Redis's place for them:
     * {@code cmdstat_%s} in Commandstats, {@code db%d} in Keyspace, {@code slave%d} in Replication.
     *
     * @param section Redis's section
     * @param place the group's name in Redis's order, e.g. {@code db%d}
     * @param lines adds each whole line, without its {@code \r\n}
     */
    public Info lines(String section, String place, Consumer<List<String>> lines) {
        section(section);
        sections.get(section.toLowerCase(Locale.ROOT)).put(place, new Entry(null, lines));
        return this;
    }

    /**
     * @param args {@code INFO}'s arguments (without the command name)
     * @return the text to answer, possibly empty
     */
    public String generate(List<String> args) {
        Set<String> wanted = new LinkedHashSet<>();
        boolean all = false;
        if (args.isEmpty()) {
            wanted.addAll(DEFAULT_SECTIONS);
        }
        for (String arg : args) {
            String a = arg.toLowerCase(Locale.ROOT);
            switch (a) {
                case "default" -> wanted.addAll(DEFAULT_SECTIONS);
                case "all", "everything" -> all = true;
                case "module_list" -> wanted.add("modules");
                default -> wanted.add(a);
            }
        }
        StringBuilder out = new StringBuilder(4096);
        for (Map.Entry<String, String> s : TITLES.entrySet()) {
            Map<String, Entry> entries = sections.get(s.getKey());
            if (entries == null || !(all || wanted.contains(s.getKey()))) {
                continue;
            }
            if (out.length() > 0) {
                out.append("\r\n");
            }
            out.append("# ").append(s.getValue()).append("\r\n");
            List<String> order = new ArrayList<>(ORDER.get(s.getKey()));
            for (String name : entries.keySet()) {
                if (!order.contains(name)) {
                    order.add(name); // not a Redis field: after Redis's
                }
            }
            for (String name : order) {
                Entry e = entries.get(name);
                if (e == null) {
                    continue;
                }
                if (e.lines() != null) {
                    List<String> lines = new ArrayList<>();
                    e.lines().accept(lines);
                    lines.forEach(line -> out.append(line).append("\r\n"));
                } else {
                    String value = e.value().get();
                    if (value != null) {
                        out.append(name).append(':').append(value).append("\r\n");
                    }
                }
            }
        }
        return out.toString();
    }

    /**
     * C's {@code printf("%.2f", x)}: the exact binary value rounded half to even, so
     * {@code 11.625} prints as {@code 11.62} (Java's {@code String.format} would round it up).
     */
    public static String twoDecimals(double x) {
        return new java.math.BigDecimal(x).setScale(2, java.math.RoundingMode.HALF_EVEN).toPlainString();
    }

    /**
     * Redis's {@code bytesToHuman}: {@code 996.66K}, {@code 11.62M}, {@code 0B}.
     *
     * @param bytes a size in bytes (not negative)
     */
    public static String human(long bytes) {
        String[] units = {"K", "M", "G", "T", "P"};
        if (bytes < 1024) {
            return bytes + "B";
        }
        double d = bytes;
        for (String unit : units) {
            d /= 1024;
            if (d < 1024) {
                return twoDecimals(d) + unit;
            }
        }
        return bytes + "B";
    }
}
