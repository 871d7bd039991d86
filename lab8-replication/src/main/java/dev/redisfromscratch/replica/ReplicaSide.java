package dev.redisfromscratch.replica;

import dev.redisfromscratch.client.Client;
import dev.redisfromscratch.clients.ClientConnection;
import dev.redisfromscratch.clients.ClientRegistry;
import dev.redisfromscratch.config.ServerConfig;
import dev.redisfromscratch.eventloop.EventLoopServer;
import dev.redisfromscratch.introspection.ConfigParameter;
import dev.redisfromscratch.persistence.Persistence;
import dev.redisfromscratch.protocol.ReplyWriter;
import dev.redisfromscratch.rdb.RdbReader;
import dev.redisfromscratch.replication.PrimarySide;
import dev.redisfromscratch.replication.ReplicationInfo;
import dev.redisfromscratch.replication.ReplicationState;
import dev.redisfromscratch.server.ConcurrencyServer;
import dev.redisfromscratch.server.IntegratedServer;
import java.time.Clock;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * The replica's side of lab 8, wired into the server: {@code REPLICAOF}/{@code SLAVEOF}, the link
 * to the primary on the event loop ({@link PrimaryLink}, driven once a second by a loop timer as
 * Redis's {@code replicationCron}), read-only mode ({@link ReadOnlyReplica}), and the replica's
 * fields of {@code INFO replication}.
 *
 * <pre>
 *   REPLICAOF host port   → link.follow: the server is a replica (keys no longer expire here,
 *                           clients' writes get -READONLY); connect, handshake, sync, stream
 *   REPLICAOF NO ONE      → link.unfollow, shiftReplid: a primary again, with its data and a new
 *                           replication ID (the old one is master_replid2)
 *   config replicaof      → the same as REPLICAOF at start ({@code --replicaof host port})
 * </pre>
 *
 * <p>Redis: {@code replication.c}, {@code replicaofCommand}, {@code replicationSetMaster},
 * {@code replicationUnsetMaster}, {@code replicationCron}; {@code server.c},
 * {@code genRedisInfoString} (the replica's fields).
 */
public final class ReplicaSide {
    private final PrimaryLink link;
    private final Acknowledgements acks;
    private final ReplicationState state;
    private final ServerConfig config;
    private final ClientRegistry clients;
    private final Clock clock;
    private final Consumer<String> log;
    private boolean attached;

    private ReplicaSide(PrimaryLink link, Acknowledgements acks, ReplicationState state, ServerConfig config,
                        ClientRegistry clients, Clock clock, Consumer<String> log) {
        this.link = link;
        this.acks = acks;
        this.state = state;
        this.config = config;
        this.clients = clients;
        this.clock = clock;
        this.log = log;
    }

    /**
     * Registers the replica's side: the commands, the read-only check, the {@code INFO} fields, and
     * the link's place on the event loop.
     *
     * @param parts the server's parts (configuration, databases, pipeline, client list, INFO)
     * @param state the server's replication ID and offset, shared with the primary's side
     * @param info the shared {@code INFO replication} and {@code ROLE} hook: told when the server is
     *     a replica, given the replica's fields, {@code ROLE}'s reply and the answer to {@code GETACK}
     * @param primary the primary's side: the applied stream is relayed to its backlog and replicas,
     *     which are disconnected when a new history begins
     * @param loop lab 7's extension, which hands over the event loop
     * @return the replica's side
     */
    public static ReplicaSide install(IntegratedServer.Parts parts, ReplicationState state, ReplicationInfo info,
                                      PrimarySide primary, ConcurrencyServer loop) {
        Acknowledgements acks = new Acknowledgements();
        PrimaryLink link = new PrimaryLink(parts.config(), parts.dbs(), parts.pipeline(), parts.clients(), state,
                RdbReader::load, acks, parts.clock(), parts.log(), downstream(primary));
        ReplicaSide side = new ReplicaSide(link, acks, state, parts.config(), parts.clients(), parts.clock(),
                parts.log());
        parts.table().register(ReplicaofCommand.spec("replicaof", side));
        parts.table().register(ReplicaofCommand.spec("slaveof", side));
        if (!parts.config().all().containsKey("replica-read-only")) {
            parts.config().set("replica-read-only", "yes");
        }
        parts.serverCommands().configSet().register(
                ConfigParameter.modifiable("replica-read-only", ConfigParameter.yesNo(), ConfigParameter.NOTHING));
        parts.pipeline().addAdmissionCheck(new ReadOnlyReplica(() -> link.isReplica() && side.readOnly()));
        Persistence persistence = parts.server().persistence();
        link.onSnapshotLoaded(() -> restartAppendOnly(persistence, parts.log()));
        info.replicaWhile(link::isReplica);
        info.linkUpWhile(() -> link.linkState() == PrimaryLink.LinkState.CONNECTED);
        info.onGetAck(client -> {
            if (link.linkState() == PrimaryLink.LinkState.CONNECTED) {
                acks.answerGetAck(link); // whoever asked, the ACK goes to the primary (as Redis)
            }
        });
        info.replicaRole(side::writeRole);
        side.registerInfo(info);
        String replicaof = parts.config().all().get("replicaof");
        if (replicaof != null && !replicaof.isBlank()) {
            String[] hostPort = replicaof.trim().split("\\s+");
            link.follow(hostPort[0], Integer.parseInt(hostPort[1])); // connects once the loop runs
        }
        loop.whenServing(server -> server.addBeforeSleep(() -> side.attach(server)));
        return side;
    }

    /**
     * After a full resynchronization the append-only file would hold the old data and none of the
     * new: with {@code appendonly yes} it is started again, rewritten from the loaded keyspace.
     *
     * <p>Redis: {@code replication.c}, {@code restartAOFAfterSYNC}.
     */
    private static void restartAppendOnly(Persistence persistence, Consumer<String> log) {
        if (persistence.appendOnlyFile() == null) {
            return;
        }
        try {
            persistence.appendOnly(false);
            persistence.appendOnly(true);
        } catch (java.io.IOException e) {
            log.accept("Failed enabling the AOF after successful master synchronization: " + e.getMessage());
        }
    }

    /** The primary's side, as the link sees it: this server's own backlog and replicas. */
    private static Downstream downstream(PrimarySide primary) {
        return new Downstream() {
            @Override
            public void relay(byte[] bytes, int off, int len) {
                primary.feed().feedFromPrimaryStream(bytes, off, len);
            }

            @Override
            public void disconnectReplicas() {
                primary.disconnectReplicas();
            }

            @Override
            public void newBacklog() {
                primary.feed().freeBacklog();
                primary.feed().createBacklog();
            }

            @Override
            public void forceSelect() {
                primary.feed().forceSelect();
            }
        };
    }

    /** The loop's first pass: the link gets the loop, its once-a-second timer starts, and a configured primary is dialled. */
    private void attach(EventLoopServer server) {
        if (attached) {
            return;
        }
        attached = true;
        link.attach(server.loop(), server::isClosed);
        server.loop().timers().every(() -> 1000, link::cron);
        if (link.linkState() == PrimaryLink.LinkState.CONNECT) {
            link.cron();
        }
    }

    /** @return the link to the primary */
    public PrimaryLink link() {
        return link;
    }

    /** @return whether this server is now a replica ({@code server.masterhost != NULL}) */
    public boolean isReplica() {
        return link.isReplica();
    }

    private boolean readOnly() {
        String value = config.all().get("replica-read-only");
        return value == null || value.toLowerCase(Locale.ROOT).equals("yes");
    }

    /**
     * {@code REPLICAOF host port}.
     *
     * @param client who asked (for the log line)
     * @return {@code false} if this server already replicates from {@code host:port} (nothing done)
     */
    boolean replicate(String host, int port, Client client) {
        if (link.isReplica() && host.equalsIgnoreCase(link.host()) && port == link.port()) {
            log.accept("REPLICAOF would result into synchronization with the master we are already connected "
                    + "with. No operation performed.");
            return false;
        }
        if (!link.isReplica()) {
            acks.forgetPrimary();
            acks.cacheMyself(state.replid(), state.offset());
            log.accept("Before turning into a replica, using my own master parameters to synthesize a cached "
                    + "master: I may be able to synchronize with the new master with just a partial transfer.");
        }
        link.follow(host, port);
        log.accept("REPLICAOF " + host + ":" + port + " enabled (user request from '" + describe(client) + "')");
        return true;
    }

    /**
     * {@code REPLICAOF NO ONE}: if this server is a replica, it becomes a primary, with its data and
     * a new replication history; otherwise nothing changes.
     *
     * @param client who asked (for the log line)
     */
    void promote(Client client) {
        if (!link.isReplica()) {
            return;
        }
        state.shiftReplid();
        log.accept("Setting secondary replication ID to " + state.replid2() + ", valid up to offset: "
                + state.secondOffset() + ". New replication ID is " + state.replid());
        link.unfollow();
        log.accept("MASTER MODE enabled (user request from '" + describe(client) + "')");
    }

    private String describe(Client client) {
        ClientConnection connection = clients.byId(client.id());
        return connection == null ? client.toString() : clients.info().line(connection, clock.millis(), 0);
    }

    /**
     * Registers the replica's fields of {@code INFO replication}, shown only while it is one, in
     * Redis 7.0's order and wording.
     */
    private void registerInfo(ReplicationInfo info) {
        field(info, "master_host", link::host);
        field(info, "master_port", link::port);
        field(info, "master_link_status",
                () -> link.linkState() == PrimaryLink.LinkState.CONNECTED ? "up" : "down");
        field(info, "master_last_io_seconds_ago", link::lastIoSecondsAgo);
        field(info, "master_sync_in_progress", () -> link.transfer() != null ? 1 : 0);
        field(info, "slave_read_repl_offset", link::readOffset);
        field(info, "slave_repl_offset", link::appliedOffset);
        field(info, "master_sync_total_bytes", () -> transferOr(p -> p.announcedLength()));
        field(info, "master_sync_read_bytes", () -> transferOr(SyncPayload::received));
        field(info, "master_sync_left_bytes", () -> transferOr(p -> p.announcedLength() < 0 ? -1
                : p.announcedLength() - p.received()));
        field(info, "master_sync_perc", () -> transferOr(p -> p.announcedLength() <= 0 ? "0.00"
                : String.format(Locale.ROOT, "%.2f", 100.0 * p.received() / p.announcedLength())));
        field(info, "master_sync_last_io_seconds_ago", () -> transferOr(p -> link.transferLastIoSecondsAgo()));
        field(info, "master_link_down_since_seconds",
                () -> link.linkState() == PrimaryLink.LinkState.CONNECTED ? null : link.downSinceSeconds());
        field(info, "slave_priority", () -> config.all().getOrDefault("replica-priority", "100"));
        field(info, "slave_read_only", () -> readOnly() ? 1 : 0);
        field(info, "replica_announced", () -> 1);
    }

    private static void field(ReplicationInfo info, String name, java.util.function.Supplier<?> value) {
        info.replicaField(name, value);
    }

    /**
     * {@code ROLE} on a replica: {@code *5 $5 slave $<host> :<port> $<state> :<offset>}, the state
     * one of {@code connect}, {@code connecting}, {@code handshake}, {@code sync},
     * {@code connected}; the offset that of the commands applied, or -1 while no stream flows.
     *
     * <p>Redis: {@code replication.c}, {@code roleCommand}.
     */
    private void writeRole(ReplyWriter reply) {
        reply.arrayHeader(5);
        reply.bulk("slave");
        reply.bulk(link.host());
        reply.integer(link.port());
        reply.bulk(link.linkState().roleWord());
        reply.integer(link.linkState() == PrimaryLink.LinkState.CONNECTED ? link.offset() : -1);
    }

    private Object transferOr(java.util.function.Function<SyncPayload, Object> value) {
        SyncPayload transfer = link.transfer();
        return transfer == null ? null : value.apply(transfer);
    }
}
