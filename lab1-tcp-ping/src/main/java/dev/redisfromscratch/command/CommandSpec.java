package dev.redisfromscratch.command;

import java.util.Locale;

/**
 * One row of the command table: a name, an arity and a handler.
 *
 * <p>Arity counts the command name itself. A positive arity N means exactly N arguments; a
 * negative one, -N, means at least N. {@code GET key} has arity 2; {@code SET key value [opts]}
 * has arity -3.
 *
 * <p>Redis: {@code server.h}, {@code struct redisCommand}; the table is generated from
 * {@code src/commands/*.json} into {@code commands.def}.
 *
 * @param name the command's name in lower case, as Redis reports it in errors
 * @param arity exact (positive) or minimum (negative) number of arguments, name included
 * @param handler the command's body
 */
public record CommandSpec(String name, int arity, CommandHandler handler) {
    /** Normalises the name to lower case. */
    public CommandSpec {
        name = name.toLowerCase(Locale.ROOT);
        if (arity == 0) {
            throw new IllegalArgumentException("arity 0 is meaningless: " + name);
        }
    }

    /** @return whether {@code argc} arguments (name included) fit this command's arity */
    public boolean arityAccepts(int argc) {
        return arity > 0 ? argc == arity : argc >= -arity;
    }
}
