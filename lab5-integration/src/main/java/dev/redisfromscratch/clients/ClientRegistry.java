package dev.redisfromscratch.clients;

import dev.redisfromscratch.client.Client;
import dev.redisfromscratch.client.ClientFlag;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The server's list of connected clients, in connection order: Redis's {@code server.clients}.
 * {@code maxclients} counts it, {@code CLIENT LIST} and {@code INFO clients} read it, the cron
 * walks it to close idle clients, and {@code CLIENT KILL} finds its victim in it.
 *
 * <p>Not thread-safe: it is read and changed under the server's global lock (lab 5) or on the
 * event loop's thread (lab 7).
 *
 * <p>Redis: {@code server.h}, {@code server.clients}; {@code networking.c}, {@code linkClient},
 * {@code unlinkClient}; {@code server.c}, {@code clientsCronHandleTimeout}.
 */
public final class ClientRegistry {
    private final Map<Long, ClientConnection> byId = new LinkedHashMap<>();
    private final List<Consumer<Client>> onRemove = new ArrayList<>();
    private long rejected;

    /**
     * Registers work to do when a client leaves, for any reason (it closed, it was killed, it timed
     * out): its subscriptions are dropped, its WATCHed keys forgotten. Runs under the global lock.
     *
     * <p>Redis: {@code networking.c}, {@code freeClient} ({@code pubsubUnsubscribeAllChannels},
     * {@code unwatchAllKeys}, ...).
     */
    public void onRemove(Consumer<Client> cleanup) {
        onRemove.add(cleanup);
    }

    /** Adds a newly accepted client. */
    public void add(ClientConnection connection) {
        byId.put(connection.client().id(), connection);
    }

    /** Forgets a client that left or was closed; nothing happens if it is not here. */
    public void remove(ClientConnection connection) {
        if (byId.remove(connection.client().id()) != null) {
            for (Consumer<Client> cleanup : onRemove) {
                cleanup.accept(connection.client());
            }
        }
    }

    /** @return the number of connected clients ({@code connected_clients}) */
    public int size() {
        return byId.size();
    }

    /** @return the client with this id, or {@code null} */
    public ClientConnection byId(long id) {
        return byId.get(id);
    }

    /** @return every connected client, oldest first; a copy, safe to close clients while walking it */
    public List<ClientConnection> all() {
        return new ArrayList<>(byId.values());
    }

    /** Visits every connected client, oldest first. The visitor must not add or remove clients. */
    public void forEach(Consumer<ClientConnection> visitor) {
        Collection<ClientConnection> values = byId.values();
        values.forEach(visitor);
    }

    /** Counts one connection refused because {@code maxclients} was reached ({@code rejected_connections}). */
    public void countRejected() {
        rejected++;
    }

    /** @return connections refused at {@code maxclients} since the server started */
    public long rejected() {
        return rejected;
    }

    /**
     * Closes every client idle for longer than {@code timeoutSeconds}, as Redis's cron does. A
     * client that is subscribed to channels, or blocked, is never idle in this sense.
     *
     * @param timeoutSeconds the {@code timeout} parameter; 0 means clients are never closed for it
     * @param nowMillis the server's clock, Unix ms
     * @param log receives Redis's verbose log line for each closed client
     * @return how many clients were closed
     */
    public int closeIdle(long timeoutSeconds, long nowMillis, Consumer<String> log) {
        if (timeoutSeconds <= 0) {
            return 0;
        }
        int closed = 0;
        for (ClientConnection c : all()) {
            if (c.client().has(ClientFlag.PUBSUB)
                    || c.client().has(ClientFlag.BLOCKED)) {
                continue;
            }
            if (nowMillis - c.lastInteractionMillis() > timeoutSeconds * 1000) {
                log.accept("Closing idle client");
                c.close();
                closed++;
            }
        }
        return closed;
    }
}
