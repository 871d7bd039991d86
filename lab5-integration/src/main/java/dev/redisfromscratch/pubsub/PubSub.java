package dev.redisfromscratch.pubsub;

import dev.redisfromscratch.client.Client;
import dev.redisfromscratch.client.ClientFlag;
import dev.redisfromscratch.clients.ClientConnection;
import dev.redisfromscratch.clients.ClientRegistry;
import dev.redisfromscratch.clients.OutputBufferLimit;
import dev.redisfromscratch.command.CommandPipeline;
import dev.redisfromscratch.command.CommandSpec;
import dev.redisfromscratch.command.CommandTable;
import dev.redisfromscratch.glob.GlobPattern;
import dev.redisfromscratch.protocol.ReplyWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Publish/subscribe: who listens to which channel or pattern, and the delivery of a message to
 * them.
 *
 * <pre>
 *   channels   channel → its subscribers, in subscription order     (Redis: server.pubsub_channels)
 *   patterns   pattern → its subscribers                            (server.pubsub_patterns)
 *   per client its channels and patterns (client.state)             (c->pubsub_channels, c->pubsub_patterns)
 * </pre>
 *
 * <p><b>Delivery.</b> {@code PUBLISH} runs under the global lock on the publisher's thread. It
 * appends the message to each subscriber's reply buffer and calls {@link Client#requestWrite()},
 * which wakes the subscriber's own thread to send it: the publisher never writes to another
 * client's socket, so a subscriber that does not read cannot block it. What it does instead is
 * pile up output, which the {@link OutputBufferLimit} bounds ({@code pubsub 32mb 8mb 60}): past it
 * the subscriber is closed, and the publisher goes on.
 *
 * <p><b>Push messages</b> (RESP2), each an array:
 * <pre>
 *   *3 $9 subscribe $&lt;channel&gt; :&lt;count&gt;         *3 $11 unsubscribe $&lt;channel&gt; :&lt;count&gt;
 *   *3 $10 psubscribe $&lt;pattern&gt; :&lt;count&gt;       *3 $12 punsubscribe $&lt;pattern&gt; :&lt;count&gt;
 *   *3 $7 message $&lt;channel&gt; $&lt;payload&gt;        *4 $8 pmessage $&lt;pattern&gt; $&lt;channel&gt; $&lt;payload&gt;
 * </pre>
 * where {@code count} is how many channels and patterns the client is subscribed to afterwards.
 * An unsubscribe from everything when subscribed to nothing still answers once, with a null
 * channel: {@code *3 $11 unsubscribe $-1 :0}.
 *
 * <p>Used under the global lock only.
 *
 * <p>Redis: {@code pubsub.c} ({@code pubsubSubscribeChannel}, {@code pubsubUnsubscribeChannel},
 * {@code pubsubSubscribePattern}, {@code pubsubUnsubscribePattern},
 * {@code pubsubUnsubscribeAllChannels}, {@code pubsubUnsubscribeAllPatterns},
 * {@code pubsubPublishMessage}, the {@code addReplyPubsub*} functions).
 */
public final class PubSub {
    static final byte[] SUBSCRIBE = ascii("subscribe");
    static final byte[] UNSUBSCRIBE = ascii("unsubscribe");
    static final byte[] PSUBSCRIBE = ascii("psubscribe");
    static final byte[] PUNSUBSCRIBE = ascii("punsubscribe");
    private static final byte[] MESSAGE = ascii("message");
    private static final byte[] PMESSAGE = ascii("pmessage");

    /** A channel or pattern name: its bytes, compared by content. */
    static final class Name {
        final byte[] bytes;

        Name(byte[] bytes) {
            this.bytes = bytes;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Name n && Arrays.equals(bytes, n.bytes);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(bytes);
        }
    }

    /** One client's subscriptions, in the order they were made. */
    static final class Subscriptions {
        final Set<Name> channels = new LinkedHashSet<>();
        final Set<Name> patterns = new LinkedHashSet<>();

        /** @return channels plus patterns: the count each (un)subscribe confirmation carries */
        int count() {
            return channels.size() + patterns.size();
        }
    }

