package dev.redisfromscratch.server;

import dev.redisfromscratch.config.ServerConfig;
import dev.redisfromscratch.replica.ReplicaSide;
import dev.redisfromscratch.replication.PrimarySide;
import dev.redisfromscratch.replication.ReplicationInfo;
import dev.redisfromscratch.replication.ReplicationState;
import dev.redisfromscratch.snapshot.ValueCodecs;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

/**
 * Lab 8's server, composed: lab 7's server (one event loop serving lab 6's commands) that can be a
 * primary with replicas, a replica of another primary (ours or a real Redis), or both in turn.
 * Everything plugs in through the earlier labs' seams: the propagated effects feed the replicas'
 * stream ({@code command.PropagationListener}), the replicas are clients of the event loop, and the
 * replica's link to its primary is one more channel on the loop ({@link ConcurrencyServer#whenServing}).
 *
 * <p>Redis: {@code replication.c}; {@code server.c}, {@code initServer} ({@code replicationInit}).
 */
public final class ReplicationServer implements ServerExtension {
    private final ConcurrencyServer loop;
    private final ReplicationState state = new ReplicationState();
    private ValueCodecs codecs; // the value types, for a full resync's snapshot
    private ReplicaSide replica;

    /**
     * @param loop lab 7's extension, the one whose transport serves this server's clients
     */
    public ReplicationServer(ConcurrencyServer loop) {
        this.loop = loop;
    }

    /** @return lab 7's additions and lab 8's replication, for {@link IntegratedServer#create} and the test fixtures */
    public static List<ServerExtension> extensions() {
        List<ServerExtension> all = new ArrayList<>(ListsSetsServer.extensions());
        ConcurrencyServer loop = new ConcurrencyServer();
        all.add(loop);
        all.add(new ReplicationServer(loop));
        return List.copyOf(all);
    }

    /**
     * @param config address, port and every parameter; the earlier labs' defaults are added
     * @param clock the server's clock (tests pass a {@code ManualClock})
     * @param log receives the server's log lines
     * @return a server, not loaded or started yet
     * @throws IllegalArgumentException for a bad parameter, with Redis's wording where it has one
     */
    public static IntegratedServer create(ServerConfig config, Clock clock, Consumer<String> log) {
        return create(config, clock, PersistentServer::backgroundThread, log);
    }

    /** The same, with the executor background saves (and full-resync snapshots) run on. */
    public static IntegratedServer create(ServerConfig config, Clock clock, Executor background, Consumer<String> log) {
        return IntegratedServer.create(config, clock, background, log, extensions());
    }

    /** @return this server's replication ID and offset, shared by its primary and replica sides */
    public ReplicationState state() {
        return state;
    }

    /** @return the replica's side: REPLICAOF, the link to the primary (set by {@link #extend}) */
    public ReplicaSide replica() {
        return replica;
    }

    @Override
    public void addCodecs(ValueCodecs all) {
        this.codecs = all;
    }

    @Override
    public void extend(IntegratedServer.Parts parts) {
        // INFO replication and ROLE: the fields and reply each side registers, and which role is current
        ReplicationInfo info = new ReplicationInfo(parts.serverCommands().info());
        // the primary's side (package replication): REPLCONF, PSYNC, SYNC, WAIT, the backlog, the stream
        PrimarySide primary = PrimarySide.install(parts, state, info, codecs, loop);
        // the replica's side (package replica): REPLICAOF, the link to the primary, read-only, ACKs
        replica = ReplicaSide.install(parts, state, info, primary, loop);
    }
}
