package dev.redisfromscratch.replication;

import dev.redisfromscratch.info.Info;
import dev.redisfromscratch.protocol.ReplyWriter;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Which role the server plays now (primary, or replica of another), as {@code INFO replication}
 * and {@code ROLE} report it: the one place the primary's side and the replica's side meet.
 *
 * <ul>
 *   <li>The primary's side registers the section's common fields ({@code role}, {@code connected_slaves},
 *       the {@code slaveN} lines, the IDs, offsets and backlog) and the {@code ROLE} command.
 *   <li>The replica's side says when the server is a replica ({@link #replicaWhile}), registers its
 *       own fields with {@link #replicaField} (shown only while it is one, at Redis's place:
 *       {@code master_host} ... {@code replica_announced}) and writes {@code ROLE}'s reply while it
 *       is one ({@link #replicaRole}).
 * </ul>
 *
 * <pre>
 *   # Replication          (a replica)                     (a primary)
 *   role:slave             master_host:127.0.0.1 ...       role:master
 *   connected_slaves:0                                     connected_slaves:1
 *                                                          slave0:ip=...,port=...,state=online,offset=..,lag=0
 *   master_failover_state:no-failover ... repl_backlog_histlen:0   (both)
 * </pre>
 *
 * <p>Used on the server thread only.
 *
 * <p>Redis: {@code server.c}, {@code genRedisInfoString} ("replication"); {@code replication.c},
 * {@code roleCommand}.
 */
public final class ReplicationInfo {
    /** The {@code INFO} section. */
    public static final String SECTION = "replication";

    private final Info info;
    private BooleanSupplier replica = () -> false;
    private BooleanSupplier linkUp = () -> false;
    private Consumer<ReplyWriter> replicaRole = r -> { };
    private Consumer<dev.redisfromscratch.client.Client> getAck = c -> { };

    /**
     * @param info the server's {@code INFO} ({@code parts.serverCommands().info()})
     */
    public ReplicationInfo(Info info) {
        this.info = info;
    }

    /**
     * Says when this server is a replica (configured with {@code REPLICAOF host port}, until
     * {@code REPLICAOF NO ONE}); the replica's side calls it once.
     *
     * @param isReplica read on each use
     */
    public void replicaWhile(BooleanSupplier isReplica) {
        this.replica = isReplica;
    }

    /**
     * Says when a replica's link to its primary is up (synchronised: {@code master_link_status:up});
     * the replica's side calls it once. Only then may a replica of this replica sync with it
     * (a chain); otherwise {@code PSYNC} is refused with {@code -NOMASTERLINK}.
     *
     * @param isUp read on each use
     */
    public void linkUpWhile(BooleanSupplier isUp) {
        this.linkUp = isUp;
    }

    /** @return whether this server is a replica whose link to its primary is up ({@code REPL_STATE_CONNECTED}) */
    public boolean linkUp() {
        return isReplica() && linkUp.getAsBoolean();
    }

    /** @return whether this server is now a replica of another ({@code server.masterhost != NULL}) */
    public boolean isReplica() {
        return replica.getAsBoolean();
    }

    /** @return {@code INFO}'s {@code role} field: {@code master} or {@code slave} */
    public String role() {
        return isReplica() ? "slave" : "master";
    }

    /**
     * Registers a field of {@code INFO replication} shown only while this server is a replica.
     *
     * @param name Redis's field name, e.g. {@code master_link_status}
     * @param value its value, read when {@code INFO} asks; {@code null} leaves the line out
     */
    public void replicaField(String name, Supplier<?> value) {
        info.field(SECTION, name, () -> isReplica() ? value.get() : null);
    }

    /**
     * Registers a field of {@code INFO replication} shown whatever the role.
     *
     * @param name Redis's field name, e.g. {@code master_replid}
     * @param value its value, read when {@code INFO} asks; {@code null} leaves the line out
     */
    public void field(String name, Supplier<?> value) {
        info.field(SECTION, name, value);
    }

    /**
     * Registers a field of {@code INFO stats} ({@code sync_full}, {@code sync_partial_ok}, ...).
     *
     * @param name Redis's field name
     * @param value its value, read when {@code INFO} asks
     */
    public void stat(String name, Supplier<?> value) {
        info.field("stats", name, value);
    }

    /**
     * Registers the lines whose names vary ({@code slave%d}: one per replica).
     *
     * @param place the group's name in Redis's order
     * @param lines adds each whole line, without its {@code \r\n}
     */
    public void lines(String place, Consumer<java.util.List<String>> lines) {
        info.lines(SECTION, place, lines);
    }

    /**
     * Sets how {@code ROLE} answers while this server is a replica; the replica's side calls it once.
     *
     * @param reply appends the whole reply:
     *     {@code *5 $5 slave $<host> :<port> $<state> :<offset>} (state {@code connect},
     *     {@code connecting}, {@code sync}, {@code connected}, or {@code handshake})
     */
    public void replicaRole(Consumer<ReplyWriter> reply) {
        this.replicaRole = reply;
    }

    /**
     * Sets what {@code REPLCONF GETACK} does: a replica sends {@code REPLCONF ACK <offset>} to its
     * primary at once (Redis: {@code replicationSendAck}); the replica's side calls it once. On a
     * primary, {@code GETACK} does nothing.
     *
     * @param answer given the client that sent {@code GETACK}
     */
    public void onGetAck(Consumer<dev.redisfromscratch.client.Client> answer) {
        this.getAck = answer;
    }

    /** {@code REPLCONF GETACK} arrived from {@code client} (no reply is written). */
    public void getAck(dev.redisfromscratch.client.Client client) {
        if (isReplica()) {
            getAck.accept(client);
        }
    }

    /** Appends {@code ROLE}'s reply as a replica (set by {@link #replicaRole}). */
    public void writeReplicaRole(ReplyWriter reply) {
        replicaRole.accept(reply);
    }
}
