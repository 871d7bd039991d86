package dev.redisfromscratch.keys;

import dev.redisfromscratch.command.AclCategory;
import dev.redisfromscratch.command.CommandCall;
import dev.redisfromscratch.command.CommandFlag;
import dev.redisfromscratch.command.CommandHandler;
import dev.redisfromscratch.command.CommandSpec;
import dev.redisfromscratch.store.Key;
import dev.redisfromscratch.store.SelectedDb;
import java.util.concurrent.ThreadLocalRandom;

/**
 * {@code RANDOMKEY}: a random key of the selected database, {@code $<len>\r\n<key>\r\n}, or
 * {@code $-1} if it is empty. Expired keys drawn on the way are reclaimed (and their {@code DEL}
 * propagated), then another is drawn ({@link dev.redisfromscratch.store.DataStore#randomKey}).
 *
 * <p>Redis: {@code db.c}, {@code randomkeyCommand} → {@code dbRandomKey}; arity 1.
 */
public final class RandomkeyCommand implements CommandHandler {
    private final SelectedDb db;

    private RandomkeyCommand(SelectedDb db) {
        this.db = db;
    }

    /** @return the table row: {@code randomkey}, arity 1, readonly */
    public static CommandSpec spec(SelectedDb db) {
        return CommandSpec.builder("randomkey", 1)
                .flags(CommandFlag.READONLY)
                .acl(AclCategory.KEYSPACE)
                .tips("request_policy:all_shards", "nondeterministic_output")
                .docs("Return a random key from the keyspace", "1.0.0", "generic", "O(1)")
                .handler(new RandomkeyCommand(db))
                .build();
    }

    @Override
    public void execute(CommandCall call) {
        Key key = db.of(call.client()).randomKey(ThreadLocalRandom.current());
        if (key == null) {
            call.reply().nullBulk(); // $-1\r\n
            return;
        }
        call.reply().bulk(key.bytes()); // $<len>\r\n<key>\r\n
    }
}
