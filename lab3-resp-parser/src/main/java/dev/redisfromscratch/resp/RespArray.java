package dev.redisfromscratch.resp;

import java.util.Arrays;
import java.util.List;

/**
 * An array: {@code *<count>\r\n} followed by {@code count} values of any type, arrays included.
 *
 * <pre>
 *   *2\r\n                 two elements:
 *     $3\r\nGET\r\n          a bulk string
 *     *1\r\n:7\r\n           a nested array holding one integer
 * </pre>
 *
 * <p>Every request a client sends is an array of bulk strings; see
 * {@link Protocol#encodeCommand(String...)}.
 *
 * @param elements the values in order; an unmodifiable copy is kept, null elements are rejected
 *     (use {@link NullBulkString} or {@link NullArray})
 */
public record RespArray(List<RespValue> elements) implements RespValue {
    /** The empty array {@code *0\r\n}. */
    public static final RespArray EMPTY = new RespArray(List.of());

    /** @throws NullPointerException if the list or any element is null */
    public RespArray {
        elements = List.copyOf(elements);
    }

    /** @return an array of the given values, in order */
    public static RespArray of(RespValue... elements) {
        return new RespArray(Arrays.asList(elements));
    }

    /** @return the number of elements */
    public int size() {
        return elements.size();
    }

    /** @return element {@code i}, counting from 0 */
    public RespValue get(int i) {
        return elements.get(i);
    }
}
