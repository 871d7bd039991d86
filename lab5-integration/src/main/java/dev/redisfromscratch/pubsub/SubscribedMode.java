package dev.redisfromscratch.pubsub;

import dev.redisfromscratch.client.Client;
import dev.redisfromscratch.client.ClientFlag;
import dev.redisfromscratch.command.CommandHandler;
import dev.redisfromscratch.command.CommandSpec;
import dev.redisfromscratch.command.ErrorReplies;
import java.util.Set;

/**
 * What a subscribed client ({@code ClientFlag.PUBSUB}) may do. In RESP2, its connection carries
 * pushes, so a reply to an ordinary command could not be told from a message: only the commands
 * that manage subscriptions, {@code PING}, {@code QUIT} and {@code RESET} are allowed, and
 * {@code PING} answers in the push shape.
 *
 * <pre>
 *   GET k   → -ERR Can't execute 'get': only (P|S)SUBSCRIBE / (P|S)UNSUBSCRIBE / PING / QUIT / RESET
 *             are allowed in this context
 *   PING    → *2 $4 pong $0 (empty)        PING hi → *2 $4 pong $2 hi
 * </pre>
 *
 * <p>Redis: {@code server.c}, {@code processCommand} (the {@code CLIENT_PUBSUB} check),
 * {@code pingCommand}.
 */
public final class SubscribedMode {
    /** The commands a subscribed client may run. */
    public static final Set<String> ALLOWED = Set.of("ping", "subscribe", "ssubscribe", "unsubscribe", "sunsubscribe",
            "psubscribe", "punsubscribe", "quit", "reset");

    private static final byte[] PONG = "pong".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    private static final byte[] EMPTY = new byte[0];

    private SubscribedMode() {
    }

    /**
     * The admission check: a subscribed client may run only {@link #ALLOWED}.
     *
     * @return the error text, or {@code null}
     */
    public static String refuse(Client client, CommandSpec spec) {
        if (!client.has(ClientFlag.PUBSUB) || ALLOWED.contains(spec.name())) {
            return null;
        }
        return "ERR Can't execute '" + spec.name()
                + "': only (P|S)SUBSCRIBE / (P|S)UNSUBSCRIBE / PING / QUIT / RESET are allowed in this context";
    }

    /**
     * {@code PING} as lab 1 wrote it, except in subscribed mode: {@code *2 $4 pong $<len> <message>}
     * (the message empty if none).
     *
     * @param ping the table's {@code PING}
     * @return the same row with the subscribed-mode reply
     */
    public static CommandSpec ping(CommandSpec ping) {
        CommandHandler plain = ping.handler();
        return ping.withHandler(call -> {
            if (!call.client().has(ClientFlag.PUBSUB)) {
                plain.execute(call);
            } else if (call.argc() > 2) {
                call.reply().error(ErrorReplies.wrongArity("ping"));
            } else {
                // *2\r\n$4\r\npong\r\n$<len>\r\n<message>\r\n
                call.reply().arrayHeader(2).bulk(PONG).bulk(call.argc() == 2 ? call.arg(1) : EMPTY);
            }
        });
    }
}
