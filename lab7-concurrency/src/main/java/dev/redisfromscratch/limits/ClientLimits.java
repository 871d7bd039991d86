package dev.redisfromscratch.limits;

import dev.redisfromscratch.clients.ClientConnection;
import dev.redisfromscratch.clients.ClientRegistry;
import dev.redisfromscratch.server.IntegratedServer;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Wires lab 7's limits into the server: {@code client-query-buffer-limit} ({@link QueryBufferLimit},
 * a parameter of {@code CONFIG SET} and a read check of the client list) and the output buffer
 * limit after every reply ({@link ReplyOutputLimit}, after each command's reply). {@code maxclients},
 * {@code timeout} and the output buffer limits' cron and {@code PUBLISH} checks are lab 5's, and
 * every transport applies them.
 *
 * <p>Redis: {@code config.c} ({@code client-query-buffer-limit}); {@code networking.c}.
 */
public final class ClientLimits {
    private ClientLimits() {
    }

    /**
     * Registers the limits with the server's parts. Call once, from a server extension's
     * {@code extend}.
     *
     * <p>A client the output buffer limit closed (its socket is closed at once) is forgotten in the
     * client list by the returned work, which the event loop runs in {@code beforeSleep}, and by
     * the cron (lab 5's client threads forget theirs themselves; forgetting twice does nothing).
     * Redis: {@code freeClientAsync}, then {@code freeClientsInAsyncFreeQueue} in {@code beforeSleep}.
     *
     * @param parts the server's parts
     * @return the work that forgets the clients closed for their output, for the loop's {@code beforeSleep}
     * @throws IllegalArgumentException if {@code client-query-buffer-limit} is configured with a bad value
     */
    public static Runnable install(IntegratedServer.Parts parts) {
        QueryBufferLimit query = new QueryBufferLimit(parts.config(), parts.server().lock(),
                c -> parts.clients().info().line(c, parts.clock().millis(), 0), parts.log());
        parts.serverCommands().configSet().register(query.parameter());
        parts.clients().addReadCheck(query);
        parts.pipeline().addAfterReply(new ReplyOutputLimit(parts.server().outputLimit(), parts.clients()));
        Queue<ClientConnection> closed = new ConcurrentLinkedQueue<>();
        parts.server().outputLimit().onClose(closed::add);
        Runnable free = () -> freeClosed(closed, parts.clients());
        parts.server().addCron(free);
        return free;
    }

    private static void freeClosed(Queue<ClientConnection> closed, ClientRegistry clients) {
        ClientConnection c;
        while ((c = closed.poll()) != null) {
            clients.remove(c); // its subscriptions, blocked state and WATCHed keys go
        }
    }
}
