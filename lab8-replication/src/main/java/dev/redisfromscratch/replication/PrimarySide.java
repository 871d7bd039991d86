package dev.redisfromscratch.replication;

import dev.redisfromscratch.client.Client;
import dev.redisfromscratch.config.ServerConfig;
import dev.redisfromscratch.eventloop.EventLoopServer;
import dev.redisfromscratch.introspection.ConfigParameter;
import dev.redisfromscratch.rdb.RdbWriter;
import dev.redisfromscratch.rdb.ReplicationAux;
import dev.redisfromscratch.server.ConcurrencyServer;
import dev.redisfromscratch.server.IntegratedServer;
import dev.redisfromscratch.server.PersistentServer;
import dev.redisfromscratch.snapshot.KeyspaceCapture;
import dev.redisfromscratch.snapshot.ValueCodecs;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The primary's side of replication, wired into the server: the commands ({@code PSYNC},
 * {@code SYNC}, {@code REPLCONF}, {@code WAIT}, {@code ROLE}), the stream (a propagation listener),
 * the backlog, the parameters ({@code repl-backlog-size}, {@code repl-ping-replica-period},
 * {@code repl-timeout}), {@code INFO replication}'s fields and {@code INFO stats}' sync counters,
 * and the periodic work.
 *
 * <pre>
 *   each command's effects   → ReplicationFeed: SELECT if needed, RESP, backlog, every replica
 *   before the loop sleeps   → replicas whose snapshot was sent go online; WAITs answered;
 *                              REPLCONF GETACK * fed once if a WAIT blocked in this pass
 *   every second (cron)      → PING every repl-ping-replica-period s; replicas silent for
 *                              repl-timeout s are dropped; \n to replicas waiting for their
 *                              snapshot; WAIT timeouts (every cron run)
 * </pre>
 *
 * <p>Redis: {@code replication.c} ({@code replicationCron}, {@code replicationFeedSlaves},
 * {@code syncCommand}, {@code replconfCommand}, {@code waitCommand}, {@code roleCommand});
 * {@code server.c} ({@code beforeSleep}: {@code processClientsWaitingReplicas},
 * {@code get_ack_from_slaves}; {@code genRedisInfoString}).
 */
public final class PrimarySide {
    /** Default {@code repl-backlog-size}: 1 MB. */
    public static final long DEFAULT_BACKLOG_SIZE = 1024 * 1024;

    private static final List<byte[]> PING = List.of(ascii("PING"));
    private static final byte[] KEEPALIVE = {'\n'};
    private static final List<byte[]> GETACK = List.of(ascii("REPLCONF"), ascii("GETACK"), ascii("*"));
    private static final ConfigParameter.Parser BACKLOG_SIZE = ConfigParameter.memory(1, Long.MAX_VALUE);
    private static final ConfigParameter.Parser SECONDS = ConfigParameter.integer(1, Integer.MAX_VALUE);

    private final ServerConfig config;
    private final ReplicationState state;
    private final ReplicationInfo role;
    private final Replicas replicas = new Replicas();
    private final SyncStats stats = new SyncStats();
    private final ReplicationFeed feed;
    private final WriteOffsets offsets;
    private final WaitingClients waiting;
    private final Resync resync;
    private final java.time.Clock clock;
    private final java.util.function.Consumer<String> log;
    private final dev.redisfromscratch.clients.ClientRegistry clients;
    private volatile EventLoopServer server;
    private long lastReplicationCron;
    private long replicationCronLoops;

    private PrimarySide(IntegratedServer.Parts parts, ReplicationState state, ReplicationInfo role, ValueCodecs codecs) {
        this.config = parts.config();
        this.state = state;
        this.role = role;
        this.clock = parts.clock();
        this.log = parts.log();
        this.clients = parts.clients();
        this.lastReplicationCron = parts.clock().millis(); // the first run a second after the start
        this.feed = new ReplicationFeed(state, replicas, role, parts.server().outputLimit(), this::backlogSize);
        this.offsets = new WriteOffsets(state);
        this.waiting = new WaitingClients(replicas);
        this.resync = new Resync(state, feed, replicas, role, stats, parts.clients(),
                () -> KeyspaceCapture.of(parts.dbs(), codecs, parts.clock().millis()),
                (source, replid, offset, out) -> RdbWriter.write(source, out, new ReplicationAux(0, replid, offset)),
                PersistentServer::backgroundThread, this::onLoop, parts.clock(), parts.log());
    }

