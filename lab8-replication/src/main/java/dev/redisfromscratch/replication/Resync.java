package dev.redisfromscratch.replication;

import dev.redisfromscratch.client.Client;
import dev.redisfromscratch.client.ClientFlag;
import dev.redisfromscratch.clients.ClientConnection;
import dev.redisfromscratch.clients.ClientRegistry;
import dev.redisfromscratch.command.CommandCall;
import dev.redisfromscratch.command.ErrorReplies;
import dev.redisfromscratch.protocol.Numbers;
import dev.redisfromscratch.snapshot.EntrySource;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * What {@code PSYNC} and {@code SYNC} do on the primary: a client becomes a replica, either
 * continuing from its offset (partial resync) or receiving a snapshot first (full resync).
 *
 * <pre>
 *   PSYNC id off, history shared and off in the backlog:
 *       +CONTINUE &lt;replid&gt;\r\n         (+CONTINUE\r\n to a replica without capa psync2)
 *       the backlog's bytes from off      then the stream, as it is produced
 *   otherwise (and SYNC):
 *       +FULLRESYNC &lt;replid&gt; &lt;offset&gt;\r\n   (not for SYNC)
 *       ... the keyspace is captured now; the RDB is written on a background thread; the loop serves on,
 *       and the stream produced meanwhile is held for this replica ...
 *       $&lt;len&gt;\r\n&lt;rdb bytes&gt;            (no CRLF after the bytes)
 *       the held stream, then the stream as it is produced
 * </pre>
 *
 * <p>Refusals: a client that is a replica already is ignored (no reply); one with replies not yet
 * sent gets {@code -ERR SYNC and PSYNC are invalid with pending output}; a server that is itself a
 * replica whose link to its primary is not up answers
 * {@code -NOMASTERLINK Can't SYNC while not connected with my master}; a bad offset gets {@code -ERR value is not an integer or out of range}.
 *
 * <p>Used on the server thread, except the snapshot's writing.
 *
 * <p>Redis: {@code replication.c}, {@code syncCommand}, {@code masterTryPartialResynchronization},
 * {@code replicationSetupSlaveForFullResync}, {@code startBgsaveForReplication},
 * {@code updateSlavesWaitingBgsave}, {@code replicaPutOnline}.
 */
public final class Resync {
    private final ReplicationState state;
    private final ReplicationFeed feed;
    private final Replicas replicas;
    private final ReplicationInfo role;
    private final SyncStats stats;
    private final ClientRegistry clients;
    private final Supplier<EntrySource> capture;
    private final SnapshotWriter writer;
    private final Executor background;
    private final Consumer<Runnable> toLoop;
    private final Clock clock;
    private final Consumer<String> log;
    private int sending;

    /**
     * @param state our replication ID and offset
     * @param feed the stream (its backlog, its SELECT memory)
     * @param replicas the replicas, which the new one joins
     * @param role whether this server is a replica now
     * @param stats sync_full, sync_partial_ok, sync_partial_err
     * @param clients the client list (a client's connection)
     * @param capture freezes the keyspace now, on the server thread ({@code KeyspaceCapture.of})
     * @param writer writes a capture as an RDB, on the background thread
     * @param background where the RDB is written
     * @param toLoop hands work back to the server thread ({@code EventLoop.execute})
     * @param clock the server's clock
     * @param log Redis's log lines
     */
    public Resync(ReplicationState state, ReplicationFeed feed, Replicas replicas, ReplicationInfo role,
                  SyncStats stats, ClientRegistry clients, Supplier<EntrySource> capture, SnapshotWriter writer,
                  Executor background, Consumer<Runnable> toLoop, Clock clock, Consumer<String> log) {
        this.state = state;
        this.feed = feed;
        this.replicas = replicas;
        this.role = role;
        this.stats = stats;
        this.clients = clients;
        this.capture = capture;
        this.writer = writer;
        this.background = background;
        this.toLoop = toLoop;
        this.clock = clock;
        this.log = log;
    }

    /** {@code PSYNC replid offset}: partial resync if possible, else full. */
    public void psync(CommandCall call) {
        ClientConnection connection = admit(call);
        if (connection == null) {
            return;
        }
        String replid = call.argString(1);
        long offset;
        try {
            offset = Numbers.string2ll(call.arg(2));
        } catch (Numbers.NotANumber e) {
            log.accept("Replica " + nameOf(call.client()) + " asks for synchronization but with a wrong offset");
            call.reply().error(ErrorReplies.NOT_AN_INTEGER);
            return;
        }
        if (tryPartialResync(call, connection, replid, offset)) {
            stats.countPartialOk();
            return;
        }
        if (!replid.equals("?")) {
            stats.countPartialErr();
        }
        fullResync(call, connection, false);
    }

    /** {@code SYNC} (old replicas, {@code redis-cli --replica}): always a full resync, no {@code +FULLRESYNC} line. */
    public void sync(CommandCall call) {
        ClientConnection connection = admit(call);
        if (connection != null) {
            fullResync(call, connection, true);
        }
    }

    /** @return the client's connection if it may sync now; else {@code null}, having replied if Redis does */
    private ClientConnection admit(CommandCall call) {
        Client client = call.client();
        if (client.has(ClientFlag.REPLICA)) {
            return null; // ignored: it is a replica already
        }
        if (role.isReplica() && !role.linkUp()) {
            call.reply().error("NOMASTERLINK Can't SYNC while not connected with my master");
            return null;
        }
        if (client.reply().hasPending()) {
            call.reply().error("ERR SYNC and PSYNC are invalid with pending output");
            return null;
        }
        ClientConnection connection = clients.byId(client.id());
        if (connection == null) {
            return null;
        }
        log.accept("Replica " + nameOf(client) + " asks for synchronization");
        return connection;
    }

    private boolean tryPartialResync(CommandCall call, ClientConnection connection, String replid, long offset) {
        Backlog backlog = feed.backlog();
        String name = nameOf(call.client());
        switch (PsyncDecision.decide(state, backlog, replid, offset)) {
            case FULL_REQUESTED -> {
                log.accept("Full resync requested by replica " + name);
                return false;
            }
            case ID_MISMATCH -> {
                log.accept("Partial resynchronization not accepted: Replication ID mismatch (Replica asked for '"
                        + replid + "', my replication IDs are '" + state.replid() + "' and '" + state.replid2() + "')");
                return false;
            }
            case SECOND_ID_OFFSET -> {
                log.accept("Partial resynchronization not accepted: Requested offset for second ID was " + offset
                        + ", but I can reply up to " + state.secondOffset());
                return false;
            }
            case BACKLOG_LACKS -> {
                log.accept("Unable to partial resync with replica " + name
                        + " for lack of backlog (Replica request was: " + offset + ").");
                if (offset > state.offset()) {
                    log.accept("Warning: replica " + name
                            + " tried to PSYNC with an offset that is greater than the master replication offset.");
                }
                return false;
            }
            case CONTINUE -> {
                // below
            }
        }
        Client client = call.client();
        client.set(ClientFlag.REPLICA);
        Replica replica = new Replica(connection, false, Replica.SyncState.ONLINE, clock.millis());
        replicas.add(replica);
        // +CONTINUE <replid>\r\n, then the backlog from the replica's offset
        call.reply().raw(ascii(replica.capaPsync2() ? "+CONTINUE " + state.replid() + "\r\n" : "+CONTINUE\r\n"));
        byte[] tail = backlog.copyFrom(offset);
        call.reply().raw(tail);
        log.accept("Partial resynchronization request from " + name + " accepted. Sending " + tail.length
                + " bytes of backlog starting from offset " + offset + ".");
        return true;
    }

    private void fullResync(CommandCall call, ClientConnection connection, boolean prePsync) {
        stats.countFull();
        Client client = call.client();
        client.set(ClientFlag.REPLICA);
        Replica replica = new Replica(connection, prePsync, Replica.SyncState.WAIT_BGSAVE, clock.millis());
        replicas.add(replica);
        if (replicas.size() == 1 && feed.backlog() == null) {
            // a backlog made from scratch starts a new history: there is no valid past one
            state.changeReplid();
            state.clearReplid2();
            feed.createBacklog();
            log.accept("Replication backlog created, my new replication IDs are '" + state.replid() + "' and '"
                    + state.replid2() + "'");
        }
        long offset = state.offset();
        String replid = state.replid();
        feed.forceSelect(); // the stream after the snapshot starts with a SELECT
        if (!prePsync) {
            call.reply().raw(ascii("+FULLRESYNC " + replid + " " + offset + "\r\n"));
        }
        log.accept("Starting BGSAVE for SYNC with target: disk");
        // the point in time: now, on the server thread (no keys for REPLCONF rdb-filter-only)
        EntrySource snapshot = replica.excludeData() ? visitor -> { } : capture.get();
        background.execute(() -> {
            ByteArrayOutputStream rdb = new ByteArrayOutputStream(1 << 16);
            IOException failure = null;
            try {
                writer.write(snapshot, replid, offset, rdb);
            } catch (IOException | RuntimeException e) {
                failure = e instanceof IOException io ? io : new IOException(e);
            }
            IOException failed = failure;
            toLoop.accept(() -> snapshotReady(replica, failed == null ? rdb.toByteArray() : null, failed));
        });
    }

    /** On the server thread: the replica's RDB is ready (or failed). */
    private void snapshotReady(Replica replica, byte[] rdb, IOException failure) {
        if (replicas.of(replica.client()) != replica) {
            return; // it left meanwhile
        }
        if (rdb == null) {
            log.accept("Background transfer error: " + failure.getMessage());
            clients.kill(replica.connection());
            return;
        }
        log.accept("Background RDB transfer terminated with success");
        Client client = replica.client();
        // $<len>\r\n<rdb bytes>   (no CRLF: the stream follows at once)
        client.reply().raw(ascii("$" + rdb.length + "\r\n"));
        client.reply().raw(rdb);
        byte[] held = replica.held().toByteArray();
        replica.held().reset();
        if (!replica.rdbOnly()) {
            client.reply().raw(held);
        }
        replica.state(Replica.SyncState.SEND_BULK);
        sending++;
        if (replica.rdbOnly()) {
            client.closeAfterReply(); // REPLCONF rdb-only 1: the snapshot is all it wanted
        }
        client.requestWrite();
    }

    /**
     * Puts online the replicas whose snapshot has been sent completely; the loop calls it before it
     * sleeps. Redis: {@code replicaPutOnline} ("Synchronization with replica ... succeeded").
     */
    public void putOnlineWhenSent() {
        if (sending == 0) {
            return;
        }
        for (Replica replica : replicas.all()) {
            if (replica.state() == Replica.SyncState.SEND_BULK && replica.connection().pendingOutputBytes() == 0) {
                replica.state(Replica.SyncState.ONLINE);
                replica.acknowledge(replica.ackOffset(), clock.millis()); // its lag counts from now
                sending--;
                log.accept("Synchronization with replica " + replica.name() + " succeeded");
            }
        }
    }

    /** A replica left: forgets it. Redis: {@code freeClient} ("Connection with replica ... lost."). */
    public void replicaLeft(Client client) {
        Replica replica = replicas.remove(client);
        if (replica == null) {
            return;
        }
        if (replica.state() == Replica.SyncState.SEND_BULK) {
            sending--;
        }
        log.accept("Connection with replica " + replica.name() + " lost.");
    }

    private static String nameOf(Client client) {
        return Replica.nameOf(client);
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
