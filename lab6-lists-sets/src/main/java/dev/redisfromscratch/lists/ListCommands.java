package dev.redisfromscratch.lists;

import dev.redisfromscratch.command.CommandTable;
import dev.redisfromscratch.encoding.EncodingLimits;
import dev.redisfromscratch.store.SelectedDb;

/**
 * Lab 6's list commands, registered in one call:
 *
 * <pre>
 *   LPUSH  RPUSH  LPUSHX  RPUSHX               {@link PushCommand}
 *   LPOP  RPOP                                 {@link PopCommand} (with {@link ListOps})
 *   LLEN  LINDEX  LRANGE  LPOS                 {@link LlenCommand} {@link LindexCommand} {@link LrangeCommand} {@link LposCommand}
 *   LSET  LREM  LTRIM  LINSERT                 {@link LsetCommand} {@link LremCommand} {@link LtrimCommand} {@link LinsertCommand}
 *   LMOVE  RPOPLPUSH                           {@link LmoveCommand}
 *   LMPOP                                      {@link LmpopCommand}
 * </pre>
 *
 * <p>The blocking forms (BLPOP, BLMOVE, ...) are the blocking package's.
 *
 * <p>Redis: {@code t_list.c}.
 */
public final class ListCommands {
    private ListCommands() {
    }

    /**
     * Adds every list command above to {@code table}.
     *
     * @param db the database each call works on (the client's selected one)
     * @param limits read on each write for {@code list-max-listpack-size}
     * @return {@code table}
     */
    public static CommandTable register(CommandTable table, SelectedDb db, EncodingLimits limits) {
        return table.register(PushCommand.lpush(db, limits))
                .register(PushCommand.rpush(db, limits))
                .register(PushCommand.lpushx(db, limits))
                .register(PushCommand.rpushx(db, limits))
                .register(PopCommand.lpop(db))
                .register(PopCommand.rpop(db))
                .register(LlenCommand.spec(db))
                .register(LindexCommand.spec(db))
                .register(LrangeCommand.spec(db))
                .register(LposCommand.spec(db))
                .register(LsetCommand.spec(db, limits))
                .register(LremCommand.spec(db))
                .register(LtrimCommand.spec(db))
                .register(LinsertCommand.spec(db, limits))
                .register(LmoveCommand.lmove(db, limits))
                .register(LmoveCommand.rpoplpush(db, limits))
                .register(LmpopCommand.spec(db));
    }
}
