package dev.redisfromscratch.keys;

import dev.redisfromscratch.command.CommandTable;
import dev.redisfromscratch.expire.ExpireCommand;
import dev.redisfromscratch.expire.TtlCommand;
import dev.redisfromscratch.store.Databases;

/**
 * Lab 5's database and keyspace commands, registered in one call: SELECT, SWAPDB, MOVE, KEYS, SCAN,
 * RANDOMKEY, RENAME, RENAMENX, COPY, TYPE, UNLINK, TOUCH, EXPIREAT, PEXPIRE, EXPIRETIME,
 * PEXPIRETIME and OBJECT. Lab 2's DEL, EXISTS, DBSIZE, EXPIRE, TTL, PTTL and PERSIST, and lab 4's
 * PEXPIREAT, are already in the table and work on the selected database as they are.
 *
 * <p>Redis: {@code db.c}, {@code expire.c}, {@code object.c}.
 */
public final class KeyspaceCommands {
    private KeyspaceCommands() {
    }

    /**
     * @param table the server's command table
     * @param dbs the databases; each command works on the client's selected one
     * @return {@code table}
     */
    public static CommandTable register(CommandTable table, Databases dbs) {
        return table
                .register(SelectCommand.spec(dbs))
                .register(SwapdbCommand.spec(dbs))
                .register(MoveCommand.spec(dbs))
                .register(KeysCommand.spec(dbs))
                .register(ScanCommand.spec(dbs))
                .register(RandomkeyCommand.spec(dbs))
                .register(RenameCommand.renameSpec(dbs))
                .register(RenameCommand.renamenxSpec(dbs))
                .register(CopyCommand.spec(dbs))
                .register(TypeCommand.spec(dbs))
                .register(DelCommand.unlinkSpec(dbs))
                .register(TouchCommand.spec(dbs))
                .register(ExpireCommand.expireatSpec(dbs))
                .register(ExpireCommand.pexpireSpec(dbs))
                .register(TtlCommand.expiretimeSpec(dbs))
                .register(TtlCommand.pexpiretimeSpec(dbs))
                .register(ObjectCommand.spec(dbs));
    }
}
