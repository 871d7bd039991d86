package dev.redisfromscratch.lists;

import dev.redisfromscratch.encoding.EncodingLimits;
import dev.redisfromscratch.store.TypedValue;
import dev.redisfromscratch.store.ValueType;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.function.Consumer;

/**
 * A list in the keyspace. PLACEHOLDER BODY: the lists author replaces the ArrayDeque with the
 * listpack and quicklist encodings, keeping these method names.
 */
public final class ListValue implements TypedValue {
    /** {@code TYPE}'s answer for a list. */
    public static final ValueType LIST = new ValueType("list");

    private final Deque<byte[]> elements = new ArrayDeque<>();

    @Override
    public ValueType type() {
        return LIST;
    }

    @Override
    public ListValue copy() {
        ListValue copy = new ListValue();
        copy.elements.addAll(elements);
        return copy;
    }

    @Override
    public String encoding() {
        return "quicklist";
    }

    /** @return the number of elements */
    public int size() {
        return elements.size();
    }

    /** Adds an element at the head (LPUSH). */
    public void pushHead(byte[] element, EncodingLimits limits) {
        elements.addFirst(element);
    }

    /** Adds an element at the tail (RPUSH). */
    public void pushTail(byte[] element, EncodingLimits limits) {
        elements.addLast(element);
    }

    /** @return the head element, removed, or null if empty */
    public byte[] popHead() {
        return elements.pollFirst();
    }

    /** @return the tail element, removed, or null if empty */
    public byte[] popTail() {
        return elements.pollLast();
    }

    /**
     * Gives each element to {@code action}, head to tail. The arrays are the caller's to keep (a
     * copy, or an element no one changes). The persistence codec writes a list with it.
     */
    public void forEach(Consumer<byte[]> action) {
        elements.forEach(action);
    }
}
