package dev.redisfromscratch.sets;

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
 * {@code SMOVE source destination member}: moves {@code member} from one set to another, replies
 * {@code :1} if it was a member of {@code source}, {@code :0} if not (nothing changes).
 *
 * <ul>
 *   <li>A missing {@code source}: {@code :0}, whatever {@code destination} holds.</li>
 *   <li>{@code source} or {@code destination} of another type: {@code -WRONGTYPE ...}.</li>
 *   <li>{@code source} and {@code destination} the same key: {@code :1} if it is a member, else
 *       {@code :0}; nothing changes.</li>
 *   <li>An emptied {@code source} is deleted; a missing {@code destination} is created
 *       ({@link SetValue#create} with that one member).</li>
 * </ul>
 *
 * <p>Propagation: as sent, when the member moved.
 *
 * <p>Redis: {@code t_set.c}, {@code smoveCommand}; arity 4.
 */
public final class SmoveCommand implements CommandHandler {
    private final SelectedDb db;
    private final EncodingLimits limits;

    private SmoveCommand(SelectedDb db, EncodingLimits limits) {
        this.db = db;
        this.limits = limits;
    }

    /** @return the table row: {@code smove}, arity 4, write fast, source (RW access delete) and destination (RW insert) */
    public static CommandSpec spec(SelectedDb db, EncodingLimits limits) {
        return CommandSpec.builder("smove", 4)
                .flags(CommandFlag.WRITE, CommandFlag.FAST)
                .acl(AclCategory.SET)
                .keys(KeySpec.range(1, 0, 1, KeySpec.Flag.RW, KeySpec.Flag.ACCESS, KeySpec.Flag.DELETE))
                .keys(KeySpec.range(2, 0, 1, KeySpec.Flag.RW, KeySpec.Flag.INSERT))
                .docs("Move a member from one set to another", "1.0.0", "set", "O(1)")
                .handler(new SmoveCommand(db, limits))
                .build();
    }

    @Override
    public void execute(CommandCall call) {
        DataStore store = db.of(call.client());
        byte[] sourceKey = call.arg(1);
        byte[] destinationKey = call.arg(2);
        byte[] member = call.arg(3);
        Object source = store.lookup(sourceKey);
        if (source == null) {
            call.reply().integer(0);                                  // :0\r\n
            return;
        }
        SetValue from = SetReplies.lookup(store, sourceKey);          // WRONGTYPE
        SetValue to = SetReplies.lookup(store, destinationKey);       // WRONGTYPE
        if (from == to) {
            call.reply().integer(from.contains(member) ? 1 : 0);      // :1 or :0, nothing changes
            return;
        }
        if (!from.remove(member)) {
            call.reply().integer(0);                                  // :0\r\n
            return;
        }
        store.modified(1);
        if (from.size() == 0) {
            store.delete(sourceKey);
        }
        if (to == null) {
            to = SetValue.create(member, 1, limits);
            to.add(member, limits);
            store.put(destinationKey, to);
        } else if (to.add(member, limits)) {
            store.modified(1);
        }
        call.reply().integer(1);                                      // :1\r\n
    }
}
