package dev.redisfromscratch.store;

import dev.redisfromscratch.protocol.RedisError;

/**
 * A command asked for one type of value and the key holds another: GET on a list, LPUSH on a
 * string. It is a {@link RedisError}, so a command need not catch it: the command pipeline answers
 * {@code -WRONGTYPE Operation against a key holding the wrong kind of value} for it.
 *
 * <p>The store raises it, in one place ({@link DataStore#lookup(byte[], ValueType)}); lab 6's list
 * and set commands go through the same check.
 *
 * <p>Redis: {@code object.c}, {@code checkType}; {@code server.c}, {@code shared.wrongtypeerr}.
 */
public final class WrongTypeException extends RedisError {
    /** The reply, without the leading {@code -}. */
    public static final String WRONGTYPE = "WRONGTYPE Operation against a key holding the wrong kind of value";

    private static final long serialVersionUID = 1L;

    /** A WRONGTYPE error. */
    public WrongTypeException() {
        super(WRONGTYPE);
    }
}
