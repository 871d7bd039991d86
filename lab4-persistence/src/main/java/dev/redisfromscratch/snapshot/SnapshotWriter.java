package dev.redisfromscratch.snapshot;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.io.SerializedString;
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
 *     {"format":..., "version":v, "keys":[        header, v from the codecs (given)
 *       for each database, in order:
 *         {"select":n}                            before its first live key, if n is not 0 (given)
 *         writeEntry(...) for each key            one object per live key (you write it)
 *     ], "count":n}                               trailer (given)
 * </pre>
 *
 * <p>Redis: {@code rdb.c}, {@code rdbSaveRio} (header), {@code rdbSaveDb} (one database:
 * {@code RDB_OPCODE_SELECTDB}, then its keys), {@code rdbSaveKeyValuePair} (one key).
 */
public final class SnapshotWriter {
    private static final JsonFactory JSON = JsonFactory.builder().build();
    // each key's field names, encoded once rather than once per key
    private static final SerializedString KEY = new SerializedString(SnapshotFormat.KEY_FIELD);
    private static final SerializedString TYPE = new SerializedString(SnapshotFormat.TYPE_FIELD);
    private static final SerializedString VALUE = new SerializedString(SnapshotFormat.VALUE_FIELD);
    private static final SerializedString EXPIRE_AT = new SerializedString(SnapshotFormat.EXPIRE_AT_FIELD);
    private static final SerializedString SELECT = new SerializedString(SnapshotFormat.SELECT_FIELD);

    private final ValueCodecs codecs;

    /** @param codecs how each value type is written; they give the version written ({@link ValueCodecs#formatVersion()}) */
    public SnapshotWriter(ValueCodecs codecs) {
        this.codecs = codecs;
    }

    /**
     * Writes every key of {@code source} that has not expired at {@code nowMillis}, database by
     * database, with a marker {@code {"select":n}} before the first key written of each database
     * {@code n} other than 0 ({@link SnapshotFormat}); then flushes {@code out} (it does not close
     * it, and does not fsync: the caller does). A one-database source writes no marker.
     *
     * @param nowMillis the current Unix time in ms
     * @return the number of keys written (markers are not counted)
     * @throws IOException if the output fails
     */
    public long write(OutputStream out, EntrySource source, long nowMillis) throws IOException {
        try (JsonGenerator json = JSON.createGenerator(out, JsonEncoding.UTF8)) {
            json.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
            json.writeStartObject();
            json.writeStringField(SnapshotFormat.FORMAT_FIELD, SnapshotFormat.FORMAT);
            json.writeNumberField(SnapshotFormat.VERSION_FIELD, codecs.formatVersion());
            json.writeFieldName(SnapshotFormat.KEYS_FIELD);
            json.writeStartArray();
            long[] written = {0};
            try {
                for (int db = 0; db < source.databaseCount(); db++) {
                    int number = db;
                    boolean[] selected = {db == 0}; // database 0's keys need no marker
                    source.forEach(db, (key, value, expireAt) -> {
                        try {
                            if (!selected[0] && (expireAt == ExpiresIndex.NO_EXPIRE || expireAt >= nowMillis)) {
                                writeSelect(json, number); // before the database's first key written
                                selected[0] = true;
                            }
                            if (writeEntry(json, key.bytes(), value, expireAt, nowMillis)) {
                                written[0]++;
                            }
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                    });
                }
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
     * Writes a database marker, {@code {"select":<db>}}: the keys after it are database {@code db}'s.
     *
     * <p>Redis: {@code rdb.c}, {@code rdbSaveDb} ({@code RDB_OPCODE_SELECTDB}).
     */
    private static void writeSelect(JsonGenerator json, int db) throws IOException {
        json.writeStartObject();
        json.writeFieldName(SELECT);
        json.writeNumber(db);
        json.writeEndObject();
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
        json.writeFieldName(KEY);
        SnapshotFormat.writeBytes(json, key);
        json.writeFieldName(TYPE);
        json.writeString(codec.type().name());
        json.writeFieldName(VALUE);
        codec.write(json, value);
        if (expireAt != ExpiresIndex.NO_EXPIRE) {
            json.writeFieldName(EXPIRE_AT);
            json.writeNumber(expireAt);
        }
        json.writeEndObject();
        return true;
        // END SOLUTION
        // STUB: throw new UnsupportedOperationException("TODO(lab4): stage 1: write one key as {\"key\", \"type\", \"value\", \"expireAt\"}, or nothing if it has expired");
    }
}
