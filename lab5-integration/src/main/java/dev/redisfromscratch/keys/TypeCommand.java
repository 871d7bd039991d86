package dev.redisfromscratch.keys;

import dev.redisfromscratch.command.AclCategory;
import dev.redisfromscratch.command.CommandCall;
import dev.redisfromscratch.command.CommandFlag;
import dev.redisfromscratch.command.CommandHandler;
import dev.redisfromscratch.command.CommandSpec;
import dev.redisfromscratch.command.KeySpec;
import dev.redisfromscratch.store.SelectedDb;
import dev.redisfromscratch.store.ValueType;

/**
 * {@code TYPE key}: the type of the key's value as a simple string, {@code +string}, or
 * {@code +none} if the key does not exist. A later lab's types answer with the name their
 * {@link ValueType} carries ({@code +list}, {@code +set}).
 *
 * <p>Redis: {@code db.c}, {@code typeCommand} and {@code getObjectTypeName}; arity 2.
 */
public final class TypeCommand implements CommandHandler {
    private final SelectedDb db;

    private TypeCommand(SelectedDb db) {
        this.db = db;
    }

    /** @return the table row: {@code type}, arity 2, readonly fast, one key */
    public static CommandSpec spec(SelectedDb db) {
        return CommandSpec.builder("type", 2)
                .flags(CommandFlag.READONLY, CommandFlag.FAST)
                .acl(AclCategory.KEYSPACE)
                .keys(KeySpec.range(1, 0, 1, KeySpec.Flag.RO))
                .docs("Determine the type stored at key", "1.0.0", "generic", "O(1)")
                .handler(new TypeCommand(db))
                .build();
    }

    @Override
    public void execute(CommandCall call) {
        ValueType type = db.of(call.client()).typeOf(call.arg(1));
        call.reply().simpleString(type == null ? "none" : type.name()); // +<type>\r\n
    }
}
