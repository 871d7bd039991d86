package dev.redisfromscratch.sets;

import dev.redisfromscratch.encoding.EncodingLimits;
import dev.redisfromscratch.store.TypedValue;
import dev.redisfromscratch.store.ValueType;
import java.nio.ByteBuffer;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.function.Consumer;

/** A set in the keyspace. PLACEHOLDER BODY until the sets work is merged. */
public final class SetValue implements TypedValue {
    /** {@code TYPE}'s answer for a set. */
    public static final ValueType SET = new ValueType("set");

    private final Set<ByteBuffer> members = new LinkedHashSet<>();

    @Override
    public ValueType type() {
        return SET;
    }

    @Override
    public SetValue copy() {
        SetValue copy = new SetValue();
        copy.members.addAll(members);
        return copy;
    }

    @Override
    public String encoding() {
        return "hashtable";
    }

    /** @return the number of members */
    public int size() {
        return members.size();
    }

    /** @return whether the member was added */
    public boolean add(byte[] member, EncodingLimits limits) {
        return members.add(ByteBuffer.wrap(member.clone()));
    }

    /** Gives each member to {@code action}. */
    public void forEach(Consumer<byte[]> action) {
        members.forEach(b -> action.accept(b.array()));
    }
}