    /**
     * Installs the primary's side. Call once, from {@code ReplicationServer.extend}.
     *
     * @param parts the server's parts
     * @param state the replication ID and offset, shared with the replica's side
     * @param role the shared {@code INFO replication} and {@code ROLE} hook
     * @param codecs the value types, for the snapshot's capture
     * @param loop lab 7's extension: the event loop ({@code beforeSleep}, handing work back to it)
     * @return the primary's side, for the replica's side ({@link #feed()}, {@link #disconnectReplicas()})
     */
    public static PrimarySide install(IntegratedServer.Parts parts, ReplicationState state, ReplicationInfo role,
                                      ValueCodecs codecs, ConcurrencyServer loop) {
        PrimarySide primary = new PrimarySide(parts, state, role, codecs);
        primary.wire(parts, loop);
        return primary;
    }

    private void wire(IntegratedServer.Parts parts, ConcurrencyServer loop) {
        putIfAbsent("repl-backlog-size", Long.toString(DEFAULT_BACKLOG_SIZE));
        putIfAbsent("repl-ping-replica-period", "10");
        putIfAbsent("repl-timeout", "60");
        parts.serverCommands().configSet()
                .register(ConfigParameter.modifiable("repl-backlog-size", BACKLOG_SIZE, value -> {
                    if (feed.backlog() != null) {
                        feed.backlog().resize(backlogSize());
                    }
                }))
                .register(ConfigParameter.modifiable("repl-ping-replica-period", SECONDS, ConfigParameter.NOTHING))
                .register(ConfigParameter.modifiable("repl-timeout", SECONDS, ConfigParameter.NOTHING));
        parts.pipeline().addPropagationListener(feed);
        parts.pipeline().addPropagationListener(offsets); // after the feed: the offset it reached
        parts.pipeline().addAfterReply(offsets::afterCommand);
        parts.table().register(PsyncCommand.spec(resync))
                .register(SyncCommand.spec(resync))
                .register(ReplconfCommand.spec(replicas, role, parts.clock()))
                .register(WaitCommand.spec(replicas, waiting, offsets, role, parts.clock()))
                .register(RoleCommand.spec(state, replicas, role));
        parts.clients().onRemove(this::clientLeft);
        parts.serverCommands().onResetStats(stats::reset); // CONFIG RESETSTAT
        parts.server().addCron(this::cron);
        loop.whenServing(s -> {
            server = s;
            s.addBeforeSleep(this::beforeSleep);
        });
        registerInfo();
    }

    /** @return the stream, for the replica's side ({@link ReplicationFeed#feedFromPrimaryStream}) */
    public ReplicationFeed feed() {
        return feed;
    }

    /** @return the replicas */
    public Replicas replicas() {
        return replicas;
    }

    /** @return sync_full, sync_partial_ok, sync_partial_err */
    public SyncStats stats() {
        return stats;
    }

    /**
     * Closes every replica's connection: this server became a replica of another, so its own
     * replicas must resync with the new history (Redis: {@code disconnectSlaves}).
     */
    public void disconnectReplicas() {
        for (Replica r : replicas.all()) {
            clients.kill(r.connection()); // closed and forgotten at once: it is no replica any more
        }
    }

    private void clientLeft(Client client) {
        resync.replicaLeft(client);
        waiting.remove(client);
    }

    /** Before the loop sleeps: replicas online, WAITs answered, GETACK fed if a WAIT asked. */
    private void beforeSleep() {
        resync.putOnlineWhenSent();
        if (waiting.size() > 0) {
            waiting.answerAcknowledged();
        }
        if (waiting.takeAckRequest()) {
            feed.feed(-1, GETACK); // REPLCONF GETACK *, in the stream: it counts in the offset
        }
    }

