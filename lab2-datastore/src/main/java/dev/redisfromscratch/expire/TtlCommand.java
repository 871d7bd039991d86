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
 * {@code TTL key} and {@code PTTL key}: the time the key has left to live; {@code EXPIRETIME key}
 * and {@code PEXPIRETIME key}: the instant it expires.
 *
 * <p>Replies {@code :-2} if the key does not exist (or has just expired), {@code :-1} if it has no
 * TTL, otherwise the time left: TTL in seconds rounded to the nearest, {@code (ms+500)/1000};
 * PTTL in milliseconds. EXPIRETIME answers the expire time as a Unix time in seconds, rounded the
 * same way; PEXPIRETIME in milliseconds.
 *
 * <p>Redis: {@code expire.c}, {@code ttlCommand}, {@code pttlCommand}, {@code expiretimeCommand}
 * and {@code pexpiretimeCommand} → {@code ttlGenericCommand}; all arity 2.
 */
public final class TtlCommand implements CommandHandler {
    private final SelectedDb db;
    private final boolean millis;
    private final boolean absolute;

    private TtlCommand(SelectedDb db, boolean millis, boolean absolute) {
        this.db = db;
        this.millis = millis;
        this.absolute = absolute;
    }

    /** @return the table row: {@code ttl}, arity 2, readonly fast, answering in seconds */
    public static CommandSpec ttlSpec(SelectedDb db) {
        return spec("ttl", "Get the time to live for a key in seconds", "1.0.0", new TtlCommand(db, false, false));
    }

    /** @return the table row: {@code pttl}, arity 2, readonly fast, answering in milliseconds */
    public static CommandSpec pttlSpec(SelectedDb db) {
        return spec("pttl", "Get the time to live for a key in milliseconds", "2.6.0", new TtlCommand(db, true, false));
    }

    /**
     * Registered from lab 5 on.
     *
     * @return the table row: {@code expiretime}, arity 2, readonly fast, a Unix time in seconds
     */
    public static CommandSpec expiretimeSpec(SelectedDb db) {
        return absoluteSpec("expiretime", "Get the expiration Unix timestamp for a key", new TtlCommand(db, false, true));
    }

    /**
     * Registered from lab 5 on.
     *
     * @return the table row: {@code pexpiretime}, arity 2, readonly fast, a Unix time in milliseconds
     */
    public static CommandSpec pexpiretimeSpec(SelectedDb db) {
        return absoluteSpec("pexpiretime", "Get the expiration Unix timestamp for a key in milliseconds",
                new TtlCommand(db, true, true));
    }

    private static CommandSpec absoluteSpec(String name, String summary, TtlCommand handler) {
        return CommandSpec.builder(name, 2)
                .flags(CommandFlag.READONLY, CommandFlag.FAST)
                .acl(AclCategory.KEYSPACE)
                .keys(KeySpec.range(1, 0, 1, KeySpec.Flag.RO, KeySpec.Flag.ACCESS))
                .docs(summary, "7.0.0", "generic", "O(1)")
                .handler(handler)
                .build();
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
        if (absolute) {
            long when = store.expireTime(key); // -2 missing, -1 no TTL, else Unix ms
            call.reply().integer(when < 0 || millis ? when : (when + 500) / 1000); // :<n>\r\n
            return;
        }
        call.reply().integer(millis ? store.pttl(key) : store.ttl(key)); // :<n>\r\n
    }
}
