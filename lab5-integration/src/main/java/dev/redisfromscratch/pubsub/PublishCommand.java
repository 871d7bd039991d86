package dev.redisfromscratch.pubsub;

import dev.redisfromscratch.command.CommandFlag;
import dev.redisfromscratch.command.CommandSpec;

/**
 * {@code PUBLISH channel message}: delivers the message to the channel's subscribers and to those
 * of every matching pattern ({@link PubSub#publish}).
 *
 * <p>Wire: {@code :<receivers>}, how many messages were delivered (a client subscribed to the
 * channel and to a matching pattern counts twice).
 *
 * <p>Redis: {@code pubsub.c}, {@code publishCommand}; arity 3. Redis also propagates it to
 * replicas (lab 8); it changes no key, so the append-only file never sees it.
 */
public final class PublishCommand {
    private PublishCommand() {
    }

    /** @return the table row of {@code publish}: arity 3, pubsub loading stale fast may_replicate sentinel */
    public static CommandSpec spec(PubSub pubsub) {
        return CommandSpec.builder("publish", 3)
                .flags(CommandFlag.PUBSUB, CommandFlag.LOADING, CommandFlag.STALE, CommandFlag.FAST,
                        CommandFlag.MAY_REPLICATE, CommandFlag.SENTINEL)
                .docs("Post a message to a channel", "2.0.0", "pubsub",
                        "O(N+M) where N is the number of clients subscribed to the receiving channel and M is the"
                                + " total number of subscribed patterns (by any client).")
                .handler(call -> call.reply().integer(pubsub.publish(call.arg(1), call.arg(2)))) // :<n>\r\n
                .build();
    }
}
