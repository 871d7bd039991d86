package dev.redisfromscratch.command;

import java.util.Collection;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * One row of the command table, with everything Redis knows about a command: its name, arity,
 * flags, key positions, ACL categories, tips, docs, handler and subcommands. Each command declares
 * its row where it is defined ({@code PingCommand.SPEC}, {@code GetCommand.spec(store)}), with
 * {@link #builder}.
 *
 * <p><b>Arity</b> counts the command name itself. A positive arity N means exactly N arguments; a
 * negative one, -N, means at least N. {@code GET key} has arity 2; {@code SET key value [opts]}
 * has arity -3. A subcommand's arity counts from the container's name: {@code CONFIG GET p} is 3.
 *
 * <p><b>Key positions.</b> {@link #firstKey()}, {@link #lastKey()} and {@link #keyStep()} (the
 * pre-7.0 "legacy range") are derived from the key specs, as Redis derives them.
 *
 * <p><b>Containers</b> such as {@code CONFIG} and {@code COMMAND} hold subcommands, named
 * {@code config|get}; the table looks them up by the first argument.
 *
 * <p>Immutable; one spec may serve several command tables (each keeps its own statistics).
 *
 * <p>Redis: {@code server.h}, {@code struct redisCommand}; the table is generated from
 * {@code src/commands/*.json} into {@code commands.def}; {@code server.c},
 * {@code populateCommandLegacyRangeSpec}.
 */
public final class CommandSpec {
    private final String name;
    private final int arity;
    private final Set<CommandFlag> flags;
    private final Set<AclCategory> aclCategories;
    private final List<String> tips;
    private final List<KeySpec> keySpecs;
    private final CommandDocs docs;
    private final CommandHandler handler;
    private final Map<String, CommandSpec> subcommands;
    private final int[] legacyRange;

    private CommandSpec(CommandSpec row, CommandHandler handler) {
        this.name = row.name;
        this.arity = row.arity;
        this.flags = row.flags;
        this.aclCategories = row.aclCategories;
        this.tips = row.tips;
        this.keySpecs = row.keySpecs;
        this.docs = row.docs;
        this.handler = handler;
        this.subcommands = row.subcommands;
        this.legacyRange = row.legacyRange;
    }

    private CommandSpec(Builder b) {
        this.name = b.name;
        this.arity = b.arity;
        this.flags = Collections.unmodifiableSet(b.flags);
        this.aclCategories = Collections.unmodifiableSet(AclCategory.withImplicit(b.categories, b.flags));
        this.tips = List.copyOf(b.tips);
        this.keySpecs = List.copyOf(b.keySpecs);
        this.docs = Objects.requireNonNull(b.docs, () -> "command " + b.name + " has no docs");
        this.handler = b.handler;
        this.subcommands = Collections.unmodifiableMap(new LinkedHashMap<>(b.subcommands));
        this.legacyRange = legacyRange(keySpecs);
    }

    /**
     * Starts a spec.
     *
     * @param name the command's name, any case (stored in lower case, as Redis reports it in
     *     errors); a subcommand's is {@code container|sub}
     * @param arity exact (positive) or minimum (negative) number of arguments, name included
     * @throws IllegalArgumentException for arity 0
     */
    public static Builder builder(String name, int arity) {
        return new Builder(name, arity);
    }

    /** @return the full name in lower case: {@code get}, or {@code config|get} for a subcommand */
    public String name() {
        return name;
    }

    /** @return exact (positive) or minimum (negative) number of arguments, name included */
    public int arity() {
        return arity;
    }

    /** @return whether {@code argc} arguments (name included) fit this command's arity */
    public boolean arityAccepts(int argc) {
        return arity > 0 ? argc == arity : argc >= -arity;
    }

    /** @return the command's flags, in Redis's order */
    public Set<CommandFlag> flags() {
        return flags;
    }

    /** @return whether the command has {@code flag} */
    public boolean has(CommandFlag flag) {
        return flags.contains(flag);
    }

    /** @return the ACL categories, declared and implied, in Redis's order */
    public Set<AclCategory> aclCategories() {
        return aclCategories;
    }

    /** @return Redis's command tips, e.g. {@code nondeterministic_output} */
    public List<String> tips() {
        return tips;
    }

    /** @return where the keys are; empty for a command without keys */
    public List<KeySpec> keySpecs() {
        return keySpecs;
    }

    /** @return the index of the first key, or 0 for a command without keys */
    public int firstKey() {
        return legacyRange[0];
    }

    /** @return the index of the last key (negative: counted from the end), or 0 without keys */
    public int lastKey() {
        return legacyRange[1];
    }

    /** @return the distance between keys, or 0 without keys */
    public int keyStep() {
        return legacyRange[2];
    }

    /**
     * The pre-7.0 key range {@code COMMAND INFO} still reports, from the key specs: one spec is
     * taken as it is; several ({@code RENAME key newkey}) are merged into one range of step 1 over
     * those that follow each other with step 1, as Redis merges them. A keynum spec has no legacy
     * range (Redis marks such a command {@code movablekeys}): alone, it gives zeros.
     *
     * <p>Redis: {@code server.c}, {@code populateCommandLegacyRangeSpec}.
     *
     * @return first key, last key (absolute, or negative from the end), key step; zeros without keys
     */
    private static int[] legacyRange(List<KeySpec> specs) {
        if (specs.isEmpty()) {
            return new int[] {0, 0, 0};
        }
        if (specs.size() == 1 && !specs.get(0).isKeynum()) {
            KeySpec only = specs.get(0);
            int last = only.lastKey() < 0 ? only.lastKey() : only.beginIndex() + only.lastKey();
            return new int[] {only.beginIndex(), last, only.keyStep()};
        }
        int first = Integer.MAX_VALUE;
        int last = 0;
        int previousLast = 0;
        for (KeySpec spec : specs) {
            if (spec.isKeynum() || spec.keyStep() != 1 || (previousLast != 0 && previousLast != spec.beginIndex() - 1)) {
                continue; // not plain, or not right after the previous range (Redis sets movablekeys)
            }
            first = Math.min(first, spec.beginIndex());
            int absolute = spec.lastKey() >= 0 ? spec.beginIndex() + spec.lastKey() : spec.lastKey();
            last = Integer.compareUnsigned(last, absolute) >= 0 ? last : absolute; // -1 ("to the end") wins
            previousLast = last;
        }
        return first == Integer.MAX_VALUE ? new int[] {0, 0, 0} : new int[] {first, last, 1};
    }

    /**
     * The keys a request names, by this command's key specs in order ({@link KeySpec#keyIndexes}):
     * {@code MSET a 1 b 2} gives {@code a}, {@code b}; {@code RENAME a b} gives {@code a}, {@code b}.
     * Specs flagged {@code NOT_KEY} are skipped.
     *
     * <p>Redis: {@code db.c}, {@code getKeysFromCommand} ({@code getKeysUsingKeySpecs}).
     *
     * @param argv a request for this command, name first
     * @return the key arguments (the request's own arrays), possibly with repeats; empty for a
     *     command without keys
     */
    public List<byte[]> keysOf(List<byte[]> argv) {
        List<byte[]> keys = new java.util.ArrayList<>();
        for (KeySpec spec : keySpecs) {
            if (spec.flags().contains(KeySpec.Flag.NOT_KEY)) {
                continue;
            }
            for (int i : spec.keyIndexes(argv)) {
                keys.add(argv.get(i));
            }
        }
        return keys;
    }

    /**
     * The same row (name, arity, flags, keys, docs, subcommands) with another body: a later lab
     * that changes what a command does in some state wraps the earlier handler, as lab 5 does for
     * {@code PING} in subscribed mode, without copying the row.
     *
     * @param body the new handler; it may call {@code handler()} of this spec
     * @return a new spec, to {@link CommandTable#register} in place of this one
     */
    public CommandSpec withHandler(CommandHandler body) {
        return new CommandSpec(this, Objects.requireNonNull(body, "body"));
    }

    /** @return the command's documentation */
    public CommandDocs docs() {
        return docs;
    }

    /** @return the command's body; {@code null} for a container that must be called with a subcommand */
    public CommandHandler handler() {
        return handler;
    }

    /** @return whether the command holds subcommands */
    public boolean isContainer() {
        return !subcommands.isEmpty();
    }

    /** @return the subcommand named {@code sub} (lower case, without the container's name), or {@code null} */
    public CommandSpec subcommand(String sub) {
        return subcommands.get(sub);
    }

    /** @return the subcommands, in the order they were added */
    public Collection<CommandSpec> subcommands() {
        return subcommands.values();
    }

    @Override
    public String toString() {
        return name + " (arity " + arity + ")";
    }

    /** Builds a {@link CommandSpec}; every setter returns the builder. */
    public static final class Builder {
        private final String name;
        private final int arity;
        private final EnumSet<CommandFlag> flags = EnumSet.noneOf(CommandFlag.class);
        private final EnumSet<AclCategory> categories = EnumSet.noneOf(AclCategory.class);
        private final java.util.ArrayList<String> tips = new java.util.ArrayList<>();
        private final java.util.ArrayList<KeySpec> keySpecs = new java.util.ArrayList<>();
        private final Map<String, CommandSpec> subcommands = new LinkedHashMap<>();
        private CommandDocs docs;
        private CommandHandler handler;

        private Builder(String name, int arity) {
            this.name = name.toLowerCase(Locale.ROOT);
            this.arity = arity;
            if (arity == 0) {
                throw new IllegalArgumentException("arity 0 is meaningless: " + name);
            }
        }

        /** Adds Redis command flags. */
        public Builder flags(CommandFlag... more) {
            flags.addAll(List.of(more));
            return this;
        }

        /** Adds the ACL categories that the flags do not imply (see {@link AclCategory#withImplicit}). */
        public Builder acl(AclCategory... more) {
            categories.addAll(List.of(more));
            return this;
        }

        /** Adds Redis command tips, e.g. {@code "nondeterministic_output"}. */
        public Builder tips(String... more) {
            tips.addAll(List.of(more));
            return this;
        }

        /** Adds a key spec. */
        public Builder keys(KeySpec spec) {
            keySpecs.add(spec);
            return this;
        }

        /** Sets the documentation (Redis's texts). */
        public Builder docs(String summary, String since, String group, String complexity) {
            this.docs = new CommandDocs(summary, since, group, complexity);
            return this;
        }

        /** Sets the body. */
        public Builder handler(CommandHandler body) {
            this.handler = body;
            return this;
        }

        /**
         * Adds a subcommand, whose name must be {@code <this name>|<sub>}.
         *
         * @throws IllegalArgumentException if the name does not start with this command's
         */
        public Builder subcommand(CommandSpec sub) {
            String prefix = name + "|";
            if (!sub.name().startsWith(prefix)) {
                throw new IllegalArgumentException(sub.name() + " is not a subcommand of " + name);
            }
            subcommands.put(sub.name().substring(prefix.length()), sub);
            return this;
        }

        /**
         * @return the spec
         * @throws NullPointerException if the docs are missing, or the handler of a command that is
         *     not a container
         */
        public CommandSpec build() {
            if (handler == null && subcommands.isEmpty()) {
                throw new NullPointerException("command " + name + " has no handler");
            }
            return new CommandSpec(this);
        }
    }
}
