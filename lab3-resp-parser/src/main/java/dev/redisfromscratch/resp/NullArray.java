package dev.redisfromscratch.resp;

/**
 * The null array {@code *-1\r\n}: "there is no array", as {@code LPOP key 1} replies for a
 * missing key. It is not the empty array, which is {@code *0\r\n}.
 *
 * <p>The record has no components, so every instance equals every other; use {@link #INSTANCE}.
 */
public record NullArray() implements RespValue {
    /** The one instance worth having. */
    public static final NullArray INSTANCE = new NullArray();
}
