package dev.redisfromscratch.lists;

import dev.redisfromscratch.encoding.EncodingLimits;
import dev.redisfromscratch.store.DataStore;
import java.util.ArrayList;
import java.util.List;

/**
 * The list operations several commands share: pop one or several elements, push one, move one
 * from a list to another. The list commands ({@code LPOP}, {@code LMOVE}, {@code LMPOP}, ...) and
 * the blocking pops, when they serve a blocked client, call these, so that the keyspace rules are
 * in one place: the WRONGTYPE check ({@link DataStore#lookup(byte[], dev.redisfromscratch.store.ValueType)}),
 * a list emptied by a pop deletes its key, every change is counted ({@link DataStore#modified}).
 *
 * <p>They neither reply nor propagate: the caller does.
 *
 * <p>Redis: {@code t_list.c}, {@code popGenericCommand}, {@code listPopRangeAndReplyWithKey},
 * {@code lmoveGenericCommand}, {@code lmoveHandlePush}.
 */
public final class ListOps {
    private ListOps() {
    }

    /**
     * Pops one element from an end of the list at {@code key} (LPOP, RPOP, and a served BLPOP).
     * <ul>
     *   <li>The list is found with {@code store.lookup(key, ListValue.LIST)}, which throws
     *       WRONGTYPE for another type; a missing key returns {@code null}.</li>
     *   <li>LEFT pops the head ({@link ListValue#popHead}), RIGHT the tail ({@link ListValue#popTail}).</li>
     *   <li>The change is counted with {@code store.modified(1)}, so that the command propagates.</li>
     *   <li>A list left empty must not stay in the keyspace: {@code store.delete(key)}.</li>
     * </ul>
     *
     * <p>Redis: {@code t_list.c}, {@code popGenericCommand} and {@code listElementsRemoved}.
     *
     * @param store the client's database
     * @param key the list's key
     * @param end which end to pop from
     * @return the element, or {@code null} if the key is missing
     * @throws dev.redisfromscratch.store.WrongTypeException if the key holds another type
     */
    public static byte[] pop(DataStore store, byte[] key, ListEnd end) {
        // BEGIN SOLUTION
        ListValue list = (ListValue) store.lookup(key, ListValue.LIST);
        if (list == null) {
            return null;
        }
        byte[] element = end == ListEnd.LEFT ? list.popHead() : list.popTail();
        store.modified(1);
        if (list.size() == 0) {
            store.delete(key);
        }
        return element;
        // END SOLUTION
        // STUB: throw new UnsupportedOperationException("TODO(lab6): stage 1: look up the list (WRONGTYPE), return null if missing, pop at the end, store.modified(1), delete the key if the list is empty");
    }

    /**
     * Pops up to {@code count} elements from an end of the list at {@code key}, in the order they
     * are popped (from the tail, the last element first). If that empties the list, the key is
     * deleted. Counts one change per element.
     *
     * @param count how many, &ge; 0 (0 pops nothing and returns an empty list)
     * @return the elements, or {@code null} if the key is missing
     * @throws dev.redisfromscratch.store.WrongTypeException if the key holds another type
     */
    public static List<byte[]> pop(DataStore store, byte[] key, ListEnd end, long count) {
        ListValue list = (ListValue) store.lookup(key, ListValue.LIST);
        if (list == null) {
            return null;
        }
        int n = (int) Math.min(count, list.size());
        List<byte[]> popped = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            popped.add(end == ListEnd.LEFT ? list.popHead() : list.popTail());
        }
        if (n > 0) {
            store.modified(n);
        }
        if (list.size() == 0) {
            store.delete(key);
        }
        return popped;
    }

    /**
     * Pushes one element at an end of the list at {@code key}, creating the list if the key is
     * missing. Counts one change.
     *
     * @param limits the encoding thresholds (a list may convert to a quicklist)
     * @return the list's length after the push
     * @throws dev.redisfromscratch.store.WrongTypeException if the key holds another type
     */
    public static long push(DataStore store, byte[] key, ListEnd end, byte[] element, EncodingLimits limits) {
        ListValue list = (ListValue) store.lookup(key, ListValue.LIST);
        if (list == null) {
            list = new ListValue();
            store.put(key, list);
        }
        if (end == ListEnd.LEFT) {
            list.pushHead(element, limits);
        } else {
            list.pushTail(element, limits);
        }
        store.modified(1);
        return list.size();
    }

    /**
     * LMOVE's effect: pops an element from an end of {@code source} and pushes it at an end of
     * {@code destination} (created if missing). The checks come in Redis's order: a missing source
     * moves nothing (whatever the destination holds); a source of another type, then a destination
     * of another type, throw WRONGTYPE before anything is popped. With {@code source} equal to
     * {@code destination} the list rotates. A source emptied by the move is deleted. Counts one
     * change.
     *
     * @param from the end of the source to pop from
     * @param to the end of the destination to push at
     * @return the element moved, or {@code null} if the source is missing
     * @throws dev.redisfromscratch.store.WrongTypeException if either key holds another type
     */
    public static byte[] move(DataStore store, byte[] source, ListEnd from, byte[] destination, ListEnd to,
                              EncodingLimits limits) {
        ListValue src = (ListValue) store.lookup(source, ListValue.LIST);
        if (src == null) {
            return null;
        }
        ListValue dst = (ListValue) store.lookup(destination, ListValue.LIST); // WRONGTYPE before the pop
        byte[] element = from == ListEnd.LEFT ? src.popHead() : src.popTail();
        if (dst == null) {
            dst = new ListValue();
            store.put(destination, dst);
        }
        if (to == ListEnd.LEFT) {
            dst.pushHead(element, limits);
        } else {
            dst.pushTail(element, limits);
        }
        if (src.size() == 0) {
            store.delete(source);
        }
        store.modified(1);
        return element;
    }
}
