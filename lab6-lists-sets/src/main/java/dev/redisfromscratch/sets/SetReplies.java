package dev.redisfromscratch.sets;

import dev.redisfromscratch.command.CommandCall;
import dev.redisfromscratch.store.DataStore;
import java.util.List;

/**
 * What the set commands share: finding a key's set (the one WRONGTYPE check is the store's) and
 * writing a list of members as a RESP array.
 */
final class SetReplies {
    private SetReplies() {
    }

    /**
     * @return the set under {@code key}, or null if the key is missing
     * @throws dev.redisfromscratch.store.WrongTypeException if it holds another type (the pipeline
     *     answers {@code -WRONGTYPE ...})
     */
    static SetValue lookup(DataStore store, byte[] key) {
        return (SetValue) store.lookup(key, SetValue.SET);
    }

    /** Writes {@code *<n>\r\n} then one {@code $<len>\r\n<member>\r\n} per member. */
    static void members(CommandCall call, List<byte[]> members) {
        call.reply().arrayHeader(members.size());
        for (byte[] member : members) {
            call.reply().bulk(member);
        }
    }
}
