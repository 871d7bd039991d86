package dev.redisfromscratch.lists;

import dev.redisfromscratch.command.AclCategory;
import dev.redisfromscratch.command.CommandCall;
import dev.redisfromscratch.command.CommandFlag;
import dev.redisfromscratch.command.CommandHandler;
import dev.redisfromscratch.command.CommandSpec;
import dev.redisfromscratch.command.KeySpec;
import dev.redisfromscratch.encoding.EncodingLimits;
import dev.redisfromscratch.store.DataStore;
import dev.redisfromscratch.store.SelectedDb;

/**
 * {@code LPUSH key element [element ...]}, {@code RPUSH}, and their {@code X} forms, which push only
 * onto a list that exists. Each element is pushed in turn, so {@code LPUSH l a b c} leaves
 * {@code c b a}. Replies the list's length, {@code :<n>\r\n}; {@code :0} for an {@code X} form on a
 * missing key (nothing is created); {@code -WRONGTYPE ...} if the key holds another type (nothing is
 * pushed).
 *
 * <p>Propagation: as it is, when something was pushed.
 *
 * <p>Redis: {@code t_list.c}, {@code pushGenericCommand}; arity -3.
 */
public final class PushCommand implements CommandHandler {
    private static final String COMPLEXITY = "O(1) for each element added, so O(N) to add N elements when the "
            + "command is called with multiple arguments.";

    private final SelectedDb db;
    private final EncodingLimits limits;
    private final ListEnd end;
    private final boolean onlyIfExists;

    private PushCommand(SelectedDb db, EncodingLimits limits, ListEnd end, boolean onlyIfExists) {
        this.db = db;
        this.limits = limits;
        this.end = end;
        this.onlyIfExists = onlyIfExists;
    }

    /** @return {@code lpush}: arity -3, write denyoom fast, one key (RW insert) */
    public static CommandSpec lpush(SelectedDb db, EncodingLimits limits) {
        return spec("lpush", "Prepend one or multiple elements to a list", "1.0.0",
                new PushCommand(db, limits, ListEnd.LEFT, false));
    }

    /** @return {@code rpush}: arity -3, write denyoom fast, one key (RW insert) */
    public static CommandSpec rpush(SelectedDb db, EncodingLimits limits) {
        return spec("rpush", "Append one or multiple elements to a list", "1.0.0",
                new PushCommand(db, limits, ListEnd.RIGHT, false));
    }

    /** @return {@code lpushx}: arity -3, write denyoom fast, one key (RW insert) */
    public static CommandSpec lpushx(SelectedDb db, EncodingLimits limits) {
        return spec("lpushx", "Prepend an element to a list, only if the list exists", "2.2.0",
                new PushCommand(db, limits, ListEnd.LEFT, true));
    }

    /** @return {@code rpushx}: arity -3, write denyoom fast, one key (RW insert) */
    public static CommandSpec rpushx(SelectedDb db, EncodingLimits limits) {
        return spec("rpushx", "Append an element to a list, only if the list exists", "2.2.0",
                new PushCommand(db, limits, ListEnd.RIGHT, true));
    }

    private static CommandSpec spec(String name, String summary, String since, PushCommand handler) {
        return CommandSpec.builder(name, -3)
                .flags(CommandFlag.WRITE, CommandFlag.DENYOOM, CommandFlag.FAST)
                .acl(AclCategory.LIST)
                .keys(KeySpec.range(1, 0, 1, KeySpec.Flag.RW, KeySpec.Flag.INSERT))
                .docs(summary, since, "list", COMPLEXITY)
                .handler(handler)
                .build();
    }

    /**
     * Pushes {@code call.arg(2..)} onto the list at {@code call.arg(1)}, one by one, at this
     * command's end ({@link ListValue#pushHead} for LEFT, {@link ListValue#pushTail} for RIGHT).
     * <ul>
     *   <li>The key is looked up with {@code store.lookup(key, ListValue.LIST)}, which throws
     *       WRONGTYPE for another type.</li>
     *   <li>A missing key: the {@code X} forms ({@code onlyIfExists}) reply {@code :0} and stop;
     *       the others create an empty {@link ListValue} and {@code store.put} it.</li>
     *   <li>The pushes are counted with {@code store.modified(n)} (n elements), so the command is
     *       propagated.</li>
     *   <li>The reply is the list's length: {@code :<n>\r\n}.</li>
     * </ul>
     */
    @Override
    public void execute(CommandCall call) {
        // BEGIN SOLUTION
        DataStore store = db.of(call.client()); // the client's selected database
        byte[] key = call.arg(1);
        ListValue list = (ListValue) store.lookup(key, ListValue.LIST); // WRONGTYPE if not a list
        if (list == null) {
            if (onlyIfExists) {
                call.reply().integer(0);          // :0\r\n
                return;
            }
            list = new ListValue();
            store.put(key, list);
        }
        for (int i = 2; i < call.argc(); i++) {
            if (end == ListEnd.LEFT) {
                list.pushHead(call.arg(i), limits);
            } else {
                list.pushTail(call.arg(i), limits);
            }
        }
        store.modified(call.argc() - 2);
        call.reply().integer(list.size());        // :<length>\r\n
        // END SOLUTION
        // STUB: throw new UnsupportedOperationException("TODO(lab6): stage 1: look up the list (WRONGTYPE), reply :0 for an X form on a missing key or create it, push each element, store.modified(n), reply the length");
    }
}
