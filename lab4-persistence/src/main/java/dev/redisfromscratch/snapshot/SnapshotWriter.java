package dev.redisfromscratch.snapshot;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.redisfromscratch.store.ExpiresIndex;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;

/**
 * Writes a snapshot ({@link SnapshotFormat}) to a stream, one key at a time: the course plan's
 * {@code Persistence.save}, without the file handling ({@link SnapshotFile} does that).
 *
 * <pre>
 *   write(out, source, now)
 *     {"format":..., "version":1, "keys":[        header (given)
 *       writeEntry(...) for each key              one object per live key (you write it)
 *     ], "count":n}                               trailer (given)
 * </pre>
 *
 * <p>Redis: {@code rdb.c}, {@code rdbSaveRio} (header), {@code rdbSaveDb} (the keys),
 * {@code rdbSaveKeyValuePair} (one key).
 */
public final class SnapshotWriter {
    private static final JsonFactory JSON = JsonFactory.builder().build();

    private final ValueCodecs codecs;

    /** @param codecs how each value type is written */
    public SnapshotWriter(ValueCodecs codecs) {
        this.codecs = codecs;
    }

    /**
     * Writes every key of {@code source} that has not expired at {@code nowMillis}, then flushes
     * {@code out} (it does not close it, and does not fsync: the caller does).
     *
     * @param nowMillis the current Unix time in ms
     * @return the number of keys written
     * @throws IOException if the output fails
     */
    public long write(OutputStream out, EntrySource source, long nowMillis) throws IOException {
        try (JsonGenerator json = JSON.createGenerator(out, JsonEncoding.UTF8)) {
            json.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
            json.writeStartObject();
            json.writeStringField(SnapshotFormat.FORMAT_FIELD, SnapshotFormat.FORMAT);
            json.writeNumberField(SnapshotFormat.VERSION_FIELD, SnapshotFormat.VERSION);
            json.writeFieldName(SnapshotFormat.KEYS_FIELD);
            json.writeStartArray();
            long[] written = {0};
            try {
                source.forEach((key, value, expireAt) -> {
                    try {
                        if (writeEntry(json, key.bytes(), value, expireAt, nowMillis)) {
                            written[0]++;
                        }
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
            } catch (UncheckedIOException e) {
                throw e.getCause();
            }
            json.writeEndArray();
            json.writeNumberField(SnapshotFormat.COUNT_FIELD, written[0]);
            json.writeEndObject();
            json.flush();
            return written[0];
        }
    }

    /**
     * Writes one key as
     * {@code {"key":<bytes>,"type":"<type>","value":<value>,"expireAt":<ms>}}, leaving out
     * {@code expireAt} for a key without a TTL, or writes nothing for a key that has already expired
     * (its expire time is before {@code nowMillis}).
     *
     * @param key the key's bytes ({@link SnapshotFormat#writeBytes})
     * @param value a {@code byte[]} string or a {@code TypedValue}: its codec ({@link ValueCodecs#of})
     *     writes it and names its type
     * @param expireAt Unix time in ms, or {@link ExpiresIndex#NO_EXPIRE}
     * @return whether the key was written
     * @throws IOException if the output fails
     */
    boolean writeEntry(JsonGenerator json, byte[] key, Object value, long expireAt, long nowMillis) throws IOException {
        // BEGIN SOLUTION
        if (expireAt != ExpiresIndex.NO_EXPIRE && expireAt < nowMillis) {
            return false; // expired: a snapshot never holds it
        }
        ValueCodec codec = codecs.of(value);
        json.writeStartObject();
        json.writeFieldName(SnapshotFormat.KEY_FIELD);
        SnapshotFormat.writeBytes(json, key);
        json.writeStringField(SnapshotFormat.TYPE_FIELD, codec.type().name());
        json.writeFieldName(SnapshotFormat.VALUE_FIELD);
        codec.write(json, value);
        if (expireAt != ExpiresIndex.NO_EXPIRE) {
            json.writeNumberField(SnapshotFormat.EXPIRE_AT_FIELD, expireAt);
        }
        json.writeEndObject();
        return true;
        // END SOLUTION
        // STUB: throw new UnsupportedOperationException("TODO(lab4): stage 1: write one key as {\"key\", \"type\", \"value\", \"expireAt\"}, or nothing if it has expired");
    }
}
