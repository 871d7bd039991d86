package dev.redisfromscratch.strings;

import dev.redisfromscratch.command.CommandCall;
import dev.redisfromscratch.command.CommandHandler;
import dev.redisfromscratch.command.CommandSpec;
import dev.redisfromscratch.store.DataStore;
import dev.redisfromscratch.store.WrongTypeException;

/**
 * {@code GET key}: the string stored under {@code key}.
 *
 * <p>Replies {@code $<len>\r\n<bytes>\r\n}; {@code $-1} for a missing or expired key (an expired
 * key is deleted by this very lookup: lazy expiry); {@code -WRONGTYPE ...} if the key holds a list
 * or a set (lab 6).
 *
 * <p>Redis: {@code t_string.c}, {@code getCommand} → {@code getGenericCommand}; arity 2.
 */
public final class GetCommand implements CommandHandler {
    private final DataStore store;

    private GetCommand(DataStore store) {
        this.store = store;
    }

    /** @return the table row: {@code get}, arity 2, working on {@code store} */
    public static CommandSpec spec(DataStore store) {
        return new CommandSpec("get", 2, new GetCommand(store));
    }

    @Override
    public void execute(CommandCall call) {
        byte[] value;
        try {
            value = store.get(call.arg(1));
        } catch (WrongTypeException e) {
            call.reply().error(e.replyText());
            return;
        }
        if (value == null) {
            call.reply().nullBulk();        // $-1\r\n
        } else {
            call.reply().bulk(value);       // $<len>\r\n<bytes>\r\n
        }
    }
}
