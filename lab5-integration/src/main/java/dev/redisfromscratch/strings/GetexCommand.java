package dev.redisfromscratch.strings;

import dev.redisfromscratch.arguments.OptionArgument;
import dev.redisfromscratch.command.AclCategory;
import dev.redisfromscratch.command.CommandCall;
import dev.redisfromscratch.command.CommandFlag;
import dev.redisfromscratch.command.CommandHandler;
import dev.redisfromscratch.command.CommandSpec;
import dev.redisfromscratch.command.ErrorReplies;
import dev.redisfromscratch.command.KeySpec;
import dev.redisfromscratch.store.DataStore;
import dev.redisfromscratch.store.SelectedDb;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.OptionalLong;

/**
 * {@code GETEX key [EX seconds|PX ms|EXAT unix-s|PXAT unix-ms|PERSIST]}: replies the string, as
 * GET does ({@code $<len>\r\n<bytes>\r\n}, or {@code $-1} for a missing key), and sets or removes
 * its TTL. Without an option it is GET.
 *
 * <p>Options are read as SET reads its own ({@link SetOptions}): case-insensitively; one time
 * option, which may be repeated (the last value wins); PERSIST clashes with every time option.
 * Anything else, a clash, or a time option without its value gets {@code -ERR syntax error}.
 *
 * <p>Errors and replies, in Redis's order: {@code -ERR syntax error}; {@code $-1} for a missing key
 * (the time value is not even read); {@code -WRONGTYPE ...}; {@code -ERR value is not an integer or
 * out of range}; {@code -ERR invalid expire time in 'getex' command}
 * ({@link SetOptions#expireAtOrReply(CommandCall, SetOptions.Expiry, byte[], long, String)}).
 *
 * <p>Propagation (GETEX itself never is):
 * <ul>
 *   <li>EXAT or PXAT at or before now: the key is deleted (after its value was replied), as
 *       {@code DEL key};
 *   <li>EX, PX, EXAT, PXAT: {@code PEXPIREAT key <unix ms>};
 *   <li>PERSIST: {@code PERSIST key}, if the key had a TTL (else nothing changed);
 *   <li>no option: nothing.
 * </ul>
 *
 * <p>Redis: {@code t_string.c}, {@code getexCommand} and
 * {@code parseExtendedStringArgumentsOrReply} (with {@code COMMAND_GET}); arity -2.
 */
public final class GetexCommand implements CommandHandler {
    private static final byte[] DEL = "DEL".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] PEXPIREAT = "PEXPIREAT".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] PERSIST = "PERSIST".getBytes(StandardCharsets.US_ASCII);

    private final SelectedDb db;

    private GetexCommand(SelectedDb db) {
        this.db = db;
    }

    /** @return the table row: {@code getex}, arity -2, write fast, one key (RW access update, with Redis's note) */
    public static CommandSpec spec(SelectedDb db) {
        return CommandSpec.builder("getex", -2)
                .flags(CommandFlag.WRITE, CommandFlag.FAST)
                .acl(AclCategory.STRING)
                .keys(KeySpec.range(1, 0, 1, KeySpec.Flag.RW, KeySpec.Flag.ACCESS, KeySpec.Flag.UPDATE)
                        .withNotes("RW and UPDATE because it changes the TTL"))
                .docs("Get the value of a key and optionally set its expiration", "6.2.0", "string", "O(1)")
                .handler(new GetexCommand(db))
                .build();
    }

    @Override
    public void execute(CommandCall call) {
        SetOptions.Expiry expiry = SetOptions.Expiry.NONE;
        byte[] time = null;
        boolean persist = false;
        for (int i = 2; i < call.argc(); i++) {
            String option = OptionArgument.name(call.arg(i));
            boolean accepted;
            switch (option) {
                case "PERSIST" -> accepted = expiry == SetOptions.Expiry.NONE && (persist = true);
                case "EX", "PX", "EXAT", "PXAT" -> {
                    SetOptions.Expiry given = SetOptions.Expiry.valueOf(option);
                    accepted = !persist && (expiry == SetOptions.Expiry.NONE || expiry == given) && i + 1 < call.argc();
                    if (accepted) {
                        expiry = given;
                        time = call.arg(++i); // a repeated option takes its new value
                    }
                }
                default -> accepted = false;
            }
            if (!accepted) {
                call.reply().error(ErrorReplies.SYNTAX);
                return;
            }
        }

        DataStore store = db.of(call.client()); // the client's selected database
        byte[] key = call.arg(1);
        byte[] value = store.get(key); // WRONGTYPE if not a string
        if (value == null) {
            call.reply().nullBulk();   // $-1\r\n
            return;
        }
        long now = store.clock().millis();
        long when = 0;
        if (expiry != SetOptions.Expiry.NONE) {
            OptionalLong at = SetOptions.expireAtOrReply(call, expiry, time, now, "getex");
            if (at.isEmpty()) {
                return;
            }
            when = at.getAsLong();
        }
        call.reply().bulk(value);      // $<len>\r\n<bytes>\r\n, before the key may be deleted

        boolean absolute = expiry == SetOptions.Expiry.EXAT || expiry == SetOptions.Expiry.PXAT;
        if (absolute && when <= now) {
            store.delete(key);
            call.propagateAs(List.of(DEL, key));
        } else if (expiry != SetOptions.Expiry.NONE) {
            store.expireAt(key, when);
            call.propagateAs(List.of(PEXPIREAT, key, Long.toString(when).getBytes(StandardCharsets.US_ASCII)));
        } else if (persist && store.persist(key)) {
            call.propagateAs(List.of(PERSIST, key));
        }
    }
}
