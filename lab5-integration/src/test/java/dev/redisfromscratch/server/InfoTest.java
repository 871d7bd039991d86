package dev.redisfromscratch.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.redisfromscratch.resp.client.RespClient;
import dev.redisfromscratch.testkit.RawClient;
import dev.redisfromscratch.testkit.RealRedis;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code INFO}: Redis 7.0's sections, field names and order wherever this server has the field,
 * the format ({@code # Section}, {@code \r\n}, an empty line between sections, one bulk string),
 * section selection, and the values that mean something here.
 */
class InfoTest {
    /** Lines whose names vary: their format is checked on its own. */
    private static boolean dynamic(String name) {
        return name.startsWith("cmdstat_") || name.matches("db\\d+") || name.startsWith("errorstat_")
                || name.startsWith("latency_percentiles_usec_") || name.matches("slave\\d+");
    }

    @Test
    void everySectionAndFieldIsRedissInRedissOrder() throws Exception {
        try (RealRedis redis = RealRedis.start("--appendonly", "yes");
             IntegratedServerFixture f = IntegratedServerFixture.start("appendonly", "yes");
             RespClient r = new RespClient("127.0.0.1", redis.port());
             RespClient o = new RespClient("127.0.0.1", f.port)) {
            for (RespClient c : List.of(r, o)) {
                c.call("SET", "k", "v");
                c.call("GET", "k");
            }
            InfoText theirs = InfoText.of(r, "everything");
            InfoText mine = InfoText.of(o, "everything");
            assertThat(theirs.titles()).containsSubsequence(mine.titles());
            assertThat(mine.titles()).containsExactly("Server", "Clients", "Memory", "Persistence", "Stats",
                    "Replication", "CPU", "Modules", "Commandstats", "Cluster", "Keyspace");
            for (String title : mine.titles()) {
                List<String> ourNames = mine.names(title).stream().filter(n -> !dynamic(n)).toList();
                List<String> redisNames = theirs.names(title).stream().filter(n -> !dynamic(n)).toList();
                assertThat(redisNames).as("Redis's fields of " + title).containsAll(ourNames);
                assertThat(redisNames).as("the order of " + title).containsSubsequence(ourNames);
            }
            for (String field : List.of("redis_version", "redis_mode", "process_id", "run_id", "tcp_port",
                    "uptime_in_seconds", "hz", "connected_clients", "maxclients", "blocked_clients", "used_memory",
                    "used_memory_human", "maxmemory_policy", "loading", "rdb_changes_since_last_save",
                    "rdb_bgsave_in_progress", "rdb_last_save_time", "rdb_last_bgsave_status", "aof_enabled",
                    "aof_rewrite_in_progress", "aof_last_write_status", "aof_current_size",
                    "total_connections_received", "total_commands_processed", "instantaneous_ops_per_sec",
                    "rejected_connections", "expired_keys", "role", "connected_slaves", "master_replid",
                    "master_repl_offset", "cluster_enabled")) {
                assertThat(mine.value(field)).as(field).isNotNull();
            }
            assertThat(mine.value("Server", "redis_version")).isEqualTo(theirs.value("Server", "redis_version"));
            assertThat(mine.sections.get("Keyspace")).isEqualTo(theirs.sections.get("Keyspace"))
                    .containsExactly("db0:keys=1,expires=0,avg_ttl=0");
            String statLine = "cmdstat_get:calls=1,usec=\\d+,usec_per_call=\\d+\\.\\d\\d,rejected_calls=0,failed_calls=0";
            assertThat(theirs.sections.get("Commandstats")).anyMatch(l -> l.matches(statLine));
            assertThat(mine.sections.get("Commandstats")).anyMatch(l -> l.matches(statLine));
        }
    }

    @Test
    void theReplyIsOneBulkStringOfCrLfLinesWithAnEmptyLineBetweenSections() throws Exception {
        try (IntegratedServerFixture f = IntegratedServerFixture.start();
             RawClient c = RawClient.connect(f.port)) {
            c.send(ServerCommandsParityTest.resp("INFO", "server", "cluster"));
            String header = c.readLine();
            assertThat(header).matches("\\$\\d+\r\n");
            int length = Integer.parseInt(header.substring(1, header.length() - 2));
            String text = c.read("x".repeat(length + 2));
            assertThat(text).startsWith("# Server\r\nredis_version:7.0.15\r\nredis_mode:standalone\r\n")
                    .endsWith("\r\n\r\n# Cluster\r\ncluster_enabled:0\r\n\r\n");
            assertThat(text.replace("\r\n", "")).doesNotContain("\r").doesNotContain("\n");
        }
    }

    @Test
    void sectionsAreChosenAsRedisChoosesThem() throws Exception {
        try (RealRedis redis = RealRedis.start();
             IntegratedServerFixture f = IntegratedServerFixture.start();
             RespClient r = new RespClient("127.0.0.1", redis.port());
             RespClient o = new RespClient("127.0.0.1", f.port)) {
            List<String> notHere = List.of("Errorstats", "Latencystats"); // error and latency statistics are not kept here
            for (String[] args : new String[][] {{}, {"default"}, {"all"}, {"everything"}, {"server", "keyspace"},
                {"SERVER", "Keyspace"}, {"cpu", "cpu"}, {"default", "commandstats"}, {"keyspace", "server"},
                {"modules"}, {"module_list"}, {"foo"}, {"foo", "cluster"}, {"all", "foo"}}) {
                List<String> expected = new ArrayList<>(InfoText.of(r, args).titles());
                expected.removeAll(notHere);
                assertThat(InfoText.of(o, args).titles()).as("INFO " + String.join(" ", args)).isEqualTo(expected);
            }
            assertThat(InfoText.of(o).titles()).doesNotContain("Commandstats").contains("Server", "Keyspace");
            assertThat(InfoText.of(o, "foo").sections).isEmpty();
        }
    }

    @Test
    void keyspaceHasALinePerDatabaseWithKeysAndTheAverageTimeToLive() throws Exception {
        try (IntegratedServerFixture f = IntegratedServerFixture.start();
             RespClient c = new RespClient("127.0.0.1", f.port)) {
            assertThat(InfoText.of(c, "keyspace").sections).containsEntry("Keyspace", List.of());
            c.call("SET", "a", "1");
            c.call("SET", "b", "2");
            c.call("EXPIRE", "b", "100");
            f.server.lock().lock();
            try {
                f.server.databases().db(3).set("x".getBytes(), "y".getBytes());
            } finally {
                f.server.lock().unlock();
            }
            assertThat(InfoText.of(c, "keyspace").sections.get("Keyspace"))
                    .containsExactly("db0:keys=2,expires=1,avg_ttl=100000", "db3:keys=1,expires=0,avg_ttl=0");
            f.clock.advance(Duration.ofSeconds(40));
            assertThat(InfoText.of(c, "keyspace").value("Keyspace", "db0")).isEqualTo("keys=2,expires=1,avg_ttl=60000");
            f.clock.advance(Duration.ofSeconds(61));
            assertThat(InfoText.of(c, "keyspace").value("Keyspace", "db0")).isEqualTo("keys=1,expires=0,avg_ttl=0");
            assertThat(InfoText.of(c, "stats").number("expired_keys")).isEqualTo(1);
        }
    }

    @Test
    void statsCountConnectionsCommandsRejectionsAndCommandCalls() throws Exception {
        try (IntegratedServerFixture f = IntegratedServerFixture.start("maxclients", "2");
             RespClient c = new RespClient("127.0.0.1", f.port)) {
            c.call("SET", "k", "v");
            c.call("GET", "k");
            c.call("GET", "k");
            c.call("GET");                          // rejected: wrong number of arguments
            c.call("CLIENT", "SETNAME", "a b");     // failed: an error reply
            try (RawClient second = RawClient.connect(f.port); RawClient third = RawClient.connect(f.port)) {
                assertThat(third.readLine()).isEqualTo("-ERR max number of clients reached\r\n");
                second.send(ServerCommandsParityTest.resp("PING")).read("+PONG\r\n");
            }
            InfoText info = InfoText.of(c, "stats", "commandstats", "clients");
            assertThat(info.number("total_connections_received")).isEqualTo(2);
            assertThat(info.number("rejected_connections")).isEqualTo(1);
            assertThat(info.number("total_commands_processed")).isEqualTo(5); // SET, GET x2, CLIENT SETNAME, PING
            assertThat(info.number("maxclients")).isEqualTo(2);
            assertThat(info.number("blocked_clients")).isZero();
            assertThat(info.number("total_net_input_bytes")).isPositive();
            assertThat(info.number("total_net_output_bytes")).isPositive();
            assertThat(info.value("instantaneous_input_kbps")).matches("\\d+\\.\\d\\d");
            assertThat(info.value("Commandstats", "cmdstat_get"))
                    .matches("calls=2,usec=\\d+,usec_per_call=\\d+\\.\\d\\d,rejected_calls=1,failed_calls=0");
            assertThat(info.value("Commandstats", "cmdstat_client|setname"))
                    .matches("calls=1,usec=\\d+,usec_per_call=\\d+\\.\\d\\d,rejected_calls=0,failed_calls=1");
        }
    }

    @Test
    void configResetstatZeroesWhatInfoCountsAsRedisDoes() throws Exception {
        try (RealRedis redis = RealRedis.start();
             IntegratedServerFixture f = IntegratedServerFixture.start();
             RespClient r = new RespClient("127.0.0.1", redis.port());
             RespClient o = new RespClient("127.0.0.1", f.port)) {
            for (RespClient c : List.of(r, o)) {
                c.call("SET", "k", "v", "PX", "1");
                c.call("GET");
                c.call("CONFIG", "RESETSTAT");
            }
            for (InfoText info : List.of(InfoText.of(r, "stats", "commandstats"), InfoText.of(o, "stats", "commandstats"))) {
                assertThat(info.number("total_connections_received")).isZero();
                assertThat(info.number("total_commands_processed")).isEqualTo(1); // CONFIG RESETSTAT itself
                assertThat(info.number("rejected_connections")).isZero();
                assertThat(info.number("expired_keys")).isZero();
                assertThat(info.sections.get("Commandstats")).singleElement().asString()
                        .startsWith("cmdstat_config|resetstat:calls=1,");
            }
        }
    }

    @Test
    void serverAndReplicationFieldsFollowTheServer() throws Exception {
        try (IntegratedServerFixture f = IntegratedServerFixture.start();
             IntegratedServerFixture other = IntegratedServerFixture.start();
             RespClient c = new RespClient("127.0.0.1", f.port);
             RespClient d = new RespClient("127.0.0.1", other.port)) {
            InfoText info = InfoText.of(c, "server", "replication", "persistence");
            assertThat(info.value("run_id")).matches("[0-9a-f]{40}").isNotEqualTo(InfoText.of(d).value("run_id"));
            assertThat(info.value("master_replid")).matches("[0-9a-f]{40}");
            assertThat(info.value("master_replid2")).isEqualTo("0".repeat(40));
            assertThat(info.sections.get("Replication")).startsWith("role:master", "connected_slaves:0");
            assertThat(info.number("master_repl_offset")).isZero();
            assertThat(info.number("tcp_port")).isEqualTo(f.port);
            assertThat(info.number("process_id")).isEqualTo(ProcessHandle.current().pid());
            assertThat(info.number("server_time_usec")).isEqualTo(f.clock.millis() * 1000);
            assertThat(info.number("uptime_in_seconds")).isZero();
            assertThat(info.number("rdb_last_save_time")).isEqualTo(f.clock.millis() / 1000);
            f.clock.advance(Duration.ofDays(2).plusSeconds(5));
            c.call("CONFIG", "SET", "hz", "50");
            c.call("SET", "k", "v");
            info = InfoText.of(c);
            assertThat(info.number("uptime_in_seconds")).isEqualTo(2 * 86400 + 5);
            assertThat(info.number("uptime_in_days")).isEqualTo(2);
            assertThat(info.number("hz")).isEqualTo(50);
            assertThat(info.number("configured_hz")).isEqualTo(50);
            assertThat(info.number("rdb_changes_since_last_save")).isEqualTo(1);
            c.call("SAVE");
            info = InfoText.of(c, "persistence");
            assertThat(info.number("rdb_changes_since_last_save")).isZero();
            assertThat(info.number("rdb_last_save_time")).isEqualTo(f.clock.millis() / 1000);
            assertThat(info.value("rdb_last_bgsave_status")).isEqualTo("ok");
            assertThat(info.number("aof_enabled")).isZero();
            assertThat(info.value("aof_current_size")).as("shown only with the append-only file on").isNull();
        }
    }
}
