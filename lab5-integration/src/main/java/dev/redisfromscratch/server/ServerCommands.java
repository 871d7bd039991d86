package dev.redisfromscratch.server;

import dev.redisfromscratch.aof.FsyncPolicy;
import dev.redisfromscratch.clients.ClientCommand;
import dev.redisfromscratch.clients.ClientConnection;
import dev.redisfromscratch.clients.ClientRegistry;
import dev.redisfromscratch.clients.HelloCommand;
import dev.redisfromscratch.clients.LastCommand;
import dev.redisfromscratch.clients.OutputBufferLimit;
import dev.redisfromscratch.clients.ResetCommand;
import dev.redisfromscratch.command.CommandPipeline;
import dev.redisfromscratch.command.CommandTable;
import dev.redisfromscratch.config.ServerConfig;
import dev.redisfromscratch.info.Info;
import dev.redisfromscratch.info.InfoCommand;
import dev.redisfromscratch.info.ServerStats;
import dev.redisfromscratch.info.StandardInfo;
import dev.redisfromscratch.introspection.ConfigCommand;
import dev.redisfromscratch.introspection.ConfigParameter;
import dev.redisfromscratch.introspection.ConfigSetCommand;
import dev.redisfromscratch.introspection.TimeCommand;
import dev.redisfromscratch.multi.MultiState;
import dev.redisfromscratch.multi.Transactions;
import dev.redisfromscratch.persistence.Persistence;
import dev.redisfromscratch.persistence.SavePoints;
import dev.redisfromscratch.pubsub.PubSub;
import dev.redisfromscratch.resp.RespRequestDecoder;
import dev.redisfromscratch.security.AuthCommand;
import dev.redisfromscratch.security.Authentication;
import dev.redisfromscratch.security.ProtectedMode;
import dev.redisfromscratch.store.Databases;
import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Lab 5's server commands and security, wired into the server in one call: {@code INFO},
 * {@code CLIENT}, {@code CONFIG} (with {@code SET}, {@code RESETSTAT}, {@code HELP}), {@code TIME},
 * {@code HELLO}, {@code RESET}, {@code AUTH}; {@code requirepass} ({@code -NOAUTH}, the smaller
 * protocol limits before {@code AUTH}), protected mode, and the statistics {@code INFO} reports.
 *
 * <pre>
 *   admission checks  LastCommand (CLIENT LIST's cmd=), then -NOAUTH, both before lab 4's -MISCONF
 *   each new client   authenticated if no password; its decoder limited while it must authenticate
 *   each connection   protected mode may refuse it (-DENIED ...)
 *   RESET             re-derives the client's authentication
 *   cron              the instantaneous rates
 * </pre>
 *
 * <p>Other features extend what is wired here: their {@code INFO} fields go to {@link #info()},
 * their {@code CONFIG SET} parameters to {@link #configSet()}, their part of {@code RESET} to
 * {@code clients.resets()}, their {@code CLIENT LIST} fields to {@code clients.info()}.
 *
 * <p>{@code CONFIG SET} knows every lab 4 and lab 5 parameter. It changes at run time those Redis
 * changes and this server can: {@code save}, {@code appendonly}, {@code appendfsync},
 * {@code stop-writes-on-bgsave-error}, {@code aof-load-truncated} (lab 4's loader always behaves as
 * {@code yes}; the value only matters at the next start), {@code hz}, {@code proto-max-bulk-len},
 * {@code timeout}, {@code maxclients}, {@code requirepass}, {@code protected-mode}. Redis's
 * immutable {@code databases} and {@code appendfilename}, and protected {@code dir} and
 * {@code dbfilename}, are refused as Redis refuses them; {@code bind} and {@code port}, which Redis
 * changes by listening again, are refused as immutable here: the server listens once.
 */
public final class ServerCommands {
    private final Info info = new Info();
    private final ServerStats stats;
    private final Authentication auth;
    private final ConfigSetCommand configSet;
    private final CommandTable table;
    private final ClientRegistry clients;
    private final Databases dbs;
    private final Clock clock;
    private final java.util.List<Runnable> onResetStats = new java.util.ArrayList<>();

    private ServerCommands(ServerConfig config, CommandTable table, CommandPipeline pipeline, ClientRegistry clients,
                           Databases dbs, Persistence persistence, Clock clock) {
        this.table = table;
        this.clients = clients;
        this.dbs = dbs;
        this.clock = clock;
        this.stats = new ServerStats(clock.millis());
        this.auth = new Authentication(config.all().getOrDefault("requirepass", ""));
        pipeline.addAdmissionCheckFirst(auth::refuse);           // before lab 4's -MISCONF, as in Redis
        pipeline.addAdmissionCheckFirst(LastCommand.RECORDER);   // and before that, every command is seen
        clients.onAdd(c -> {
            auth.connected(c.client());
            auth.limitDecoder(c.client());
        });
        clients.addAcceptCheck(ip -> ProtectedMode.refusal(config, ip));
        clients.resets().onReset(auth::connected);
        persistence.stopWritesOnBgsaveError(!"no".equals(config.all().get("stop-writes-on-bgsave-error")));
        this.configSet = parameters(new ConfigSetCommand(config), config, persistence);
        StandardInfo.register(info, config, clients, dbs, table, persistence, stats, clock);
        table.register(InfoCommand.spec(info))
                .register(ClientCommand.containerSpec(clients, clock))
                .register(ConfigCommand.containerSpec(config, configSet, this::resetStats))
                .register(TimeCommand.spec(clock))
                .register(HelloCommand.spec(auth))
                .register(ResetCommand.spec(clients.resets()))
                .register(AuthCommand.spec(auth));
    }

    /**
     * Registers lab 5's server commands in {@code table} and wires security and statistics. Its
     * admission checks go before those already added (lab 4's {@code -MISCONF}), as in Redis.
     *
     * @param config every parameter; lab 4's and lab 5's defaults already added
     * @param table the command table
     * @param pipeline the pipeline running {@code table}
     * @param clients the connected clients
     * @param dbs the databases
     * @param persistence lab 4's persistence ({@code INFO persistence}, {@code CONFIG SET save} ...)
     * @param clock the server's clock
     * @return what the server calls from its cron ({@link #cron}) and what other features extend
     */
    public static ServerCommands register(ServerConfig config, CommandTable table, CommandPipeline pipeline,
                                          ClientRegistry clients, Databases dbs, Persistence persistence, Clock clock) {
        return new ServerCommands(config, table, pipeline, clients, dbs, persistence, clock);
    }

    /**
     * Tells {@code RESET}, {@code CLIENT LIST}, {@code INFO} and {@code CONFIG SET} about
     * transactions and publish/subscribe:
     *
     * <ul>
     *   <li>{@code RESET} discards the transaction and unwatches ({@link Transactions#discard}), then
     *       drops every subscription without a message ({@link PubSub#unsubscribeAll});
     *   <li>{@code CLIENT LIST}: {@code sub}, {@code psub}, {@code multi} (commands queued),
     *       {@code multi-mem} (their arguments' bytes plus 8 per argument, as Redis counts the
     *       pointers it keeps) and flag {@code d} (a WATCHed key changed);
     *   <li>{@code INFO stats}: {@code pubsub_channels}, {@code pubsub_patterns};
     *   <li>{@code CONFIG SET client-output-buffer-limit}, with Redis's errors; the limit's log line
     *       describes the client as {@code CLIENT LIST} does.
     * </ul>
     *
     * @return this
     */
    public ServerCommands connect(Transactions transactions, PubSub pubsub, OutputBufferLimit outputLimit) {
        clients.resets().onReset(transactions::discard);
        clients.resets().onReset(pubsub::unsubscribeAll);
        clients.info().provide("sub", pubsub::channelCount);
        clients.info().provide("psub", pubsub::patternCount);
        clients.info().provide("multi", c -> MultiState.of(c).queued().size());
        clients.info().provide("multi-mem", c -> {
            long bytes = 0; // Redis's argv_len_sums: each argument's bytes and its pointer
            for (MultiState.QueuedCommand q : MultiState.of(c).queued()) {
                for (byte[] arg : q.argv()) {
                    bytes += arg.length + Long.BYTES;
                }
            }
            return bytes;
        });
        clients.info().flag('d', c -> MultiState.of(c).touched());
        info.field("stats", "pubsub_channels", pubsub::channelCount)
                .field("stats", "pubsub_patterns", pubsub::patternCount);
        configSet.register(ConfigParameter.modifiable(OutputBufferLimit.PARAMETER, ServerCommands::outputBufferLimits,
                ConfigParameter.NOTHING)); // read on each check
        outputLimit.describeWith(c -> clients.info().line(c, clock.millis(), 0));
        return this;
    }

    /** {@code client-output-buffer-limit}, checked, as {@code CONFIG GET} shows it: every class, in bytes. */
    private static String outputBufferLimits(String value) throws ConfigParameter.InvalidValue {
        Map<OutputBufferLimit.ClientClass, OutputBufferLimit.Limit> limits;
        try {
            limits = OutputBufferLimit.parse(value);
        } catch (NumberFormatException e) {
            throw new ConfigParameter.InvalidValue("Error in hard, soft or soft_seconds setting in buffer limit configuration.");
        } catch (IllegalArgumentException e) {
            throw new ConfigParameter.InvalidValue(e.getMessage());
        }
        StringBuilder stored = new StringBuilder();
        String[] names = {"normal", "slave", "pubsub"};
        OutputBufferLimit.ClientClass[] classes = {OutputBufferLimit.ClientClass.NORMAL,
            OutputBufferLimit.ClientClass.REPLICA, OutputBufferLimit.ClientClass.PUBSUB};
        for (int i = 0; i < classes.length; i++) {
            OutputBufferLimit.Limit l = limits.get(classes[i]);
            stored.append(i == 0 ? "" : " ").append(names[i]).append(' ').append(l.hardBytes()).append(' ')
                    .append(l.softBytes()).append(' ').append(l.softSeconds());
        }
        return stored.toString();
    }

    /** @return the {@code INFO} text's fields, for other features to add theirs */
    public Info info() {
        return info;
    }

    /** @return {@code CONFIG SET}, for other features to register their parameters */
    public ConfigSetCommand configSet() {
        return configSet;
    }

    /** @return {@code requirepass}'s state */
    public Authentication authentication() {
        return auth;
    }

    /** The cron's part, under the lock: samples {@code instantaneous_ops_per_sec} and the byte rates. */
    public void cron() {
        stats.cron(StandardInfo.commandsProcessed(table), clients.inputBytes(), clients.outputBytes());
    }

    /**
     * {@code CONFIG RESETSTAT}: command statistics, connection counts, bytes, {@code expired_keys}
     * and the rates start again from zero.
     *
     * <p>Redis: {@code config.c}, {@code configResetStatCommand}.
     */
    public void resetStats() {
        table.resetStats();
        clients.resetStats();
        stats.reset(StandardInfo.expiredKeys(dbs));
        onResetStats.forEach(Runnable::run);
    }

    /**
     * Registers a later feature's statistics for {@code CONFIG RESETSTAT} (lab 8: {@code sync_full},
     * {@code sync_partial_ok}, {@code sync_partial_err}). Call while the server is composed.
     *
     * <p>Redis: {@code server.c}, {@code resetServerStats}.
     */
    public void onResetStats(Runnable reset) {
        onResetStats.add(reset);
    }

    private ConfigSetCommand parameters(ConfigSetCommand set, ServerConfig config, Persistence persistence) {
        ConfigParameter.Parser hz = ConfigParameter.integer(0, Integer.MAX_VALUE);
        set.register(ConfigParameter.immutable("bind"))
                .register(ConfigParameter.immutable("port"))
                .register(ConfigParameter.immutable("databases"))
                .register(ConfigParameter.immutable("appendfilename"))
                .register(ConfigParameter.protectedParameter("dir"))
                .register(ConfigParameter.protectedParameter("dbfilename"))
                .register(ConfigParameter.modifiable("save", ConfigParameter.savePoints(),
                        value -> persistence.savePoints(savePoints(value))))
                .register(ConfigParameter.modifiable("appendonly", ConfigParameter.yesNo(), value -> {
                    try {
                        persistence.appendOnly(value.equals("yes"));
                    } catch (IOException e) {
                        throw new ConfigParameter.InvalidValue("Unable to turn on AOF. Check server logs.");
                    }
                }))
                .register(ConfigParameter.modifiable("appendfsync",
                        ConfigParameter.oneOf(List.of("everysec", "always", "no")), value -> {
                            try {
                                persistence.appendFsync(FsyncPolicy.parse(value));
                            } catch (IOException e) {
                                throw new ConfigParameter.InvalidValue("Unable to reopen the AOF file. Check server logs.");
                            }
                        }))
                .register(ConfigParameter.modifiable("stop-writes-on-bgsave-error", ConfigParameter.yesNo(),
                        value -> persistence.stopWritesOnBgsaveError(value.equals("yes"))))
                .register(ConfigParameter.modifiable("aof-load-truncated", ConfigParameter.yesNo(), ConfigParameter.NOTHING))
                // Redis takes any hz and keeps it between 1 and 500 (config.c, updateHZ)
                .register(ConfigParameter.modifiable("hz",
                        value -> Integer.toString(Math.max(1, Math.min(500, Integer.parseInt(hz.parse(value))))),
                        ConfigParameter.NOTHING))
                .register(ConfigParameter.modifiable("proto-max-bulk-len",
                        ConfigParameter.memory(1024 * 1024, Long.MAX_VALUE), value -> {
                            for (ClientConnection c : clients.all()) {
                                if (c.client().framer() instanceof RespRequestDecoder decoder) {
                                    decoder.maxBulkLength(config.protoMaxBulkLen());
                                }
                            }
                        }))
                .register(ConfigParameter.modifiable("timeout", ConfigParameter.integer(0, Integer.MAX_VALUE),
                        ConfigParameter.NOTHING))
                .register(ConfigParameter.modifiable("maxclients", ConfigParameter.unsigned(1, 4294967295L),
                        ConfigParameter.NOTHING))
                .register(ConfigParameter.modifiable("requirepass", ConfigParameter.anyString(), auth::password))
                .register(ConfigParameter.modifiable("protected-mode", ConfigParameter.yesNo(), ConfigParameter.NOTHING));
        return set;
    }

    /** {@code save}'s stored text ({@code "3600 1 300 100"}) as save points; the changes may be negative, as C's int. */
    private static SavePoints savePoints(String value) {
        List<SavePoints.Point> points = new ArrayList<>();
        String[] parts = value.isEmpty() ? new String[0] : value.split(" ");
        for (int i = 0; i + 1 < parts.length; i += 2) {
            points.add(new SavePoints.Point(Long.parseLong(parts[i]), Long.parseLong(parts[i + 1])));
        }
        return new SavePoints(List.copyOf(points));
    }
}
