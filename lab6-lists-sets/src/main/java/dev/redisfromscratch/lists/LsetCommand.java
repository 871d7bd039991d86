package dev.redisfromscratch.lists;

import dev.redisfromscratch.arguments.IntegerArgument;
import dev.redisfromscratch.command.AclCategory;
import dev.redisfromscratch.command.CommandCall;
import dev.redisfromscratch.command.CommandFlag;
import dev.redisfromscratch.command.CommandHandler;
import dev.redisfromscratch.command.CommandSpec;
import dev.redisfromscratch.command.KeySpec;
import dev.redisfromscratch.encoding.EncodingLimits;
import dev.redisfromscratch.protocol.RedisError;
import dev.redisfromscratch.store.DataStore;
import dev.redisfromscratch.store.SelectedDb;

/**
 * {@code LSET key index element}: replaces the element at {@code index} (negative from the tail),
 * {@code +OK}.
 *
 * <p>Errors, in Redis's order: {@code -ERR no such key}, {@code -WRONGTYPE ...}, {@code -ERR value
 * is not an integer or out of range}, {@code -ERR index out of range}.
 *
 * <p>Propagation: as it is.
 *
 * <p>Redis: {@code t_list.c}, {@code lsetCommand}; arity 4.
 */
public final class LsetCommand implements CommandHandler {
    private final SelectedDb db;
    private final EncodingLimits limits;

    private LsetCommand(SelectedDb db, EncodingLimits limits) {
        this.db = db;
        this.limits = limits;
    }

    /** @return {@code lset}: arity 4, write denyoom (so @slow), one key (RW update) */
    public static CommandSpec spec(SelectedDb db, EncodingLimits limits) {
        return CommandSpec.builder("lset", 4)
                .flags(CommandFlag.WRITE, CommandFlag.DENYOOM)
                .acl(AclCategory.LIST)
                .keys(KeySpec.range(1, 0, 1, KeySpec.Flag.RW, KeySpec.Flag.UPDATE))
                .docs("Set the value of an element in a list by its index", "1.0.0", "list",
                        "O(N) where N is the length of the list. Setting either the first or the last element of "
                                + "the list is O(1).")
                .handler(new LsetCommand(db, limits))
                .build();
    }

    @Override
    public void execute(CommandCall call) {
        DataStore store = db.of(call.client()); // the client's selected database
        ListValue list = (ListValue) store.lookup(call.arg(1), ListValue.LIST);
        if (list == null) {
            throw new RedisError("ERR no such key");
        }
        long index = IntegerArgument.require(call, 2);
        if (!list.set(index, call.arg(3), limits)) {
            throw new RedisError("ERR index out of range");
        }
        store.modified(1);
        call.reply().simpleString("OK");           // +OK\r\n
    }
}
