package dev.redisfromscratch.introspection;

import dev.redisfromscratch.command.CommandCall;
import dev.redisfromscratch.protocol.ReplyWriter;
import java.util.List;
import java.util.Locale;

/**
 * A container's {@code HELP} reply, as Redis's {@code addReplyHelp} writes it: an array of simple
 * strings, {@code <COMMAND> <subcommand> [<arg> [value] [opt] ...]. Subcommands are:} (the command
 * as sent, in upper case), the lines, then {@code HELP} and {@code     Prints this help.}.
 *
 * <p>Redis: {@code networking.c}, {@code addReplyHelp}.
 */
public final class HelpReply {
    private HelpReply() {
    }

    /** Writes the reply for {@code call}'s command with {@code lines} (each subcommand and its explanation). */
    public static void write(CommandCall call, List<String> lines) {
        ReplyWriter r = call.reply().arrayHeader(lines.size() + 3);   // *<n>\r\n
        r.simpleString(call.argString(0).toUpperCase(Locale.ROOT)     // +CONFIG <subcommand> ...\r\n
                + " <subcommand> [<arg> [value] [opt] ...]. Subcommands are:");
        lines.forEach(r::simpleString);                               // +GET <pattern>\r\n ...
        r.simpleString("HELP").simpleString("    Prints this help.");
    }
}
