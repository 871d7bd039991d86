package dev.redisfromscratch.replication;

import dev.redisfromscratch.client.Client;
import dev.redisfromscratch.clients.OutputBufferLimit;
import dev.redisfromscratch.command.PropagationListener;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.IntSupplier;

/**
 * The command stream: each effect the pipeline propagates, encoded as a RESP array, preceded by
 * {@code SELECT <db>} when its database is not the one the stream last selected, appended to the
 * backlog and to every replica's output (or held back for a replica whose snapshot is still being
 * made). Each byte advances the primary's replication offset.
 *
 * <pre>
 *   *2\r\n$6\r\nSELECT\r\n$1\r\n3\r\n                 only when the database changes
 *   *3\r\n$3\r\nset\r\n$1\r\nk\r\n$1\r\nv\r\n         the command, as propagated
 * </pre>
 *
 * <p>Nothing is fed while there is neither a backlog nor a replica (the offset stays still), nor
 * while this server is itself a replica: its stream is its primary's, which the replica's side
 * passes on with {@link #feedFromPrimaryStream} (Redis's {@code replicationFeedStreamFromMasterStream}).
 *
 * <p>Used on the server thread only.
 *
 * <p>Redis: {@code replication.c}, {@code replicationFeedSlaves}, {@code feedReplicationBuffer},
 * {@code createReplicationBacklog}; {@code server.slaveseldb}.
 */
public final class ReplicationFeed implements PropagationListener {
    private static final byte[] CRLF = {'\r', '\n'};

    private final ReplicationState state;
    private final Replicas replicas;
    private final ReplicationInfo role;
    private final OutputBufferLimit limit;
    private final IntSupplier backlogSize;
    private Backlog backlog;
    /** The database the stream last selected, or -1: the next command is preceded by SELECT. */
    private int selectedDb = -1;

    /**
     * @param state the replication ID and offset, advanced by each byte fed
     * @param replicas the replicas to feed
     * @param role whether this server is a replica now (then it feeds nothing of its own)
     * @param limit the output buffer limits ({@code replica 256mb 64mb 60}), checked after each append
     * @param backlogSize {@code repl-backlog-size} in bytes, read when the backlog is created
     */
    public ReplicationFeed(ReplicationState state, Replicas replicas, ReplicationInfo role, OutputBufferLimit limit,
                           IntSupplier backlogSize) {
        this.state = state;
        this.replicas = replicas;
        this.role = role;
        this.limit = limit;
        this.backlogSize = backlogSize;
    }

    /** @return the backlog, or {@code null} before the first replica came ({@code repl_backlog_active:0}) */
    public Backlog backlog() {
        return backlog;
    }

    /**
     * Creates the backlog if there is none, starting at the current offset.
     *
     * @return whether it was created now
     */
    public boolean createBacklog() {
        if (backlog != null) {
            return false;
        }
        backlog = new Backlog(backlogSize.getAsInt(), state.offset());
        return true;
    }

    /** Drops the backlog (Redis: {@code freeReplicationBacklog}). */
    public void freeBacklog() {
        backlog = null;
    }

    /** Makes the next command fed be preceded by {@code SELECT} (a new full resync began). */
    public void forceSelect() {
        selectedDb = -1;
    }

    @Override
    public void propagate(int db, List<byte[]> argv) {
        if (role.isReplica()) {
            return; // a replica passes on its primary's stream as it is, not its own encoding of it
        }
        feed(db, argv);
    }

    /**
     * Feeds one command (nothing while this server is a replica: its replicas get its primary's stream).
     *
     * @param db its database; -1 for one that names none ({@code PING}, {@code REPLCONF GETACK}):
     *     no {@code SELECT} is added for it
     * @param argv the command, name first
     */
    public void feed(int db, List<byte[]> argv) {
        if (role.isReplica() || backlog == null && replicas.isEmpty()) {
            return;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(64);
        if (db >= 0 && db != selectedDb) {
            encode(out, List.of(ascii("SELECT"), ascii(Integer.toString(db))));
            selectedDb = db;
        }
        encode(out, argv);
        byte[] bytes = out.toByteArray();
        append(bytes, 0, bytes.length);
    }

    /**
     * A replica passes on the stream its primary sent, byte for byte, to its own backlog and
     * replicas. The replica's side advances the offset itself as it applies the stream, so this
     * does not.
     *
     * <p>Redis: {@code replication.c}, {@code replicationFeedStreamFromMasterStream}.
     */
    public void feedFromPrimaryStream(byte[] src, int off, int len) {
        if (backlog == null && replicas.isEmpty()) {
            return;
        }
        if (backlog != null) {
            backlog.append(src, off, len);
        }
        toReplicas(src, off, len);
    }

    private void append(byte[] bytes, int off, int len) {
        if (backlog != null) {
            backlog.append(bytes, off, len);
        }
        state.advance(len);
        toReplicas(bytes, off, len);
    }

    private void toReplicas(byte[] bytes, int off, int len) {
        for (Replica replica : replicas.all()) {
            if (replica.state() == Replica.SyncState.WAIT_BGSAVE) {
                replica.held().write(bytes, off, len); // sent after its snapshot
                continue;
            }
            send(replica, bytes, off, len);
        }
    }

    /**
     * Appends bytes to a replica's output and has the loop send them; a replica over its output
     * buffer limit is closed (Redis: {@code closeClientOnOutputBufferLimitReached(c, 1)}).
     */
    void send(Replica replica, byte[] bytes, int off, int len) {
        Client client = replica.client();
        if (limit.isClosing(client) || client.has(dev.redisfromscratch.client.ClientFlag.CLOSE_AFTER_REPLY)) {
            return;
        }
        if (off == 0 && len == bytes.length) {
            client.reply().raw(bytes);
        } else {
            client.reply().raw(java.util.Arrays.copyOfRange(bytes, off, off + len));
        }
        client.requestWrite();
        limit.closeAsyncIfReached(replica.connection());
    }

    /** Encodes a command as a RESP array of bulk strings. */
    static void encode(ByteArrayOutputStream out, List<byte[]> argv) {
        out.write('*');
        out.writeBytes(ascii(Integer.toString(argv.size())));
        out.writeBytes(CRLF);
        for (byte[] arg : argv) {
            out.write('$');
            out.writeBytes(ascii(Integer.toString(arg.length)));
            out.writeBytes(CRLF);
            out.writeBytes(arg);
            out.writeBytes(CRLF);
        }
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
