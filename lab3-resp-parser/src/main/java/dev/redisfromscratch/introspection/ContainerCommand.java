package dev.redisfromscratch.introspection;

import dev.redisfromscratch.command.CommandCall;
import dev.redisfromscratch.command.CommandHandler;
import dev.redisfromscratch.command.CommandSpec;
import dev.redisfromscratch.command.ErrorReplies;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A command whose first argument picks a subcommand, such as {@code CONFIG GET} or
 * {@code COMMAND DOCS}. It checks the subcommand's own arity, so the errors name it the way Redis
 * does: {@code ERR wrong number of arguments for 'config|get' command}.
 *
 * <ul>
 *   <li>an unknown subcommand: {@code ERR unknown subcommand 'FOO'. Try CONFIG HELP.}
 *   <li>a wrong count for a subcommand: {@code ERR wrong number of arguments for 'config|get' command}
 * </ul>
 *
 * <p>Redis: {@code server.c}, {@code commandCheckExistence} and {@code processCommand};
 * subcommands are entries of their container's {@code subcommands} table in {@code commands.def}.
 */
public final class ContainerCommand implements CommandHandler {
    private final String name;
    private final CommandHandler noSubcommand;
    private final Map<String, CommandSpec> subcommands = new LinkedHashMap<>();

    /**
     * @param name the container's name in lower case, e.g. {@code "config"}
     * @param noSubcommand runs when the container is called alone (COMMAND); {@code null} if a
     *     subcommand is required (CONFIG, whose arity then rejects the bare call)
     */
    public ContainerCommand(String name, CommandHandler noSubcommand) {
        this.name = name;
        this.noSubcommand = noSubcommand;
    }

    /**
     * Adds a subcommand.
     *
     * @param sub its name, e.g. {@code "get"}
     * @param arity its arity counted from the container's name: {@code CONFIG GET p} is 3
     */
    public ContainerCommand subcommand(String sub, int arity, CommandHandler handler) {
        subcommands.put(sub.toLowerCase(Locale.ROOT), new CommandSpec(name + "|" + sub, arity, handler));
        return this;
    }

    @Override
    public void execute(CommandCall call) {
        if (call.argc() == 1) {
            noSubcommand.execute(call); // arity lets a bare call through only when there is a handler
            return;
        }
        CommandSpec sub = subcommands.get(call.argString(1).toLowerCase(Locale.ROOT));
        if (sub == null) {
            call.reply().error("ERR unknown subcommand '" + truncated(call.argString(1))
                    + "'. Try " + name.toUpperCase(Locale.ROOT) + " HELP.");
        } else if (!sub.arityAccepts(call.argc())) {
            call.reply().error(ErrorReplies.wrongArity(sub.name()));
        } else {
            sub.handler().execute(call);
        }
    }

    private static String truncated(String s) {
        return s.length() > 128 ? s.substring(0, 128) : s;
    }
}
