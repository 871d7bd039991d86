package dev.redisfromscratch.store;

/**
 * A keyspace value that is not a string: lab 6's lists and sets implement it, so that the store
 * can name their type ({@code TYPE}) and refuse a command meant for another type
 * ({@code -WRONGTYPE}) without knowing their classes.
 *
 * <p>Redis: {@code server.h}, {@code robj.type}.
 */
public interface TypedValue {
    /** @return the value's type, e.g. {@code list} */
    ValueType type();

    /**
     * {@code COPY}'s duplicate: a value of the same type and contents that shares nothing mutable
     * with this one, so that changing either leaves the other as it was.
     *
     * <p>Redis: {@code db.c}, {@code copyCommand} ({@code listTypeDup}, {@code setTypeDup}, ...).
     *
     * @return the copy
     */
    TypedValue copy();

    /**
     * {@code OBJECT ENCODING}'s answer: the name of the representation Redis 7.0 would use for this
     * value, e.g. {@code quicklist} for a list, {@code intset} or {@code hashtable} for a set.
     *
     * <p>Redis: {@code object.c}, {@code strEncoding}.
     *
     * @return the encoding's name
     */
    String encoding();
}
