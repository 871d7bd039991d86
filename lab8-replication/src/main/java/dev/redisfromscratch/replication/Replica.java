package dev.redisfromscratch.replication;

import dev.redisfromscratch.client.Client;
import dev.redisfromscratch.clients.ClientConnection;
import java.io.ByteArrayOutputStream;

/**
 * One replica of ours, as the primary sees it: a client connection flagged {@code REPLICA} once
 * it sent {@code PSYNC} or {@code SYNC}, with what it told us in {@code REPLCONF} and how far it
 * acknowledged the stream.
 *
 * <pre>
 *   state        wait_bgsave: its snapshot is being written (the stream is held back in {@link #held()})
 *                send_bulk:   the snapshot is in its output buffer, not all sent yet
 *                online:      it gets the stream as it is produced
 *   ackOffset    the offset of its last REPLCONF ACK (bytes of the stream it has applied)
 * </pre>
 *
 * <p>Used on the server thread only.
 *
 * <p>Redis: {@code server.h}, {@code struct client}'s replication fields ({@code replstate},
 * {@code repl_ack_off}, {@code repl_ack_time}, {@code slave_listening_port}, {@code slave_addr},
 * {@code slave_capa}, {@code psync_initial_offset}); {@code SLAVE_STATE_*}.
 */
public final class Replica {
    /** Where the replica is in its synchronisation ({@code SLAVE_STATE_*}), with {@code INFO}'s name. */
    public enum SyncState {
        /** Its snapshot is being produced ({@code SLAVE_STATE_WAIT_BGSAVE_END}). */
        WAIT_BGSAVE("wait_bgsave"),
        /** Its snapshot is on the way ({@code SLAVE_STATE_SEND_BULK}). */
        SEND_BULK("send_bulk"),
        /** It receives the stream ({@code SLAVE_STATE_ONLINE}). */
        ONLINE("online");

        private final String infoName;

        SyncState(String infoName) {
            this.infoName = infoName;
        }

        /** @return the name {@code INFO replication}'s {@code slaveN} line shows */
        public String infoName() {
            return infoName;
        }
    }

    /** What a replica said in {@code REPLCONF} before it became one; kept in {@code client.state}. */
    public static final class Handshake {
        /** {@code REPLCONF listening-port}, 0 if not told. */
        int listeningPort;
        /** {@code REPLCONF ip-address}, or {@code null}: the connection's address is used. */
        String ipAddress;
        /** {@code REPLCONF capa eof}. */
        boolean capaEof;
        /** {@code REPLCONF capa psync2}: {@code +CONTINUE} carries the replication ID. */
        boolean capaPsync2;
        /** {@code REPLCONF rdb-only 1}: the snapshot only, no stream after it ({@code redis-cli --rdb}). */
        boolean rdbOnly;
        /** {@code REPLCONF rdb-filter-only ""}: a snapshot without the keys ({@code redis-cli --replica}). */
        boolean excludeData;
    }

    private final ClientConnection connection;
    private final Handshake handshake;
    private final boolean prePsync;
    private final ByteArrayOutputStream held = new ByteArrayOutputStream();
    private SyncState state;
    private long ackOffset;
    private long ackMillis;

    /**
     * @param connection the replica's client connection
     * @param prePsync whether it sent {@code SYNC} (no {@code +FULLRESYNC} line, no {@code REPLCONF ACK}s)
     * @param state its state to start with
     * @param nowMillis the server's clock: its acknowledgement time starts now
     */
    public Replica(ClientConnection connection, boolean prePsync, SyncState state, long nowMillis) {
        this.connection = connection;
        this.handshake = handshakeOf(connection.client());
        this.prePsync = prePsync;
        this.state = state;
        this.ackMillis = nowMillis;
    }

    /** @return the {@code REPLCONF} values {@code client} has sent so far */
    public static Handshake handshakeOf(Client client) {
        return client.state(Handshake.class, Handshake::new);
    }

    /** @return the connection */
    public ClientConnection connection() {
        return connection;
    }

    /** @return the client */
    public Client client() {
        return connection.client();
    }

