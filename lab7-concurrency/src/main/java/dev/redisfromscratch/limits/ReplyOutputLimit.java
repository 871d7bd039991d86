package dev.redisfromscratch.limits;

import dev.redisfromscratch.client.Client;
import dev.redisfromscratch.clients.ClientConnection;
import dev.redisfromscratch.clients.ClientRegistry;
import dev.redisfromscratch.clients.OutputBufferLimit;
import java.util.function.Consumer;

/**
 * The output buffer limit checked after every reply a client's own command appends, as Redis
 * checks it on every append: a client that pipelines {@code GET}s of a large value and never
 * reads is closed within one reply of its limit, whatever the transport and however many requests
 * one read brought, so the server's memory stays bounded by the limit plus one reply.
 *
 * <pre>
 *   GET big → reply appended → pending output (omem) ≥ hard limit?
 *           → log: Client id=... omem=1097992 ... scheduled to be closed ASAP for overcoming of output buffer limits.
 *           → closed; the requests still in its query buffer never run
 * </pre>
 *
 * <p>The other appends are lab 5's: {@code PUBLISH} checks each subscriber it writes to, and the
 * cron checks every client (the soft limit's seconds pass there, with the other log line,
 * {@code Client ... closed for overcoming of output buffer limits.}). A class whose limits are
 * {@code 0 0 0} ({@code normal} by default) costs one comparison per reply.
 *
 * <p>Redis: {@code networking.c}, {@code _addReplyProtoToList} →
 * {@code closeClientOnOutputBufferLimitReached(c, 1)}; {@code checkClientOutputBufferLimits};
 * {@code getClientOutputBufferMemoryUsage}.
 */
public final class ReplyOutputLimit implements Consumer<Client> {
    private final OutputBufferLimit limit;
    private final ClientRegistry clients;

    /**
     * @param limit lab 5's limits (classes, parameter, soft-limit clocks, log lines)
     * @param clients the client list, to find the client's connection (its pending output)
     */
    public ReplyOutputLimit(OutputBufferLimit limit, ClientRegistry clients) {
        this.limit = limit;
        this.clients = clients;
    }

    /** After a reply was appended to {@code client}'s reply buffer: closes it if it is over its class's limit. */
    @Override
    public void accept(Client client) {
        OutputBufferLimit.Limit l = limit.limits().get(OutputBufferLimit.ClientClass.of(client));
        if (l.hardBytes() == 0 && l.softBytes() == 0) {
            return; // no limit for this class (normal 0 0 0)
        }
        ClientConnection connection = clients.byId(client.id());
        if (connection != null) {
            limit.closeAsyncIfReached(connection);
        }
    }
}
