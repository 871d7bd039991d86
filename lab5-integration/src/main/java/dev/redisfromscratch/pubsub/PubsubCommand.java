package dev.redisfromscratch.pubsub;

import dev.redisfromscratch.command.CommandCall;
import dev.redisfromscratch.command.CommandFlag;
import dev.redisfromscratch.command.CommandSpec;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

/**
 * {@code PUBSUB}, a container: {@code CHANNELS [pattern]}, {@code NUMSUB [channel ...]},
 * {@code NUMPAT}, {@code SHARDCHANNELS [pattern]}, {@code SHARDNUMSUB [channel ...]} and
 * {@code HELP}.
 *
 * <p>Wire:
 * <ul>
 *   <li>{@code CHANNELS}: an array of the channels that have subscribers (patterns do not count),
 *       matching the glob if one is given; in no particular order;
 *   <li>{@code NUMSUB a b}: {@code *4 $1 a :<n> $1 b :<n>}, subscribers of exactly that channel;
 *   <li>{@code NUMPAT}: {@code :<n>}, patterns with at least one subscriber;
 *   <li>{@code SHARDCHANNELS}, {@code SHARDNUMSUB}: this server has no shard channels
 *       ({@code SSUBSCRIBE}), so {@code *0} and zeros;
 *   <li>{@code CHANNELS a b}: {@code -ERR unknown subcommand or wrong number of arguments for
 *       'CHANNELS'. Try PUBSUB HELP.}; an unknown subcommand and a wrong arity are the pipeline's.
 * </ul>
 *
 * <p>Redis: {@code pubsub.c}, {@code pubsubCommand}, {@code channelList}; {@code networking.c},
 * {@code addReplyHelp}, {@code addReplySubcommandSyntaxError}.
 */
public final class PubsubCommand {
    private static final List<String> HELP = List.of(
            "CHANNELS [<pattern>]",
            "    Return the currently active channels matching a <pattern> (default: '*').",
            "NUMPAT",
            "    Return number of subscriptions to patterns.",
            "NUMSUB [<channel> ...]",
            "    Return the number of subscribers for the specified channels, excluding",
            "    pattern subscriptions(default: no channels).",
            "SHARDCHANNELS [<pattern>]",
            "    Return the currently active shard level channels matching a <pattern> (default: '*').",
            "SHARDNUMSUB [<shardchannel> ...]",
            "    Return the number of subscribers for the specified shard level channel(s)",
            "HELP",
            "    Prints this help.");

    private PubsubCommand() {
    }

    /** @return the table row of the {@code pubsub} container and its subcommands */
    public static CommandSpec spec(PubSub pubsub) {
        CommandFlag[] flags = {CommandFlag.PUBSUB, CommandFlag.LOADING, CommandFlag.STALE};
        return CommandSpec.builder("pubsub", -2)
                .docs("A container for Pub/Sub commands", "2.8.0", "pubsub", "Depends on subcommand.")
                .subcommand(CommandSpec.builder("pubsub|channels", -2)
                        .flags(flags)
                        .docs("List active channels", "2.8.0", "pubsub",
                                "O(N) where N is the number of active channels, and assuming constant time pattern"
                                        + " matching (relatively short channels and patterns)")
                        .handler(call -> {
                            if (call.argc() > 3) {
                                syntaxError(call);
                                return;
                            }
                            List<byte[]> found = pubsub.activeChannels(call.argc() == 3 ? call.arg(2) : null);
                            call.reply().arrayHeader(found.size()); // *<n>\r\n then $<len>\r\n<channel>\r\n each
                            found.forEach(call.reply()::bulk);
                        })
                        .build())
                .subcommand(CommandSpec.builder("pubsub|numpat", 2)
                        .flags(flags)
                        .docs("Get the count of unique patterns pattern subscriptions", "2.8.0", "pubsub", "O(1)")
                        .handler(call -> call.reply().integer(pubsub.patternCount())) // :<n>\r\n
                        .build())
                .subcommand(CommandSpec.builder("pubsub|numsub", -2)
                        .flags(flags)
                        .docs("Get the count of subscribers for channels", "2.8.0", "pubsub",
                                "O(N) for the NUMSUB subcommand, where N is the number of requested channels")
                        .handler(call -> {
                            call.reply().arrayHeader((call.argc() - 2) * 2); // *<2n>\r\n, then channel and count pairs
                            for (int i = 2; i < call.argc(); i++) {
                                call.reply().bulk(call.arg(i)).integer(pubsub.subscriberCount(call.arg(i)));
                            }
                        })
                        .build())
                .subcommand(CommandSpec.builder("pubsub|shardchannels", -2)
                        .flags(flags)
                        .docs("List active shard channels", "7.0.0", "pubsub",
                                "O(N) where N is the number of active shard channels, and assuming constant time"
                                        + " pattern matching (relatively short shard channels).")
                        .handler(call -> {
                            if (call.argc() > 3) {
                                syntaxError(call);
                                return;
                            }
                            call.reply().arrayHeader(0); // *0\r\n: no SSUBSCRIBE here, so no shard channels
                        })
                        .build())
                .subcommand(CommandSpec.builder("pubsub|shardnumsub", -2)
                        .flags(flags)
                        .docs("Get the count of subscribers for shard channels", "7.0.0", "pubsub",
                                "O(N) for the SHARDNUMSUB subcommand, where N is the number of requested shard channels")
                        .handler(call -> {
                            call.reply().arrayHeader((call.argc() - 2) * 2);
                            for (int i = 2; i < call.argc(); i++) {
                                call.reply().bulk(call.arg(i)).integer(0);
                            }
                        })
                        .build())
                .subcommand(CommandSpec.builder("pubsub|help", 2)
                        .flags(CommandFlag.LOADING, CommandFlag.STALE)
                        .docs("Show helpful text about the different subcommands", "6.2.0", "pubsub", "O(1)")
                        .handler(PubsubCommand::help)
                        .build())
                .build();
    }

    /** {@code addReplyHelp}: {@code *<n>}, then {@code +PUBSUB <subcommand> ...} and one simple string per line. */
    private static void help(CommandCall call) {
        String name = new String(call.arg(0), StandardCharsets.ISO_8859_1).toUpperCase(Locale.ROOT);
        call.reply().arrayHeader(HELP.size() + 1)
                .simpleString(name + " <subcommand> [<arg> [value] [opt] ...]. Subcommands are:");
        HELP.forEach(call.reply()::simpleString);
    }

    /** {@code addReplySubcommandSyntaxError}: the subcommand as sent (at most 128 bytes), the container in capitals. */
    private static void syntaxError(CommandCall call) {
        byte[] sub = call.arg(1);
        String quoted = new String(sub, 0, Math.min(sub.length, 128), StandardCharsets.ISO_8859_1);
        String name = new String(call.arg(0), StandardCharsets.ISO_8859_1).toUpperCase(Locale.ROOT);
        call.reply().error("ERR unknown subcommand or wrong number of arguments for '" + quoted + "'. Try "
                + name + " HELP.");
    }
}