    /** The cron ({@code hz} times a second): WAIT timeouts; once a second, the replication cron. */
    private void cron() {
        long now = clock.millis();
        waiting.answerTimedOut(now);
        if (now - lastReplicationCron >= 1000) {
            lastReplicationCron = now;
            replicationCron(now);
        }
    }

    /**
     * Once a second: drops the replicas that have not acknowledged anything for {@code repl-timeout}
     * seconds, sends a newline to those whose snapshot is still being written (a keep-alive), and
     * feeds {@code PING} every {@code repl-ping-replica-period} seconds when there are
     * replicas, so that they can tell a silent primary from a dead one.
     *
     * <p>Redis: {@code replication.c}, {@code replicationCron}.
     */
    private void replicationCron(long now) {
        long timeoutMillis = Long.parseLong(config.all().get("repl-timeout")) * 1000;
        for (Replica r : replicas.all()) {
            if (r.state() == Replica.SyncState.ONLINE && !r.prePsync() && now - r.ackMillis() > timeoutMillis) {
                log.accept("Disconnecting timedout replica (streaming sync): " + r.name());
                clients.kill(r.connection());
            }
        }
        for (Replica r : replicas.all()) {
            if (r.state() == Replica.SyncState.WAIT_BGSAVE) {
                // \n: its snapshot is still being written; a replica skips it, and its transfer
                // timeout (repl-timeout) starts again
                feed.send(r, KEEPALIVE, 0, KEEPALIVE.length);
            }
        }
        long period = Long.parseLong(config.all().get("repl-ping-replica-period"));
        if (replicationCronLoops % period == 0 && !replicas.isEmpty()) {
            feed.feed(-1, PING); // no SELECT: Redis feeds it with the db the stream has selected
        }
        replicationCronLoops++;
    }

    private void onLoop(Runnable work) {
        EventLoopServer s = server;
        if (s != null && s.loop() != null && !s.isClosed()) {
            try {
                s.loop().execute(work);
            } catch (RuntimeException stopped) {
                // the server stopped while the snapshot was written: nobody to send it to
            }
        }
    }

    private int backlogSize() {
        long bytes;
        try {
            bytes = Long.parseLong(BACKLOG_SIZE.parse(config.all().get("repl-backlog-size")));
        } catch (ConfigParameter.InvalidValue e) {
            bytes = DEFAULT_BACKLOG_SIZE;
        }
        return (int) Math.min(bytes, Integer.MAX_VALUE - 16);
    }

    private void registerInfo() {
        role.field("role", role::role);
        role.field("connected_slaves", replicas::size);
        role.lines("slave%d", lines -> {
            int i = 0;
            long now = clock.millis();
            for (Replica r : replicas.all()) {
                // slave0:ip=127.0.0.1,port=6380,state=online,offset=126,lag=0
                lines.add("slave" + i++ + ":ip=" + r.ip() + ",port=" + r.listeningPort() + ",state="
                        + r.state().infoName() + ",offset=" + r.ackOffset() + ",lag="
                        + (now / 1000 - r.ackMillis() / 1000));
            }
        });
        role.field("master_failover_state", () -> "no-failover");
        role.field("master_replid", state::replid);
        role.field("master_replid2", state::replid2);
        role.field("master_repl_offset", state::offset);
        role.field("second_repl_offset", state::secondOffset);
        role.field("repl_backlog_active", () -> feed.backlog() == null ? 0 : 1);
        role.field("repl_backlog_size", this::backlogSize);
        role.field("repl_backlog_first_byte_offset", () -> feed.backlog() == null ? 0 : feed.backlog().firstByteOffset());
        role.field("repl_backlog_histlen", () -> feed.backlog() == null ? 0 : feed.backlog().historyLength());
        role.stat("sync_full", stats::full);
        role.stat("sync_partial_ok", stats::partialOk);
        role.stat("sync_partial_err", stats::partialErr);
    }

    private void putIfAbsent(String name, String value) {
        if (!config.all().containsKey(name)) {
            config.set(name, value);
        }
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
