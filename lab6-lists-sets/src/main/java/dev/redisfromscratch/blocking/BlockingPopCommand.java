package dev.redisfromscratch.blocking;

import dev.redisfromscratch.client.ClientFlag;
import dev.redisfromscratch.command.AclCategory;
import dev.redisfromscratch.command.CommandCall;
import dev.redisfromscratch.command.CommandFlag;
import dev.redisfromscratch.command.CommandHandler;
import dev.redisfromscratch.command.CommandSpec;
import dev.redisfromscratch.command.KeySpec;
import dev.redisfromscratch.lists.ListEnd;
import dev.redisfromscratch.lists.ListOps;
import dev.redisfromscratch.store.DataStore;
import dev.redisfromscratch.store.SelectedDb;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;

/**
 * {@code BLPOP key [key ...] timeout} and {@code BRPOP}: pops one element from the head (tail) of
 * the first key, in the order given, that holds a list; if none does, blocks until another client
 * pushes onto one of them, or until the timeout.
 *
 * <pre>
 *   bad timeout                     -ERR timeout is not a float or out of range / timeout is negative
 *   a key before any list holds     -WRONGTYPE ... (keys after the first list are not looked at)
 *     another type
 *   a list found                    *2\r\n $key $element        propagated as LPOP key / RPOP key
 *   none, inside MULTI (EXEC)       *-1 at once, as on a timeout
 *   none                            blocked: nothing now; later *2 key element, or *-1 on timeout
 * </pre>
 *
 * <p>Redis: {@code t_list.c}, {@code blpopCommand}, {@code brpopCommand},
 * {@code blockingPopGenericCommand}; arity -3.
 */
public final class BlockingPopCommand implements CommandHandler {
    private final SelectedDb db;
    private final BlockedClients blocked;
    private final Clock clock;
    private final ListEnd end;

    private BlockingPopCommand(SelectedDb db, BlockedClients blocked, Clock clock, ListEnd end) {
        this.db = db;
        this.blocked = blocked;
        this.clock = clock;
        this.end = end;
    }

    /** @return the row of {@code blpop}: arity -3, write noscript blocking, keys 1 to -2 (RW access delete) */
    public static CommandSpec blpopSpec(SelectedDb db, BlockedClients blocked, Clock clock) {
        return spec("blpop", "Remove and get the first element in a list, or block until one is available",
                new BlockingPopCommand(db, blocked, clock, ListEnd.LEFT));
    }

    /** @return the row of {@code brpop}: as {@code blpop}'s */
    public static CommandSpec brpopSpec(SelectedDb db, BlockedClients blocked, Clock clock) {
        return spec("brpop", "Remove and get the last element in a list, or block until one is available",
                new BlockingPopCommand(db, blocked, clock, ListEnd.RIGHT));
    }

    private static CommandSpec spec(String name, String summary, CommandHandler handler) {
        return CommandSpec.builder(name, -3)
                .flags(CommandFlag.WRITE, CommandFlag.NOSCRIPT, CommandFlag.BLOCKING)
                .acl(AclCategory.LIST)
                .keys(KeySpec.range(1, -2, 1, KeySpec.Flag.RW, KeySpec.Flag.ACCESS, KeySpec.Flag.DELETE))
                .docs(summary, "2.0.0", "list", "O(N) where N is the number of provided keys.")
                .handler(handler)
                .build();
    }

    @Override
    public void execute(CommandCall call) {
        long deadline = Timeout.deadline(call.arg(call.argc() - 1), clock.millis()); // before the keys, as Redis
        DataStore store = db.of(call.client());
        List<byte[]> keys = call.args().subList(1, call.argc() - 1);
        for (byte[] key : keys) {
            byte[] element = ListOps.pop(store, key, end); // WRONGTYPE; null if missing
            if (element == null) {
                continue;
            }
            call.reply().arrayHeader(2).bulk(key).bulk(element); // *2\r\n $key $element
            call.propagateAs(List.of(ascii(end == ListEnd.LEFT ? "LPOP" : "RPOP"), key));
            return;
        }
        if (call.client().has(ClientFlag.MULTI)) {
            call.reply().nullArray(); // *-1\r\n: inside EXEC no command may block (CLIENT_DENY_BLOCKING)
            return;
        }
        blocked.block(call.client(), keys, deadline, new BlockedPop.Pop(end));
    }

    static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
