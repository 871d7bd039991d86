package dev.redisfromscratch.replication;

import dev.redisfromscratch.client.Client;
import dev.redisfromscratch.command.PropagationListener;
import java.util.List;

/**
 * Each client's replication offset right after its last command that added to the stream: what
 * {@code WAIT} waits for. It listens to the propagated commands after the stream
 * ({@link ReplicationFeed}) has taken them, and gives the offset reached to the client whose
 * command it was, once that command has replied.
 *
 * <p>Redis: {@code server.c}, {@code call} ({@code c->woff = server.master_repl_offset} when
 * the command moved the offset).
 */
public final class WriteOffsets implements PropagationListener {
    /** The per-client value, in {@code client.state}. */
    private static final class Offset {
        long value;
    }

    private final ReplicationState state;
    private boolean moved;
    private long reached;

    /** @param state the primary's offset */
    public WriteOffsets(ReplicationState state) {
        this.state = state;
    }

    @Override
    public void propagate(int db, List<byte[]> argv) {
        moved = true;
        reached = state.offset();
    }

    /** After a command of {@code client} replied (the pipeline's after-reply check). */
    public void afterCommand(Client client) {
        if (moved) {
            moved = false;
            client.state(Offset.class, Offset::new).value = reached;
        }
    }

    /** @return the offset right after {@code client}'s last write, 0 if none */
    public long of(Client client) {
        return client.state(Offset.class, Offset::new).value;
    }
}
