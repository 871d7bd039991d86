package dev.redisfromscratch.strings;

import dev.redisfromscratch.command.CommandTable;
import dev.redisfromscratch.config.ServerConfig;
import dev.redisfromscratch.store.SelectedDb;

/**
 * Lab 5's string commands, registered in one call beside lab 2's {@link GetCommand} and
 * {@link SetCommand}:
 *
 * <pre>
 *   APPEND  STRLEN  GETRANGE  SETRANGE          {@link AppendCommand} {@link StrlenCommand} {@link GetrangeCommand} {@link SetrangeCommand}
 *   INCR  DECR  INCRBY  DECRBY                  {@link IncrCommand}
 *   INCRBYFLOAT                                 {@link IncrbyfloatCommand} (with {@link LongDouble})
 *   MGET  MSET  MSETNX                          {@link MgetCommand} {@link MsetCommand}
 *   GETSET  GETDEL  GETEX                       {@link GetsetCommand} {@link GetdelCommand} {@link GetexCommand}
 *   SETNX  SETEX  PSETEX                        {@link SetnxCommand} {@link SetexCommand}
 * </pre>
 *
 * <p>Redis: {@code t_string.c}.
 */
public final class StringCommands {
    private StringCommands() {
    }

    /**
     * Adds every string command above to {@code table}.
     *
     * @param db the database each call works on (the client's selected one)
     * @param config read on each call for {@code proto-max-bulk-len}, the longest string APPEND and
     *     SETRANGE may build
     * @return {@code table}
     */
    public static CommandTable register(CommandTable table, SelectedDb db, ServerConfig config) {
        return table.register(AppendCommand.spec(db, config))
                .register(StrlenCommand.spec(db))
                .register(GetrangeCommand.spec(db))
                .register(SetrangeCommand.spec(db, config))
                .register(IncrCommand.spec(db))
                .register(IncrCommand.decrSpec(db))
                .register(IncrCommand.incrbySpec(db))
                .register(IncrCommand.decrbySpec(db))
                .register(IncrbyfloatCommand.spec(db))
                .register(MgetCommand.spec(db))
                .register(MsetCommand.spec(db))
                .register(MsetCommand.msetnxSpec(db))
                .register(GetsetCommand.spec(db))
                .register(GetdelCommand.spec(db))
                .register(GetexCommand.spec(db))
                .register(SetnxCommand.spec(db))
                .register(SetexCommand.spec(db))
                .register(SetexCommand.psetexSpec(db));
    }
}
