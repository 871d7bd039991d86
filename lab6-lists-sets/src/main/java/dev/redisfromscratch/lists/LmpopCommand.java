package dev.redisfromscratch.lists;

import dev.redisfromscratch.arguments.IntegerArgument;
import dev.redisfromscratch.command.AclCategory;
import dev.redisfromscratch.command.CommandCall;
import dev.redisfromscratch.command.CommandFlag;
import dev.redisfromscratch.command.CommandHandler;
import dev.redisfromscratch.command.CommandSpec;
import dev.redisfromscratch.command.ErrorReplies;
import dev.redisfromscratch.command.KeySpec;
import dev.redisfromscratch.protocol.RedisError;
import dev.redisfromscratch.store.DataStore;
import dev.redisfromscratch.store.SelectedDb;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * {@code LMPOP numkeys key [key ...] LEFT|RIGHT [COUNT count]}: pops up to {@code count} (1 by
 * default) elements from the first of the keys that holds a list. Replies
 * {@code *2\r\n$<len>\r\n<key>\r\n*<n>\r\n} then n bulks; {@code *-1} if none of the keys holds a
 * list.
 *
 * <p>Errors, in Redis's order: {@code -ERR numkeys should be greater than 0} (also for a
 * non-number); {@code -ERR syntax error} (fewer keys than numkeys says, an end that is neither LEFT
 * nor RIGHT, an unknown or repeated option, COUNT without its value); {@code -ERR count should be
 * greater than 0}; then {@code -WRONGTYPE ...} for the first key, on the way, that holds another
 * type (keys after a list are not looked at).
 *
 * <p>Propagation: as {@code LPOP key n} or {@code RPOP key n}, n the number popped.
 *
 * <p>Redis: {@code t_list.c}, {@code lmpopCommand}, {@code lmpopGenericCommand} and
 * {@code mpopGenericCommand}; arity -4.
 */
public final class LmpopCommand implements CommandHandler {
    private static final byte[] LPOP = "LPOP".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] RPOP = "RPOP".getBytes(StandardCharsets.US_ASCII);

    private final SelectedDb db;

    private LmpopCommand(SelectedDb db) {
        this.db = db;
    }

    /** @return {@code lmpop}: arity -4, write movablekeys (so @slow), keys by numkeys (RW access delete) */
    public static CommandSpec spec(SelectedDb db) {
        return CommandSpec.builder("lmpop", -4)
                .flags(CommandFlag.WRITE, CommandFlag.MOVABLEKEYS)
                .acl(AclCategory.LIST)
                .keys(KeySpec.keynum(1, 0, 1, 1, KeySpec.Flag.RW, KeySpec.Flag.ACCESS, KeySpec.Flag.DELETE))
                .docs("Pop elements from a list", "7.0.0", "list",
                        "O(N+M) where N is the number of provided keys and M is the number of elements returned.")
                .handler(new LmpopCommand(db))
                .build();
    }

    @Override
    public void execute(CommandCall call) {
        long numkeys = IntegerArgument.requireInRange(call, 1, 1, Long.MAX_VALUE, "numkeys should be greater than 0");
        if (numkeys > call.argc() - 3) { // the keys and the end must be there
            throw new RedisError(ErrorReplies.SYNTAX);
        }
        int whereIndex = (int) (2 + numkeys);
        ListEnd end = ListEnd.parse(call.arg(whereIndex));
        long count = -1;
        for (int j = whereIndex + 1; j < call.argc(); j++) {
            boolean moreArgs = j + 1 < call.argc();
            if (count == -1 && call.argString(j).equalsIgnoreCase("count") && moreArgs) {
                count = IntegerArgument.requireInRange(call, ++j, 1, Long.MAX_VALUE, "count should be greater than 0");
            } else {
                throw new RedisError(ErrorReplies.SYNTAX);
            }
        }
        if (count == -1) {
            count = 1;
        }
        DataStore store = db.of(call.client()); // the client's selected database
        for (int k = 2; k < whereIndex; k++) {
            byte[] key = call.arg(k);
            ListValue list = (ListValue) store.lookup(key, ListValue.LIST); // WRONGTYPE stops the search
            if (list == null || list.size() == 0) {
                continue;
            }
            List<byte[]> popped = ListOps.pop(store, key, end, count);
            call.reply().arrayHeader(2).bulk(key).arrayHeader(popped.size()); // *2 key *<n> then n bulks
            for (byte[] element : popped) {
                call.reply().bulk(element);
            }
            call.propagateAs(List.of(end == ListEnd.LEFT ? LPOP : RPOP, key,
                    Long.toString(popped.size()).getBytes(StandardCharsets.US_ASCII)));
            return;
        }
        call.reply().nullArray();                  // *-1\r\n
    }
}
