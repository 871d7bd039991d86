package dev.redisfromscratch.resp;

/**
 * The null bulk string {@code $-1\r\n}: "there is no value", as GET replies for a missing key.
 * redis-cli shows it as {@code (nil)}. It is not the empty string, which is {@code $0\r\n\r\n}.
 *
 * <p>The record has no components, so every instance equals every other; use {@link #INSTANCE}.
 */
public record NullBulkString() implements RespValue {
    /** The one instance worth having. */
    public static final NullBulkString INSTANCE = new NullBulkString();
}
