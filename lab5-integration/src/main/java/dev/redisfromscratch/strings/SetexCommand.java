package dev.redisfromscratch.strings;

import dev.redisfromscratch.command.AclCategory;
import dev.redisfromscratch.command.CommandCall;
import dev.redisfromscratch.command.CommandFlag;
import dev.redisfromscratch.command.CommandHandler;
import dev.redisfromscratch.command.CommandSpec;
import dev.redisfromscratch.command.KeySpec;
import dev.redisfromscratch.protocol.ReplyWriter;
import dev.redisfromscratch.store.DataStore;
import dev.redisfromscratch.store.SelectedDb;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.OptionalLong;

/**
 * {@code SETEX key seconds value} and {@code PSETEX key milliseconds value}: {@code SET key value EX
 * seconds} and {@code SET key value PX milliseconds}. Reply {@code +OK}; the key is overwritten
 * whatever it held.
 *
 * <p>Errors: {@code -ERR value is not an integer or out of range};
 * {@code -ERR invalid expire time in 'setex' command} (or {@code 'psetex'}) for a time that is not
 * positive or overflows once added to now.
 *
 * <p>Propagation: as {@code SET key value PXAT <unix ms>}, as Redis 7.0 does, so that a replay
 * expires the key at the same instant.
 *
 * <p>Redis: {@code t_string.c}, {@code setexCommand}, {@code psetexCommand} →
 * {@code setGenericCommand}; arity 4.
 */
public final class SetexCommand implements CommandHandler {
    private static final byte[] SET = "SET".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] PXAT = "PXAT".getBytes(StandardCharsets.US_ASCII);

    private final SelectedDb db;
    private final String name;
    private final SetOptions.Expiry unit;

    private SetexCommand(SelectedDb db, String name, SetOptions.Expiry unit) {
        this.db = db;
        this.name = name;
        this.unit = unit;
    }

    /** @return the table row of {@code SETEX}: arity 4, write denyoom (so @slow), one key (OW update) */
    public static CommandSpec spec(SelectedDb db) {
        return spec(new SetexCommand(db, "setex", SetOptions.Expiry.EX), "Set the value and expiration of a key", "2.0.0");
    }

    /** @return the table row of {@code PSETEX}: the same, in milliseconds */
    public static CommandSpec psetexSpec(SelectedDb db) {
        return spec(new SetexCommand(db, "psetex", SetOptions.Expiry.PX),
                "Set the value and expiration in milliseconds of a key", "2.6.0");
    }

    private static CommandSpec spec(SetexCommand handler, String summary, String since) {
        return CommandSpec.builder(handler.name, 4)
                .flags(CommandFlag.WRITE, CommandFlag.DENYOOM)
                .acl(AclCategory.STRING)
                .keys(KeySpec.range(1, 0, 1, KeySpec.Flag.OW, KeySpec.Flag.UPDATE))
                .docs(summary, since, "string", "O(1)")
                .handler(handler)
                .build();
    }

    @Override
    public void execute(CommandCall call) {
        DataStore store = db.of(call.client()); // the client's selected database
        OptionalLong when = SetOptions.expireAtOrReply(call, unit, call.arg(2), store.clock().millis(), name);
        if (when.isEmpty()) {
            return;
        }
        byte[] key = call.arg(1);
        byte[] value = call.arg(3);
        store.setExpireAt(key, value, when.getAsLong());
        call.reply().raw(ReplyWriter.OK); // +OK\r\n
        call.propagateAs(List.of(SET, key, value, PXAT,
                Long.toString(when.getAsLong()).getBytes(StandardCharsets.US_ASCII)));
    }
}
