package dev.redisfromscratch.pubsub;

import dev.redisfromscratch.client.Client;
import dev.redisfromscratch.client.ClientFlag;
import dev.redisfromscratch.command.CommandFlag;
import dev.redisfromscratch.command.CommandSpec;

/**
 * {@code UNSUBSCRIBE [channel ...]} and {@code PUNSUBSCRIBE [pattern ...]}: stop receiving from
 * those channels or patterns, or from all of them when none is named. A client left with no
 * subscription leaves subscribed mode.
 *
 * <p>Wire: one push per channel or pattern, {@code *3 $11 unsubscribe $<channel> :<count>}
 * ({@code $12 punsubscribe} for patterns), also for one the client was not subscribed to. With no
 * argument and no subscription, one push with a null name: {@code *3 $11 unsubscribe $-1 :0}.
 *
 * <p>Redis: {@code pubsub.c}, {@code unsubscribeCommand}, {@code punsubscribeCommand}; arity -1.
 */
public final class UnsubscribeCommand {
    private UnsubscribeCommand() {
    }

    /** @return the table row of {@code unsubscribe}: arity -1, pubsub noscript loading stale sentinel */
    public static CommandSpec spec(PubSub pubsub) {
        return CommandSpec.builder("unsubscribe", -1)
                .flags(CommandFlag.PUBSUB, CommandFlag.NOSCRIPT, CommandFlag.LOADING, CommandFlag.STALE, CommandFlag.SENTINEL)
                .docs("Stop listening for messages posted to the given channels", "2.0.0", "pubsub",
                        "O(N) where N is the number of clients already subscribed to a channel.")
                .handler(call -> {
                    if (call.argc() == 1) {
                        pubsub.unsubscribeAllChannels(call.client(), true);
                    } else {
                        for (int i = 1; i < call.argc(); i++) {
                            pubsub.unsubscribe(call.client(), call.arg(i), true);
                        }
                    }
                    leaveSubscribedModeIfDone(pubsub, call.client());
                })
                .build();
    }

    /** @return the table row of {@code punsubscribe}: arity -1, pubsub noscript loading stale sentinel */
    public static CommandSpec patternSpec(PubSub pubsub) {
        return CommandSpec.builder("punsubscribe", -1)
                .flags(CommandFlag.PUBSUB, CommandFlag.NOSCRIPT, CommandFlag.LOADING, CommandFlag.STALE, CommandFlag.SENTINEL)
                .docs("Stop listening for messages posted to channels matching the given patterns", "2.0.0", "pubsub",
                        "O(N+M) where N is the number of patterns the client is already subscribed and M is the number"
                                + " of total patterns subscribed in the system (by any client).")
                .handler(call -> {
                    if (call.argc() == 1) {
                        pubsub.unsubscribeAllPatterns(call.client(), true);
                    } else {
                        for (int i = 1; i < call.argc(); i++) {
                            pubsub.punsubscribe(call.client(), call.arg(i), true);
                        }
                    }
                    leaveSubscribedModeIfDone(pubsub, call.client());
                })
                .build();
    }

    private static void leaveSubscribedModeIfDone(PubSub pubsub, Client client) {
        if (pubsub.subscriptionCount(client) == 0) {
            client.clear(ClientFlag.PUBSUB);
        }
    }
}
