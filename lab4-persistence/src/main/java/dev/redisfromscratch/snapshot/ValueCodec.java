package dev.redisfromscratch.snapshot;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import dev.redisfromscratch.store.ValueType;
import java.io.IOException;
import java.util.List;
import java.util.function.Consumer;

/**
 * How one value type is persisted: frozen for a point-in-time save, written to and read from the
 * snapshot's {@code "value"} field, and rewritten as commands for the append-only file. Lab 4
 * registers strings ({@link StringCodec}); lab 6 adds lists and sets through {@link ValueCodecs}
 * without touching the snapshot code.
 *
 * <p>Redis: {@code rdb.c}, {@code rdbSaveObject} / {@code rdbLoadObject} (one case per type);
 * {@code aof.c}, {@code rewriteAppendOnlyFileRio} (one case per type).
 */
public interface ValueCodec {
    /** @return the type this codec handles; its {@code name()} is the snapshot's {@code "type"} */
    ValueType type();

    /**
     * The first snapshot format version whose readers know this type: a file holding it must say
     * at least this version, so that a server without the type refuses the file at its header
     * (with {@link SnapshotReader}'s clear error) instead of stopping at an unknown {@code "type"}
     * half-way through. {@link ValueCodecs#formatVersion()} is the highest of its codecs'.
     *
     * @return {@link SnapshotFormat#STRINGS_VERSION} (1) for lab 4's strings, the default; lab 6's
     *     lists and sets answer 2
     */
    default int formatVersion() {
        return SnapshotFormat.STRINGS_VERSION;
    }

    /**
     * @param value a value of this type, from the keyspace
     * @return a value that later commands cannot change: the value itself if it is never changed in
     *     place (a string's {@code byte[]}), else a copy. Called on the server thread.
     */
    Object freeze(Object value);

    /**
     * Writes the value as one JSON value (the generator is positioned after {@code "value":}).
     *
     * @throws IOException if the output fails
     */
    void write(JsonGenerator out, Object value) throws IOException;

    /**
     * Reads the value written by {@link #write}; the parser is on its first token.
     *
     * @throws IOException if the input is not such a value ({@code JsonParseException} gives where)
     */
    Object read(JsonParser in) throws IOException;

    /**
     * @param key the key
     * @param value the value, frozen
     * @param commands receives the commands that rebuild the key, each name first (a string:
     *     {@code SET key value})
     */
    void rewrite(byte[] key, Object value, Consumer<List<byte[]>> commands);
}
