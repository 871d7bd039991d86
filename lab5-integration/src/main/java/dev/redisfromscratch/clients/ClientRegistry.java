package dev.redisfromscratch.clients;

import dev.redisfromscratch.client.Client;
import dev.redisfromscratch.config.ServerConfig;
import dev.redisfromscratch.client.ClientFlag;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;

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
    /** Sent to a connection over {@code maxclients}, before closing it (Redis's exact text). */
    public static final String MAX_CLIENTS_ERROR = "-ERR max number of clients reached\r\n";

    private final Map<Long, ClientConnection> byId = new LinkedHashMap<>();
    private final List<Consumer<Client>> onRemove = new ArrayList<>();
    private final List<Consumer<ClientConnection>> onAdd = new ArrayList<>();
    private final List<Function<String, String>> acceptChecks = new ArrayList<>();
    private final List<Predicate<ClientConnection>> readChecks = new CopyOnWriteArrayList<>();
    private final ClientReset resets = new ClientReset();
    private final ClientInfo info = new ClientInfo();
    private final LongAdder inputBytes = new LongAdder();
    private final LongAdder outputBytes = new LongAdder();
    private long rejected;
    private long received;

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

    /**
     * Registers work to do for each new client before it sends anything, under the global lock:
     * lab 5's security marks it authenticated when no password is set and gives its RESP decoder
     * the limits of an unauthenticated client.
     *
     * <p>Redis: {@code networking.c}, {@code createClient}.
     */
    public void onAdd(Consumer<ClientConnection> setup) {
        onAdd.add(setup);
    }

    /**
     * Registers a check of each accepted connection, made before it becomes a client (Redis's
     * protected mode): given the peer's IP address, it returns the raw reply to send before closing
     * the connection (e.g. {@code -DENIED ...\r\n}), or {@code null} to accept it.
     */
    public void addAcceptCheck(Function<String, String> check) {
        acceptChecks.add(check);
    }

    /**
     * Decides whether an accepted connection becomes a client, as every transport must: refused
     * when the list already holds {@code maxclients} clients ({@link #MAX_CLIENTS_ERROR}), or by a
     * check added with {@link #addAcceptCheck} (protected mode). A refusal is counted in
     * {@code rejected_connections}; the transport writes its text and closes the connection.
     *
     * <p>Redis: {@code networking.c}, {@code acceptCommonHandler} and {@code clientAcceptHandler}.
     *
     * @param peerIp the connecting peer's IP address, as {@code InetAddress.getHostAddress()} gives it
     * @param config {@code maxclients}, read again on each call ({@code CONFIG SET} takes effect at once)
     * @return {@code null} to accept, else the raw reply to send before closing
     */
    public String admit(String peerIp, ServerConfig config) {
        long maxClients = Long.parseLong(config.all().getOrDefault("maxclients", "10000")); // Redis allows up to UINT_MAX
        String refusal = size() >= maxClients ? MAX_CLIENTS_ERROR : refuseConnection(peerIp);
        if (refusal != null) {
            countRejected();
        }
        return refusal;
    }

    /**
     * @param peerIp the connecting peer's IP address, as {@code InetAddress.getHostAddress()} gives it
     * @return the first refusal of the checks added with {@link #addAcceptCheck}, or {@code null}
     *     to accept; the server then counts it with {@link #countRejected()}
     */
    public String refuseConnection(String peerIp) {
        for (Function<String, String> check : acceptChecks) {
            String refusal = check.apply(peerIp);
            if (refusal != null) {
                return refusal;
            }
        }
        return null;
    }

    /**
     * Registers a check of a client's query buffer made after each read from its socket, before
     * its requests run (lab 7's {@code client-query-buffer-limit}). It returns {@code false} once it
     * has closed the connection: the transport then forgets the client as if it had closed its
     * side, and runs none of its requests.
     *
     * <p>It runs on the thread that read: lab 5's client thread, without the global lock (the query
     * buffer is that thread's own; a check that needs shared state takes the lock), or lab 7's
     * event loop. Register checks before the server starts.
     *
     * <p>Redis: {@code networking.c}, {@code readQueryFromClient}, after {@code sdsIncrLen}.
     */
    public void addReadCheck(Predicate<ClientConnection> check) {
        readChecks.add(check);
    }

    /**
     * What a transport calls after reading {@code bytes} (&gt; 0) into a client's query buffer:
     * counts them ({@code total_net_input_bytes}) and runs the {@link #addReadCheck} checks.
     *
     * @return {@code false} if a check closed the connection: treat it as closed by the peer
     */
    public boolean afterRead(ClientConnection connection, int bytes) {
        inputBytes.add(bytes);
        for (Predicate<ClientConnection> check : readChecks) {
            if (!check.test(connection)) {
                return false;
            }
        }
        return true;
    }

    /** @return the hooks {@code RESET} runs ({@link ClientReset#onReset}) */
    public ClientReset resets() {
        return resets;
    }

    /** @return how {@code CLIENT LIST} describes a client, with the fields other features supply */
    public ClientInfo info() {
        return info;
    }

    /**
     * Adds a newly accepted client, counts it ({@code total_connections_received}) and runs the
     * {@link #onAdd} hooks.
     */
    public void add(ClientConnection connection) {
        byId.put(connection.client().id(), connection);
        received++;
        for (Consumer<ClientConnection> setup : onAdd) {
            setup.accept(connection);
        }
    }

    /**
     * Closes a client from another client's command ({@code CLIENT KILL}) or from the cron (the
     * idle timeout), and forgets it at once, as Redis's {@code freeClient} does: it no longer
     * appears in {@code CLIENT LIST}, and whatever it had sent but not yet run never runs (it is
     * flagged to close, so its request loop stops).
     */
    public void kill(ClientConnection connection) {
        connection.client().closeAfterReply();
        connection.close();
        remove(connection);
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

    /**
     * Counts one connection refused because {@code maxclients} was reached, or by protected mode
     * ({@code rejected_connections}).
     */
    public void countRejected() {
        rejected++;
    }

    /** @return connections refused since the server started (or {@code CONFIG RESETSTAT}) */
    public long rejected() {
        return rejected;
    }

    /** @return connections accepted since the server started or {@code CONFIG RESETSTAT} ({@code total_connections_received}) */
    public long connectionsReceived() {
        return received;
    }

    /** Counts bytes read from a client's socket; any thread ({@code total_net_input_bytes}). */
    public void countInput(long bytes) {
        inputBytes.add(bytes);
    }

    /** Counts bytes written to a client's socket; any thread ({@code total_net_output_bytes}). */
    public void countOutput(long bytes) {
        outputBytes.add(bytes);
    }

    /** @return bytes read from clients since the server started or {@code CONFIG RESETSTAT} */
    public long inputBytes() {
        return inputBytes.sum();
    }

    /** @return bytes written to clients since the server started or {@code CONFIG RESETSTAT} */
    public long outputBytes() {
        return outputBytes.sum();
    }

    /**
     * Zeroes the connection statistics: {@code CONFIG RESETSTAT}.
     *
     * <p>Redis: {@code server.c}, {@code resetServerStats} ({@code stat_numconnections},
     * {@code stat_rejected_conn}, {@code stat_net_input_bytes}, {@code stat_net_output_bytes}).
     */
    public void resetStats() {
        rejected = 0;
        received = 0;
        inputBytes.reset();
        outputBytes.reset();
    }

    /**
     * Closes every client idle for longer than {@code timeoutSeconds}, as Redis's cron does. A
     * client that is subscribed to channels, blocked, a replica or a primary is never idle in this
     * sense, nor one with a reply its connection has not taken yet. Times are compared in whole seconds, as Redis's {@code server.unixtime} and
     * {@code c->lastinteraction} are: idle when {@code now - last > timeout}.
     *
     * <p>Redis: {@code timeout.c} (7.0), {@code clientsCronHandleTimeout}: "Closing idle client"
     * at verbosity {@code verbose}.
     *
     * @param timeoutSeconds the {@code timeout} parameter; 0 means clients are never closed for it
     * @param nowMillis the server's clock, Unix ms
     * @param log receives Redis's verbose log line for each closed client
     * @return how many clients were closed
     */
    /**
     * {@link #closeIdle(long, long, Consumer)} with the {@code timeout} parameter in force now.
     *
     * @param config {@code timeout}, in seconds (0: never)
     * @return how many clients were closed
     */
    public int closeIdle(ServerConfig config, long nowMillis, Consumer<String> log) {
        return closeIdle(Long.parseLong(config.all().getOrDefault("timeout", "0")), nowMillis, log);
    }

    public int closeIdle(long timeoutSeconds, long nowMillis, Consumer<String> log) {
        if (timeoutSeconds <= 0) {
            return 0;
        }
        int closed = 0;
        long nowSeconds = nowMillis / 1000;
        for (ClientConnection c : all()) {
            Client client = c.client();
            if (client.has(ClientFlag.PUBSUB) || client.has(ClientFlag.BLOCKED)
                    || client.has(ClientFlag.REPLICA) || client.has(ClientFlag.PRIMARY)) {
                continue;
            }
            if (client.reply().hasPending()) {
                // a reply its connection has not taken yet (a blocked client just served by another
                // client's push): Redis writes it before its cron runs again, and the write counts as
                // interaction, so it is not idle
                continue;
            }
            if (nowSeconds - c.lastInteractionMillis() / 1000 > timeoutSeconds) {
                log.accept("Closing idle client");
                kill(c);
                closed++;
            }
        }
        return closed;
    }
}
