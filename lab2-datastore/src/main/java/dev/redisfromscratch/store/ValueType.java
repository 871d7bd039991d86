package dev.redisfromscratch.store;

/**
 * The type of a value in the keyspace, as {@code TYPE key} names it: {@code string} in lab 2,
 * {@code list} and {@code set} from lab 6.
 *
 * <p>A string is stored as the client's {@code byte[]} itself, with no wrapper and no type field, so
 * the type model adds no bytes to a string key (the memory report shows it). Every other value is a
 * {@link TypedValue} that names its own type. {@link #of} tells them apart with one class check,
 * which is all a WRONGTYPE check costs.
 *
 * <p>Redis: {@code server.h}, {@code robj.type} ({@code OBJ_STRING}, {@code OBJ_LIST},
 * {@code OBJ_SET}, ...); {@code db.c}, {@code typeCommand}; {@code object.c}, {@code checkType}.
 *
 * @param name the name {@code TYPE} replies, e.g. {@code "string"}
 */
public record ValueType(String name) {
    /** Strings: stored as {@code byte[]}. */
    public static final ValueType STRING = new ValueType("string");

    /**
     * @param value a value stored in the keyspace: a {@code byte[]} or a {@link TypedValue}
     * @return its type
     * @throws IllegalArgumentException for anything else (a bug: the store only holds these)
     */
    public static ValueType of(Object value) {
        if (value instanceof byte[]) {
            return STRING;
        }
        if (value instanceof TypedValue typed) {
            return typed.type();
        }
        throw new IllegalArgumentException("not a keyspace value: " + value.getClass().getName());
    }
}
