package dev.redisfromscratch.snapshot;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import dev.redisfromscratch.encoding.EncodingLimits;
import dev.redisfromscratch.sets.SetValue;
import dev.redisfromscratch.store.ValueType;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Consumer;

/**
 * Sets in the snapshot and the append-only file's rewrite.
 *
 * <pre>
 *   snapshot   {"key":"tags","type":"set","value":["1","2","red"]}     in the set's own order
 *   rewrite    SADD tags m1 .. m64, SADD tags m65 .. m128, ...          64 per command
 * </pre>
 *
 * <ul>
 *   <li>{@link #freeze}: a copy ({@link SetValue#copy()}): {@code SADD} and {@code SREM} change a
 *       set in place, and a {@code BGSAVE} must write the set as it was when the save began.
 *   <li>The value: a JSON array of the members, in whatever order the set visits them (an intset's
 *       is ascending), each in {@link SnapshotFormat#writeBytes}'s form; it needs snapshot version 2
 *       ({@link #formatVersion()}).
 *   <li>{@link #read}: the set is rebuilt by adding each member in turn with the server's
 *       {@link EncodingLimits} ({@link SetValue#add}, as {@code SADD key m} once per member would),
 *       so its encoding after a load is the one the rules give now, whatever it was when saved: an
 *       {@code intset} while every member is an integer and there are at most
 *       {@code set-max-intset-entries}, a {@code listpack} within {@code set-max-listpack-entries}
 *       and {@code set-max-listpack-value}, else a {@code hashtable}; an intset that outgrows its
 *       limit becomes a hash table. With {@code set-max-intset-entries} at least
 *       {@code set-max-listpack-entries} (the defaults, 512 and 128) this is the encoding Redis 7.2's
 *       load gives; below it, Redis's load may choose a hash table at once for a set that ends as
 *       a listpack here. An empty array is refused.
 *   <li>{@link #rewrite}: {@code SADD} commands of at most {@value CollectionCodecs#ITEMS_PER_COMMAND}
 *       members.
 * </ul>
 *
 * <p>Redis: {@code rdb.c}, {@code rdbSaveObject} / {@code rdbLoadObject} for {@code RDB_TYPE_SET},
 * {@code RDB_TYPE_SET_INTSET} and (7.2) {@code RDB_TYPE_SET_LISTPACK}; {@code aof.c},
 * {@code rewriteSetObject}.
 */
public final class SetCodec implements ValueCodec {
    /** The snapshot version that first holds sets. */
    public static final int FORMAT_VERSION = 2;

    private static final byte[] SADD = "SADD".getBytes(StandardCharsets.US_ASCII);

    private final EncodingLimits limits;

    /** @param limits the server's thresholds, read when a set is rebuilt by {@link #read} */
    public SetCodec(EncodingLimits limits) {
        this.limits = limits;
    }

    @Override
    public ValueType type() {
        return SetValue.SET;
    }

    /** @return 2: version 1 files hold strings only */
    @Override
    public int formatVersion() {
        return FORMAT_VERSION;
    }

    /** @return a copy of the set, which later commands cannot change */
    @Override
    public Object freeze(Object value) {
        return ((SetValue) value).copy();
    }

    /** Writes {@code [m1,m2,...]} (the generator is after {@code "value":}). */
    @Override
    public void write(JsonGenerator out, Object value) throws IOException {
        CollectionCodecs.writeArray(out, ((SetValue) value)::forEach);
    }

    /**
     * @return a new set of the array's members, encoded by the server's limits now
     * @throws IOException a {@code JsonParseException} if the value is not a non-empty array of
     *     {@link SnapshotFormat#writeBytes} values
     */
    @Override
    public Object read(JsonParser in) throws IOException {
        SetValue set = new SetValue();
        CollectionCodecs.readArray(in, "set", m -> set.add(m, limits));
        return set;
    }

    /** Emits {@code SADD key m1 .. m64} for each 64 members, the last with the rest. */
    @Override
    public void rewrite(byte[] key, Object value, Consumer<List<byte[]>> commands) {
        CollectionCodecs.rewriteInBatches(SADD, key, ((SetValue) value)::forEach, commands);
    }
}