    private final Map<Name, Set<Client>> channels = new LinkedHashMap<>();
    private final Map<Name, Set<Client>> patterns = new LinkedHashMap<>();
    private final ClientRegistry clients;
    private final OutputBufferLimit outputLimit;

    /**
     * @param clients the connected clients, to find a subscriber's connection for its output limit
     * @param outputLimit the output buffer limits, checked after each message appended
     */
    public PubSub(ClientRegistry clients, OutputBufferLimit outputLimit) {
        this.clients = clients;
        this.outputLimit = outputLimit;
    }

    /**
     * Adds publish/subscribe to a server: {@code SUBSCRIBE}, {@code UNSUBSCRIBE},
     * {@code PSUBSCRIBE}, {@code PUNSUBSCRIBE}, {@code PUBLISH} and {@code PUBSUB} in the table;
     * {@code PING}'s subscribed-mode reply; the admission check that keeps a subscribed client to
     * those commands; and the cleanup when a client leaves.
     *
     * @return the registry, for {@code RESET} ({@link #unsubscribeAll}), {@code CLIENT LIST} and {@code INFO}
     */
    public static PubSub register(CommandTable table, CommandPipeline pipeline, ClientRegistry clients,
                                  OutputBufferLimit outputLimit) {
        PubSub pubsub = new PubSub(clients, outputLimit);
        table.register(SubscribeCommand.spec(pubsub))
                .register(SubscribeCommand.patternSpec(pubsub))
                .register(UnsubscribeCommand.spec(pubsub))
                .register(UnsubscribeCommand.patternSpec(pubsub))
                .register(PublishCommand.spec(pubsub))
                .register(PubsubCommand.spec(pubsub));
        CommandSpec ping = table.lookup("ping");
        if (ping != null) {
            table.register(SubscribedMode.ping(ping));
        }
        pipeline.addAdmissionCheck(SubscribedMode::refuse);
        clients.onRemove(pubsub::unsubscribeAll);
        return pubsub;
    }

    // ---------------------------------------------------------------- channels

    /**
     * Subscribes {@code client} to {@code channel} (nothing changes if it already is) and confirms
     * it with {@code *3 $9 subscribe $<channel> :<count>}, count being the client's channels and
     * patterns afterwards. The caller sets {@code ClientFlag.PUBSUB}.
     *
     * <p>Redis: {@code pubsub.c}, {@code pubsubSubscribeChannel}.
     *
     * @return whether the client was not subscribed to it yet
     */
    public boolean subscribe(Client client, byte[] channel) {
        // BEGIN SOLUTION
        Subscriptions mine = subscriptions(client);
        Name name = new Name(channel);
        boolean added = mine.channels.add(name);
        if (added) {
            channels.computeIfAbsent(name, n -> new LinkedHashSet<>()).add(client);
        }
        confirm(client, SUBSCRIBE, channel, mine.count());
        return added;
        // END SOLUTION
        // STUB: throw new UnsupportedOperationException("TODO(lab5): stage 3: add the channel to the client's subscriptions and the client to the channel's subscribers, then confirm(client, SUBSCRIBE, ...)");
    }

    /**
     * Unsubscribes {@code client} from {@code channel}; a channel left with no subscriber is
     * forgotten. With {@code notify}, confirms it (even if the client was not subscribed to it).
     *
     * <p>Redis: {@code pubsub.c}, {@code pubsubUnsubscribeChannel}.
     *
     * @return whether the client was subscribed to it
     */
    public boolean unsubscribe(Client client, byte[] channel, boolean notify) {
        Subscriptions mine = subscriptions(client);
        Name name = new Name(channel);
        boolean removed = mine.channels.remove(name);
        if (removed) {
            Set<Client> subscribers = channels.get(name);
            subscribers.remove(client);
            if (subscribers.isEmpty()) {
                channels.remove(name);
            }
        }
        if (notify) {
            confirm(client, UNSUBSCRIBE, channel, mine.count());
        }
        return removed;
    }

    /**
     * {@code UNSUBSCRIBE} with no channel: from every channel, each confirmed; subscribed to none,
     * one confirmation with a null channel.
     *
     * <p>Redis: {@code pubsub.c}, {@code pubsubUnsubscribeAllChannels}.
     */
    public void unsubscribeAllChannels(Client client, boolean notify) {
        List<Name> mine = new ArrayList<>(subscriptions(client).channels);
        for (Name channel : mine) {
            unsubscribe(client, channel.bytes, notify);
        }
        if (notify && mine.isEmpty()) {
            confirm(client, UNSUBSCRIBE, null, subscriptions(client).count());
        }
    }

