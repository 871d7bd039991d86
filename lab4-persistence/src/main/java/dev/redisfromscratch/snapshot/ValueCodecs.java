package dev.redisfromscratch.snapshot;

import dev.redisfromscratch.store.ValueType;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The value types a server persists, by type: strings in lab 4; lab 6 registers lists and sets.
 */
public final class ValueCodecs {
    private final Map<String, ValueCodec> byName = new LinkedHashMap<>();

    /** @return the codecs of lab 4: strings only */
    public static ValueCodecs strings() {
        return new ValueCodecs().register(new StringCodec());
    }

    /** Adds a type (replacing one of the same name). */
    public ValueCodecs register(ValueCodec codec) {
        byName.put(codec.type().name(), codec);
        return this;
    }

    /**
     * @return the codec of {@code value}'s type
     * @throws IllegalStateException if no codec is registered for it (a bug: a lab added a type
     *     without its codec)
     */
    public ValueCodec of(Object value) {
        return forType(ValueType.of(value));
    }

    /** @return the codec for {@code type}; throws {@link IllegalStateException} if there is none */
    public ValueCodec forType(ValueType type) {
        ValueCodec codec = byName.get(type.name());
        if (codec == null) {
            throw new IllegalStateException("no snapshot codec for type " + type.name());
        }
        return codec;
    }

    /** @return the codec for a snapshot's {@code "type"} name, or {@code null} if unknown */
    public ValueCodec forName(String typeName) {
        return byName.get(typeName);
    }
}
