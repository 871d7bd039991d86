package dev.redisfromscratch.sets;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;

/**
 * The members of a listpack-encoded set, in the order they were added: what {@link SetValue} needs
 * of a listpack (search, append, delete, read by index), in one place, so that the set's rules do
 * not depend on how the entries are packed. Membership is a linear search, as in Redis
 * ({@code lpFind}): a listpack set is small by construction.
 *
 * <p>Redis: {@code listpack.c} ({@code lpFind}, {@code lpAppend}, {@code lpDelete},
 * {@code lpSeek}), as {@code t_set.c} uses it.
 */
final class ListpackMembers {
    private final List<byte[]> entries;

    ListpackMembers() {
        this.entries = new ArrayList<>();
    }

    private ListpackMembers(List<byte[]> entries) {
        this.entries = entries;
    }

    int size() {
        return entries.size();
    }

    boolean contains(byte[] member) {
        return indexOf(member) >= 0;
    }

    void append(byte[] member) {
        entries.add(member);
    }

    boolean remove(byte[] member) {
        int at = indexOf(member);
        if (at < 0) {
            return false;
        }
        entries.remove(at);
        return true;
    }

    byte[] get(int index) {
        return entries.get(index);
    }

    void forEach(Consumer<byte[]> action) {
        entries.forEach(action);
    }

    ListpackMembers copy() {
        return new ListpackMembers(new ArrayList<>(entries));
    }

    private int indexOf(byte[] member) {
        for (int i = 0; i < entries.size(); i++) {
            if (Arrays.equals(entries.get(i), member)) {
                return i;
            }
        }
        return -1;
    }
}
