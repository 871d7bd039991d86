package dev.redisfromscratch.expire;

import dev.redisfromscratch.command.AclCategory;
import dev.redisfromscratch.command.CommandFlag;
import dev.redisfromscratch.command.KeySpec;
import dev.redisfromscratch.command.CommandCall;
import dev.redisfromscratch.command.CommandHandler;
import dev.redisfromscratch.command.CommandSpec;
import dev.redisfromscratch.store.DataStore;
import dev.redisfromscratch.store.SelectedDb;

/**
 * {@code TTL key} and {@code PTTL key}: the time the key has left to live.
 *
 * <p>Replies {@code :-2} if the key does not exist (or has just expired), {@code :-1} if it has no
 * TTL, otherwise the time left: TTL in seconds rounded to the nearest, {@code (ms+500)/1000};
 * PTTL in milliseconds.
 *
 * <p>Redis: {@code expire.c}, {@code ttlCommand} and {@code pttlCommand} →
 * {@code ttlGenericCommand}; both arity 2.
 */
public final class TtlCommand implements CommandHandler {
    private final SelectedDb db;
    private final boolean millis;

    private TtlCommand(SelectedDb db, boolean millis) {
        this.db = db;
        this.millis = millis;
    }

    /** @return the table row: {@code ttl}, arity 2, readonly fast, answering in seconds */
    public static CommandSpec ttlSpec(SelectedDb db) {
        return spec("ttl", "Get the time to live for a key in seconds", "1.0.0", new TtlCommand(db, false));
    }

    /** @return the table row: {@code pttl}, arity 2, readonly fast, answering in milliseconds */
    public static CommandSpec pttlSpec(SelectedDb db) {
        return spec("pttl", "Get the time to live for a key in milliseconds", "2.6.0", new TtlCommand(db, true));
    }

    private static CommandSpec spec(String name, String summary, String since, TtlCommand handler) {
        return CommandSpec.builder(name, 2)
                .flags(CommandFlag.READONLY, CommandFlag.FAST)
                .acl(AclCategory.KEYSPACE)
                .tips("nondeterministic_output")
                .keys(KeySpec.range(1, 0, 1, KeySpec.Flag.RO, KeySpec.Flag.ACCESS))
                .docs(summary, since, "generic", "O(1)")
                .handler(handler)
                .build();
    }

    @Override
    public void execute(CommandCall call) {
        DataStore store = db.of(call.client()); // the client's selected database
        byte[] key = call.arg(1);
        call.reply().integer(millis ? store.pttl(key) : store.ttl(key)); // :<n>\r\n
    }
}
