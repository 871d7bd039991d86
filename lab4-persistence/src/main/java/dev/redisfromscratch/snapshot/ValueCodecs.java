package dev.redisfromscratch.snapshot;

import dev.redisfromscratch.store.ValueType;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The value types a server persists, by type: strings in lab 4; lab 6 registers lists and sets.
 *
 * <p>They also decide the snapshot format version ({@link #formatVersion()}): the writer writes it
 * and the reader reads every version from 1 up to it. Lab 4's codecs give version 1, so lab 4's
 * files are unchanged byte for byte; lab 6's give 2, so lab 4 refuses a file that may hold a list
 * ({@link SnapshotFormat}).
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
     * @return the snapshot format version these codecs write, and the highest they read: the highest
     *     {@link ValueCodec#formatVersion()} registered, and at least
     *     {@link SnapshotFormat#STRINGS_VERSION} (1)
     */
    public int formatVersion() {
        int version = SnapshotFormat.STRINGS_VERSION;
        for (ValueCodec codec : byName.values()) {
            version = Math.max(version, codec.formatVersion());
        }
        return version;
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