    // ---------------------------------------------------------------- patterns

    /**
     * Subscribes {@code client} to the glob {@code pattern} and confirms it with
     * {@code *3 $10 psubscribe $<pattern> :<count>}.
     *
     * <p>Redis: {@code pubsub.c}, {@code pubsubSubscribePattern}.
     *
     * @return whether the client was not subscribed to it yet
     */
    public boolean psubscribe(Client client, byte[] pattern) {
        Subscriptions mine = subscriptions(client);
        Name name = new Name(pattern);
        boolean added = mine.patterns.add(name);
        if (added) {
            patterns.computeIfAbsent(name, n -> new LinkedHashSet<>()).add(client);
        }
        confirm(client, PSUBSCRIBE, pattern, mine.count());
        return added;
    }

    /**
     * Unsubscribes {@code client} from {@code pattern}; with {@code notify}, confirms it.
     *
     * <p>Redis: {@code pubsub.c}, {@code pubsubUnsubscribePattern}.
     *
     * @return whether the client was subscribed to it
     */
    public boolean punsubscribe(Client client, byte[] pattern, boolean notify) {
        Subscriptions mine = subscriptions(client);
        Name name = new Name(pattern);
        boolean removed = mine.patterns.remove(name);
        if (removed) {
            Set<Client> subscribers = patterns.get(name);
            subscribers.remove(client);
            if (subscribers.isEmpty()) {
                patterns.remove(name);
            }
        }
        if (notify) {
            confirm(client, PUNSUBSCRIBE, pattern, mine.count());
        }
        return removed;
    }

    /**
     * {@code PUNSUBSCRIBE} with no pattern, as {@link #unsubscribeAllChannels} for patterns.
     *
     * <p>Redis: {@code pubsub.c}, {@code pubsubUnsubscribeAllPatterns}.
     */
    public void unsubscribeAllPatterns(Client client, boolean notify) {
        List<Name> mine = new ArrayList<>(subscriptions(client).patterns);
        for (Name pattern : mine) {
            punsubscribe(client, pattern.bytes, notify);
        }
        if (notify && mine.isEmpty()) {
            confirm(client, PUNSUBSCRIBE, null, subscriptions(client).count());
        }
    }

    /**
     * Drops every subscription of {@code client}, silently, and leaves subscribed mode: when it
     * leaves, and for {@code RESET}.
     *
     * <p>Redis: {@code networking.c}, {@code freeClient} and {@code clearClientConnectionState}
     * ({@code pubsubUnsubscribeAllChannels(c,0)}, {@code pubsubUnsubscribeAllPatterns(c,0)}).
     */
    public void unsubscribeAll(Client client) {
        unsubscribeAllChannels(client, false);
        unsubscribeAllPatterns(client, false);
        client.clear(ClientFlag.PUBSUB);
    }

    // ---------------------------------------------------------------- publishing

    /**
     * Delivers {@code message} to every client subscribed to {@code channel}
     * ({@code *3 $7 message $<channel> $<message>}), then to every client subscribed to a pattern
     * that matches it ({@link GlobPattern}, case-sensitive;
     * {@code *4 $8 pmessage $<pattern> $<channel> $<message>}). A client subscribed both ways gets
     * both, and counts twice. Each message is appended with {@link #deliver}.
     *
     * <p>Redis: {@code pubsub.c}, {@code pubsubPublishMessage}.
     *
     * @return how many messages were delivered ({@code PUBLISH}'s reply)
     */
    public int publish(byte[] channel, byte[] message) {
        // BEGIN SOLUTION
        int receivers = 0;
        Set<Client> subscribers = channels.get(new Name(channel));
        if (subscribers != null) {
            for (Client subscriber : subscribers) {
                deliver(subscriber, MESSAGE, null, channel, message);
                receivers++;
            }
        }
        for (Map.Entry<Name, Set<Client>> entry : patterns.entrySet()) {
            byte[] pattern = entry.getKey().bytes;
            if (GlobPattern.matches(pattern, channel, false)) {
                for (Client subscriber : entry.getValue()) {
                    deliver(subscriber, PMESSAGE, pattern, channel, message);
                    receivers++;
                }
            }
        }
        return receivers;
        // END SOLUTION
        // STUB: throw new UnsupportedOperationException("TODO(lab5): stage 3: deliver to the channel's subscribers, then to those of every matching pattern (GlobPattern), counting the receivers");
    }

