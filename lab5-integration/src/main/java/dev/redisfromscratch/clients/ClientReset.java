package dev.redisfromscratch.clients;

import dev.redisfromscratch.client.Client;
import dev.redisfromscratch.client.ClientFlag;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * What {@code RESET} does to a client, so that it looks newly connected: database 0, no name, not
 * inside {@code MULTI}, no subscriptions, and not authenticated any more if a password is set.
 *
 * <p>The parts that belong to other features are hooks, registered by each feature where it is
 * composed, so this class knows none of them:
 *
 * <ul>
 *   <li>security re-derives the client's authentication ({@code security.Authentication});
 *   <li>transactions discard the queued commands and forget the WATCHed keys;
 *   <li>publish/subscribe drops every subscription, without sending unsubscribe messages.
 * </ul>
 *
 * <pre>
 * server.clients().resets().onReset(client -> transactions.discard(client));
 * </pre>
 *
 * <p>Hooks run under the global lock, on the thread of the client being reset, in the order they
 * were registered; after them the client's name, {@code MULTI} and {@code PUBSUB} flags are cleared.
 *
 * <p>Redis: {@code networking.c}, {@code resetCommand} and {@code clearClientConnectionState}
 * ({@code selectDb(c,0)}, {@code clientSetDefaultAuth}, {@code discardTransaction},
 * {@code pubsubUnsubscribeAllChannels(c,0)}, ...).
 */
public final class ClientReset {
    private final List<Consumer<Client>> hooks = new ArrayList<>();

    /** Registers a feature's part of {@code RESET}. */
    public void onReset(Consumer<Client> hook) {
        hooks.add(hook);
    }

    /**
     * Resets {@code client}: database 0, then every hook, then no name and no {@code MULTI} or
     * {@code PUBSUB} flag.
     */
    public void reset(Client client) {
        client.db(0);
        for (Consumer<Client> hook : hooks) {
            hook.accept(client);
        }
        client.name(null);
        client.clear(ClientFlag.MULTI);
        client.clear(ClientFlag.PUBSUB);
    }
}
