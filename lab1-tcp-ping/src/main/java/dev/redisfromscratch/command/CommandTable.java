package dev.redisfromscratch.command;

import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The command table: every command the server knows, by name, with its statistics.
 *
 * <p>Each lab builds its table by registering the previous lab's commands and then its own
 * ({@code PingServer.commands()}, then lab 2 adds SET, GET, ...). Names are case-insensitive.
 * Lookup resolves a container's subcommand from the first argument, as Redis does:
 * {@code CONFIG GET x} finds {@code config|get}.
 *
 * <p>Redis: {@code server.c}, {@code lookupCommand} and {@code lookupSubcommand}; the table itself is
 * {@code commands.def}.
 */
public final class CommandTable {
    private final Map<String, CommandSpec> commands = new LinkedHashMap<>();
    private final Map<CommandSpec, CommandStats> stats = new IdentityHashMap<>();

    /**
     * Adds a command, or replaces one of the same name (a later lab may redefine a command).
     *
     * @return this table, for chaining
     */
    public CommandTable register(CommandSpec spec) {
        CommandSpec previous = commands.put(spec.name(), spec);
        if (previous != null) {
            stats.remove(previous);
            previous.subcommands().forEach(stats::remove);
        }
        stats.put(spec, new CommandStats());
        spec.subcommands().forEach(sub -> stats.put(sub, new CommandStats()));
        return this;
    }

    /** @return the command called {@code name} in any case (not a subcommand), or {@code null} */
    public CommandSpec lookup(String name) {
        return commands.get(name.toLowerCase(Locale.ROOT));
    }

    /**
     * Finds the command a request names: its first argument, or, for a container called with a
     * subcommand, the subcommand named by the second.
     *
     * @param argv the request, name first; never empty
     * @return the command or subcommand, or {@code null} if there is none (an unknown command, or
     *     an unknown subcommand of a container: see {@link #isContainer})
     */
    public CommandSpec lookup(List<byte[]> argv) {
        // Names are ASCII; one char per byte keeps any other byte unmatched rather than mangled.
        CommandSpec base = lookup(new String(argv.get(0), StandardCharsets.ISO_8859_1));
        if (base == null || !base.isContainer() || argv.size() < 2) {
            return base;
        }
        return base.subcommand(new String(argv.get(1), StandardCharsets.ISO_8859_1).toLowerCase(Locale.ROOT));
    }

    /** @return whether {@code name} is a container command, such as {@code config} */
    public boolean isContainer(String name) {
        CommandSpec spec = lookup(name);
        return spec != null && spec.isContainer();
    }

    /** @return every registered command (not the subcommands), in registration order */
    public Collection<CommandSpec> all() {
        return Collections.unmodifiableCollection(commands.values());
    }

    /**
     * Zeroes every command's and subcommand's statistics: lab 5's {@code CONFIG RESETSTAT}.
     *
     * <p>Redis: {@code server.c}, {@code resetCommandTableStats}.
     */
    public void resetStats() {
        stats.values().forEach(CommandStats::reset);
    }

    /**
     * @return the statistics of a registered command or subcommand
     * @throws IllegalArgumentException if {@code spec} is not in this table
     */
    public CommandStats stats(CommandSpec spec) {
        CommandStats s = stats.get(spec);
        if (s == null) {
            throw new IllegalArgumentException(spec.name() + " is not in this table");
        }
        return s;
    }
}
