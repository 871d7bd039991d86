package dev.redisfromscratch.pubsub;

import dev.redisfromscratch.client.ClientFlag;
import dev.redisfromscratch.command.CommandFlag;
import dev.redisfromscratch.command.CommandSpec;

/**
 * {@code SUBSCRIBE channel [channel ...]} and {@code PSUBSCRIBE pattern [pattern ...]}: the client
 * starts receiving what is published to those channels, or to channels matching those glob
 * patterns, and enters subscribed mode ({@code ClientFlag.PUBSUB}), where only the commands of
 * {@link SubscribedMode} are allowed.
 *
 * <p>Wire: no reply of its own; one confirmation push per argument, in order,
 * {@code *3 $9 subscribe $<channel> :<count>} or {@code *3 $10 psubscribe $<pattern> :<count>}
 * (count: the client's channels and patterns afterwards). Subscribing twice to the same channel
 * confirms again with the same count.
 *
 * <p>Redis: {@code pubsub.c}, {@code subscribeCommand}, {@code psubscribeCommand}; arity -2.
 */
public final class SubscribeCommand {
    private SubscribeCommand() {
    }

    /** @return the table row of {@code subscribe}: arity -2, pubsub noscript loading stale sentinel */
    public static CommandSpec spec(PubSub pubsub) {
        return CommandSpec.builder("subscribe", -2)
                .flags(CommandFlag.PUBSUB, CommandFlag.NOSCRIPT, CommandFlag.LOADING, CommandFlag.STALE, CommandFlag.SENTINEL)
                .docs("Listen for messages published to the given channels", "2.0.0", "pubsub",
                        "O(N) where N is the number of channels to subscribe to.")
                .handler(call -> {
                    for (int i = 1; i < call.argc(); i++) {
                        pubsub.subscribe(call.client(), call.arg(i));
                    }
                    call.client().set(ClientFlag.PUBSUB);
                })
                .build();
    }

    /** @return the table row of {@code psubscribe}: arity -2, pubsub noscript loading stale sentinel */
    public static CommandSpec patternSpec(PubSub pubsub) {
        return CommandSpec.builder("psubscribe", -2)
                .flags(CommandFlag.PUBSUB, CommandFlag.NOSCRIPT, CommandFlag.LOADING, CommandFlag.STALE, CommandFlag.SENTINEL)
                .docs("Listen for messages published to channels matching the given patterns", "2.0.0", "pubsub",
                        "O(N) where N is the number of patterns the client is already subscribed to.")
                .handler(call -> {
                    for (int i = 1; i < call.argc(); i++) {
                        pubsub.psubscribe(call.client(), call.arg(i));
                    }
                    call.client().set(ClientFlag.PUBSUB);
                })
                .build();
    }
}
