package dev.redisfromscratch.keys;

import dev.redisfromscratch.command.AclCategory;
import dev.redisfromscratch.glob.GlobPattern;
import dev.redisfromscratch.command.CommandCall;
import dev.redisfromscratch.command.CommandFlag;
import dev.redisfromscratch.command.CommandHandler;
import dev.redisfromscratch.command.CommandSpec;
import dev.redisfromscratch.store.DataStore;
import dev.redisfromscratch.store.ExpiresIndex;
import dev.redisfromscratch.store.Key;
import dev.redisfromscratch.store.SelectedDb;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code KEYS pattern}: every key of the selected database that matches the glob
 * ({@link GlobPattern}), as an array of bulk strings in no particular order. {@code *} alone
 * matches every key without running the matcher (the empty key included).
 *
 * <p>It walks the whole keyspace in one command, so it blocks every other client for as long as
 * that takes: {@code SCAN} is the incremental way. Keys whose time has passed are left out but not
 * deleted (Redis checks {@code keyIsExpired}, not {@code expireIfNeeded}, here).
 *
 * <p>Redis: {@code db.c}, {@code keysCommand}; arity 2.
 */
public final class KeysCommand implements CommandHandler {
    private final SelectedDb db;

    private KeysCommand(SelectedDb db) {
        this.db = db;
    }

    /** @return the table row: {@code keys}, arity 2, readonly, {@code @keyspace @dangerous} */
    public static CommandSpec spec(SelectedDb db) {
        return CommandSpec.builder("keys", 2)
                .flags(CommandFlag.READONLY)
                .acl(AclCategory.KEYSPACE, AclCategory.DANGEROUS)
                .tips("request_policy:all_shards", "nondeterministic_output_order")
                .docs("Find all keys matching the given pattern", "1.0.0", "generic",
                        "O(N) with N being the number of keys in the database, under the assumption that the key names "
                                + "in the database and the given pattern have limited length.")
                .handler(new KeysCommand(db))
                .build();
    }

    @Override
    public void execute(CommandCall call) {
        DataStore store = db.of(call.client());
        byte[] pattern = call.arg(1);
        boolean allKeys = pattern.length == 1 && pattern[0] == '*';
        long now = store.clock().millis();
        List<Key> matched = new ArrayList<>();
        store.forEach((key, value, expireAt) -> {
            if ((allKeys || GlobPattern.matches(pattern, key.bytes(), false))
                    && (expireAt == ExpiresIndex.NO_EXPIRE || now <= expireAt)) {
                matched.add(key);
            }
        });
        call.reply().arrayHeader(matched.size()); // *<n>\r\n, then $<len>\r\n<key>\r\n each
        for (Key key : matched) {
            call.reply().bulk(key.bytes());
        }
    }
}
