package dev.redisfromscratch.store;

import dev.redisfromscratch.command.ErrorReplies;

/**
 * A command asked for one type of value and the key holds another: GET on a list, LPUSH on a
 * string. Commands answer it with {@code -WRONGTYPE Operation against a key holding the wrong kind
 * of value} ({@link ErrorReplies#WRONGTYPE}).
 *
 * <p>Lab 2 only stores strings, so only {@link DataStore#lookup(byte[], Class)} with a value
 * stored through {@link DataStore#put} can raise it; lab 6 adds lists and sets to the same
 * keyspace and this path starts to matter.
 *
 * <p>Redis: {@code object.c}, {@code checkType}.
 */
public final class WrongTypeException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** @param key the key that holds a value of another type */
    public WrongTypeException(Key key) {
        super(ErrorReplies.WRONGTYPE + " (key " + key + ")", null, false, false);
    }

    /** @return the error text to reply, without the leading {@code -} */
    public String replyText() {
        return ErrorReplies.WRONGTYPE;
    }
}