    /** @return whether it sent {@code SYNC} rather than {@code PSYNC} ({@code CLIENT_PRE_PSYNC}) */
    public boolean prePsync() {
        return prePsync;
    }

    /** @return whether it understands {@code +CONTINUE <replid>} ({@code capa psync2}) */
    public boolean capaPsync2() {
        return handshake.capaPsync2;
    }

    /** @return its state */
    public SyncState state() {
        return state;
    }

    /** Moves it to {@code next}. */
    public void state(SyncState next) {
        this.state = next;
    }

    /** @return whether it asked for the snapshot only ({@code REPLCONF rdb-only 1}) */
    public boolean rdbOnly() {
        return handshake.rdbOnly;
    }

    /** @return whether it asked for a snapshot without keys ({@code REPLCONF rdb-filter-only}) */
    public boolean excludeData() {
        return handshake.excludeData;
    }

    /** @return the port it listens on ({@code REPLCONF listening-port}), 0 if not told */
    public int listeningPort() {
        return handshake.listeningPort;
    }

    /** @return the IP address to show: {@code REPLCONF ip-address}, else the connection's peer's */
    public String ip() {
        if (handshake.ipAddress != null) {
            return handshake.ipAddress;
        }
        String address = connection.client().address();
        return address.substring(0, address.lastIndexOf(':'));
    }

    /**
     * @return how logs name it: {@code ip:listening-port}, or {@code ip:<unknown-replica-port>} if
     *     it never said its port (Redis: {@code replicationGetSlaveName})
     */
    public String name() {
        return nameOf(connection.client());
    }

    /** @return how logs name {@code client}, by what its handshake said so far ({@link #name()}) */
    public static String nameOf(Client client) {
        Handshake h = handshakeOf(client);
        String address = client.address();
        String ip = h.ipAddress != null ? h.ipAddress : address.substring(0, address.lastIndexOf(':'));
        return h.listeningPort != 0 ? ip + ":" + h.listeningPort : ip + ":<unknown-replica-port>";
    }

    /** @return the stream produced while its snapshot was being made, sent after the snapshot */
    public ByteArrayOutputStream held() {
        return held;
    }

    /** @return the offset it acknowledged last ({@code repl_ack_off}), 0 before any */
    public long ackOffset() {
        return ackOffset;
    }

    /** @return when it acknowledged last, Unix ms ({@code repl_ack_time}) */
    public long ackMillis() {
        return ackMillis;
    }

    /**
     * Records {@code REPLCONF ACK <offset>}: the replica has applied the stream up to
     * {@code offset}. An older offset than one already acknowledged (ACKs can cross on the wire)
     * does not move it back; the time of the acknowledgement is recorded either way.
     *
     * <p>Given: a real replica acknowledges every second from stage 2's tests on.
     *
     * <p>Redis: {@code replication.c}, {@code replconfCommand} ("ack").
     *
     * @param offset the replica's offset
     * @param nowMillis the server's clock, Unix ms
     */
    public void acknowledge(long offset, long nowMillis) {
        if (offset > ackOffset) {
            ackOffset = offset;
        }
        ackMillis = nowMillis;
    }

    /** Sets what the handshake said: {@code REPLCONF listening-port}. */
    static void listeningPort(Client client, int port) {
        handshakeOf(client).listeningPort = port;
    }

    /** Sets what the handshake said: {@code REPLCONF ip-address}. */
    static void ipAddress(Client client, String ip) {
        handshakeOf(client).ipAddress = ip;
    }

    /** Sets what the handshake said: {@code REPLCONF rdb-only 0|1}. */
    static void rdbOnly(Client client, boolean only) {
        handshakeOf(client).rdbOnly = only;
    }

    /** Sets what the handshake said: {@code REPLCONF rdb-filter-only}: no keys in its snapshot. */
    static void excludeData(Client client) {
        handshakeOf(client).excludeData = true;
    }

    /** Sets what the handshake said: {@code REPLCONF capa eof|psync2}. */
    static void capability(Client client, String capa) {
        if (capa.equalsIgnoreCase("eof")) {
            handshakeOf(client).capaEof = true;
        } else if (capa.equalsIgnoreCase("psync2")) {
            handshakeOf(client).capaPsync2 = true;
        }
    }
}
