package dev.redisfromscratch.command;

import dev.redisfromscratch.protocol.ReplyWriter;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The command table: every command the server knows, by name, with its arity.
 *
 * <p>{@link #dispatch} is the one place that rejects unknown commands and wrong argument counts,
 * so no handler repeats those checks. Each lab builds its table by registering the previous lab's
 * commands and then its own ({@code PingServer.commands()}, then lab 2 adds SET, GET, ...).
 *
 * <p>Redis: {@code server.c}, {@code lookupCommand} and {@code processCommand}; the table itself is
 * {@code commands.def}. Command names are case-insensitive.
 */
public final class CommandTable {
    private final Map<String, CommandSpec> commands = new LinkedHashMap<>();

    /**
     * Adds a command, or replaces one of the same name (a later lab may redefine a command).
     *
     * @return this table, for chaining
     */
    public CommandTable register(CommandSpec spec) {
        commands.put(spec.name(), spec);
        return this;
    }

    /** Shorthand for {@code register(new CommandSpec(name, arity, handler))}. */
    public CommandTable register(String name, int arity, CommandHandler handler) {
        return register(new CommandSpec(name, arity, handler));
    }

    /** @return the command called {@code name} in any case, or {@code null} */
    public CommandSpec lookup(String name) {
        return commands.get(name.toLowerCase(Locale.ROOT));
    }

    /** @return every registered command, in registration order */
    public Collection<CommandSpec> all() {
        return Collections.unmodifiableCollection(commands.values());
    }

    /**
     * Looks up and runs one request, appending exactly one reply.
     *
     * <ul>
     *   <li>unknown name: {@code -ERR unknown command '...', with args beginning with: ...};
     *   <li>argument count outside the arity: {@code -ERR wrong number of arguments for '...' command}.
     * </ul>
     *
     * @param args the request, command name first; never empty
     * @param reply where the reply goes
     * @return {@code false} if the connection must close after the reply (QUIT), else {@code true}
     */
    public boolean dispatch(List<byte[]> args, ReplyWriter reply) {
        // BEGIN SOLUTION
        CommandSpec spec = lookup(new String(args.get(0), StandardCharsets.ISO_8859_1));
        if (spec == null) {
            reply.error(ErrorReplies.unknownCommand(args));
            return true;
        }
        if (!spec.arityAccepts(args.size())) {
            reply.error(ErrorReplies.wrongArity(spec.name()));
            return true;
        }
        CommandCall call = new CommandCall(args, reply);
        spec.handler().execute(call);
        return !call.closesAfterReply();
        // END SOLUTION
        // STUB: throw new UnsupportedOperationException("TODO(lab1): look the command up, check its arity, run its handler");
    }
}
