package dev.redisfromscratch.snapshot;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import dev.redisfromscratch.encoding.EncodingLimits;
import dev.redisfromscratch.lists.ListValue;
import dev.redisfromscratch.store.ValueType;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Consumer;

/**
 * Lists in the snapshot and the append-only file's rewrite.
 *
 * <pre>
 *   snapshot   {"key":"queue","type":"list","value":["a","b",{"base64":"/w=="}]}   head first
 *   rewrite    RPUSH queue e1 .. e64, RPUSH queue e65 .. e128, ...                  64 per command
 * </pre>
 *
 * <ul>
 *   <li>{@link #freeze}: a copy ({@link ListValue#copy()}). A list changes in place ({@code LPUSH}
 *       adds to the same value), so without the copy a {@code BGSAVE} would write what the list
 *       holds when the background thread reaches it, not what it held when the save began.
 *   <li>The value: a JSON array of the elements, head first, each as
 *       {@link SnapshotFormat#writeBytes} writes bytes; it needs snapshot version 2
 *       ({@link #formatVersion()}), so lab 4 refuses the file at its header.
 *   <li>{@link #read}: the list is rebuilt by pushing each element at the tail with the server's
 *       {@link EncodingLimits}, so its encoding after a load is the one the rules give for its
 *       contents now (a {@code listpack} while it fits one node, else a {@code quicklist}),
 *       whatever it was when saved. An empty array is refused: the keyspace holds no empty list.
 *   <li>{@link #rewrite}: {@code RPUSH} commands of at most {@value CollectionCodecs#ITEMS_PER_COMMAND} elements,
 *       so that replaying a long list never builds one huge command.
 * </ul>
 *
 * <p>Redis: {@code rdb.c}, {@code rdbSaveObject} / {@code rdbLoadObject} for
 * {@code RDB_TYPE_LIST_QUICKLIST_2}; {@code aof.c}, {@code rewriteListObject} and
 * {@code AOF_REWRITE_ITEMS_PER_CMD} (64, in {@code server.h}).
 */
public final class ListCodec implements ValueCodec {
    /** The snapshot version that first holds lists. */
    public static final int FORMAT_VERSION = 2;

    private static final byte[] RPUSH = "RPUSH".getBytes(StandardCharsets.US_ASCII);

    private final EncodingLimits limits;

    /** @param limits the server's thresholds, read when a list is rebuilt by {@link #read} */
    public ListCodec(EncodingLimits limits) {
        this.limits = limits;
    }

    @Override
    public ValueType type() {
        return ListValue.LIST;
    }

    /** @return 2: version 1 files hold strings only */
    @Override
    public int formatVersion() {
        return FORMAT_VERSION;
    }

    /** @return a copy of the list, which later commands cannot change */
    @Override
    public Object freeze(Object value) {
        return ((ListValue) value).copy();
    }

    /** Writes {@code [e1,e2,...]}, head first (the generator is after {@code "value":}). */
    @Override
    public void write(JsonGenerator out, Object value) throws IOException {
        CollectionCodecs.writeArray(out, ((ListValue) value)::forEach);
    }

    /**
     * @return a new list of the array's elements, head first, encoded by the server's limits now
     * @throws IOException a {@code JsonParseException} if the value is not a non-empty array of
     *     {@link SnapshotFormat#writeBytes} values
     */
    @Override
    public Object read(JsonParser in) throws IOException {
        ListValue list = new ListValue();
        CollectionCodecs.readArray(in, "list", e -> list.pushTail(e, limits));
        return list;
    }

    /** Emits {@code RPUSH key e1 .. e64} for each 64 elements, head first, the last with the rest. */
    @Override
    public void rewrite(byte[] key, Object value, Consumer<List<byte[]>> commands) {
        CollectionCodecs.rewriteInBatches(RPUSH, key, ((ListValue) value)::forEach, commands);
    }
}
