package dev.redisfromscratch.replication;

import dev.redisfromscratch.client.Client;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The primary's replicas, in the order they connected: Redis's {@code server.slaves}. Each is a
 * {@link Replica}, found by its client's id.
 *
 * <p>Used on the server thread only.
 *
 * <p>Redis: {@code server.h}, {@code server.slaves}; {@code replication.c},
 * {@code replicationCountAcksByOffset}.
 */
public final class Replicas {
    private final Map<Long, Replica> byClient = new LinkedHashMap<>();

    /** Adds a replica (its client just sent {@code PSYNC} or {@code SYNC}). */
    public void add(Replica replica) {
        byClient.put(replica.client().id(), replica);
    }

    /** @return the replica whose client this is, or {@code null} if it is not one */
    public Replica of(Client client) {
        return byClient.get(client.id());
    }

    /** Forgets the replica of this client, if it is one; @return it, or {@code null} */
    public Replica remove(Client client) {
        return byClient.remove(client.id());
    }

    /** @return every replica, oldest first (a copy) */
    public List<Replica> all() {
        return new ArrayList<>(byClient.values());
    }

    /** @return how many replicas there are, in any state ({@code connected_slaves}) */
    public int size() {
        return byClient.size();
    }

    /** @return whether there is none */
    public boolean isEmpty() {
        return byClient.isEmpty();
    }

    /**
     * How many replicas have acknowledged the stream at least up to {@code offset}: what
     * {@code WAIT} counts. Only replicas that are online count (one still loading its snapshot has
     * acknowledged nothing of this history).
     *
     * <p>Redis: {@code replication.c}, {@code replicationCountAcksByOffset}.
     *
     * @param offset a primary's offset (the one right after the waiting client's last write)
     * @return the number of replicas whose acknowledged offset is at least {@code offset}
     */
    public int countAcks(long offset) {
        // BEGIN SOLUTION
        int count = 0;
        for (Replica r : byClient.values()) {
            if (r.state() == Replica.SyncState.ONLINE && r.ackOffset() >= offset) {
                count++;
            }
        }
        return count;
        // END SOLUTION
        // STUB: throw new UnsupportedOperationException("TODO(lab8): stage 3: Replicas.countAcks: count the online replicas whose ackOffset() >= offset");
    }
}
