package dev.redisfromscratch.snapshot;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import dev.redisfromscratch.store.ValueType;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Consumer;

/**
 * Strings: a {@code byte[]} that no command changes in place (a write stores a new array), so
 * freezing one costs nothing. Its JSON is {@link SnapshotFormat#writeBytes}'s; its rewrite is
 * {@code SET key value}.
 *
 * <p>Redis: {@code rdb.c}, {@code RDB_TYPE_STRING}; {@code aof.c}, {@code rewriteAppendOnlyFileRio}
 * ({@code SET} for {@code OBJ_STRING}).
 */
public final class StringCodec implements ValueCodec {
    private static final byte[] SET = "SET".getBytes(StandardCharsets.US_ASCII);

    @Override
    public ValueType type() {
        return ValueType.STRING;
    }

    @Override
    public Object freeze(Object value) {
        return value;
    }

    @Override
    public void write(JsonGenerator out, Object value) throws IOException {
        SnapshotFormat.writeBytes(out, (byte[]) value);
    }

    @Override
    public Object read(JsonParser in) throws IOException {
        return SnapshotFormat.readBytes(in);
    }

    @Override
    public void rewrite(byte[] key, Object value, Consumer<List<byte[]>> commands) {
        commands.accept(List.of(SET, key, (byte[]) value));
    }
}
