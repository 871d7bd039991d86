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
}