    /**
     * Appends one message to a subscriber's reply buffer, asks its connection to send it
     * ({@link Client#requestWrite()}), and checks its output buffer limit, which may close it. A
     * subscriber whose close is already scheduled gets nothing more (it still counts as a
     * receiver, as in Redis).
     *
     * @param kind {@code message} or {@code pmessage}
     * @param pattern the matching pattern for {@code pmessage}, else {@code null}
     */
    void deliver(Client subscriber, byte[] kind, byte[] pattern, byte[] channel, byte[] message) {
        if (outputLimit.isClosing(subscriber)) {
            return;
        }
        ReplyWriter out = subscriber.reply();
        out.arrayHeader(pattern == null ? 3 : 4).bulk(kind); // *3\r\n$7\r\nmessage\r\n or *4\r\n$8\r\npmessage\r\n
        if (pattern != null) {
            out.bulk(pattern);                              // $<len>\r\n<pattern>\r\n
        }
        out.bulk(channel).bulk(message);                    // $<len>\r\n<channel>\r\n$<len>\r\n<message>\r\n
        subscriber.requestWrite();
        ClientConnection connection = clients.byId(subscriber.id());
        if (connection != null) {
            outputLimit.closeAsyncIfReached(connection);
        }
    }

    /**
     * Appends a (un)subscription confirmation to the client's own replies:
     * {@code *3 $<n> <kind> $<len> <name> :<count>}, the name a null bulk string if {@code null}.
     */
    void confirm(Client client, byte[] kind, byte[] name, int count) {
        ReplyWriter out = client.reply();
        out.arrayHeader(3).bulk(kind);  // *3\r\n$9\r\nsubscribe\r\n
        if (name == null) {
            out.raw(ReplyWriter.NULL_BULK); // $-1\r\n
        } else {
            out.bulk(name);             // $<len>\r\n<name>\r\n
        }
        out.integer(count);             // :<count>\r\n
    }

    // ---------------------------------------------------------------- introspection

    /** @return the client's subscriptions (made on first use) */
    Subscriptions subscriptions(Client client) {
        return client.state(Subscriptions.class, Subscriptions::new);
    }

    /** @return how many channels and patterns {@code client} is subscribed to */
    public int subscriptionCount(Client client) {
        return subscriptions(client).count();
    }

    /** @return how many channels {@code client} is subscribed to ({@code CLIENT LIST}'s {@code sub=}) */
    public int channelCount(Client client) {
        return subscriptions(client).channels.size();
    }

    /** @return how many patterns {@code client} is subscribed to ({@code CLIENT LIST}'s {@code psub=}) */
    public int patternCount(Client client) {
        return subscriptions(client).patterns.size();
    }

    /** @return channels with at least one subscriber ({@code INFO}'s {@code pubsub_channels}) */
    public int channelCount() {
        return channels.size();
    }

    /** @return patterns with at least one subscriber ({@code PUBSUB NUMPAT}, {@code INFO}'s {@code pubsub_patterns}) */
    public int patternCount() {
        return patterns.size();
    }

    /** @return how many clients are subscribed to exactly {@code channel} ({@code PUBSUB NUMSUB}) */
    public int subscriberCount(byte[] channel) {
        Set<Client> subscribers = channels.get(new Name(channel));
        return subscribers == null ? 0 : subscribers.size();
    }

    /** @return the channels that have subscribers, matching {@code pattern} if not {@code null} ({@code PUBSUB CHANNELS}) */
    public List<byte[]> activeChannels(byte[] pattern) {
        List<byte[]> found = new ArrayList<>();
        for (Name channel : channels.keySet()) {
            if (pattern == null || GlobPattern.matches(pattern, channel.bytes, false)) {
                found.add(channel.bytes);
            }
        }
        return found;
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
