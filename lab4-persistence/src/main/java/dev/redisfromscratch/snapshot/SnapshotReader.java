package dev.redisfromscratch.snapshot;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.redisfromscratch.store.DataStore;
import dev.redisfromscratch.store.Databases;
import dev.redisfromscratch.store.ExpiresIndex;
import java.io.IOException;
import java.io.InputStream;

/**
 * Reads a snapshot ({@link SnapshotFormat}) from a stream into a keyspace, one key at a time: the
 * course plan's {@code Persistence.load}, without the file handling ({@link SnapshotFile}).
 *
 * <pre>
 *   read(in, dbs, now)
 *     {"format":..., "version":v, "keys":[       header, checked: 1 &lt;= v &lt;= the codecs' version (given)
 *       {"select":n}                             the next keys go to database n, checked (given)
 *       readEntry(parser) for each key           one object (you write it)
 *       a key whose expireAt is before now       dropped and counted (given)
 *     ], "count":n}                              trailer, checked against the keys read (given)
 * </pre>
 *
 * <p>Anything unexpected (a missing field, a wrong token, the input ending early) is a
 * {@code JsonParseException} that carries the parser's location (line, column, byte offset);
 * {@link SnapshotFile#load} turns it into a one-line refusal.
 *
 * <p>Redis: {@code rdb.c}, {@code rdbLoadRio} (it also drops keys already expired, on a primary;
 * {@code RDB_OPCODE_SELECTDB} switches database, and a database the server does not have stops the
 * load: "FATAL: Data file was created with a Redis server configured to handle more than %d
 * databases").
 */
public final class SnapshotReader {
    private static final JsonFactory JSON = JsonFactory.builder().build();

    private final ValueCodecs codecs;

    /**
     * @param codecs how each value type is read, by its {@code "type"} name; they give the highest
     *     version read ({@link ValueCodecs#formatVersion()})
     */
    public SnapshotReader(ValueCodecs codecs) {
        this.codecs = codecs;
    }

    /** One key as read from the file. {@code expireAt} is Unix ms or {@link ExpiresIndex#NO_EXPIRE}. */
    public record Entry(byte[] key, Object value, long expireAt) {
    }

    /** What a load did: keys stored, and keys dropped because they had expired. */
    public record Counts(long loaded, long expired) {
    }

    /**
     * Reads a whole snapshot into {@code store}, one database: a file with a database marker other
     * than database 0's keys is refused ({@link #read(InputStream, Databases, long)}).
     *
     * @return how many keys were loaded and dropped
     * @throws com.fasterxml.jackson.core.JsonProcessingException as {@link #read(InputStream, Databases, long)}
     * @throws IOException if reading fails
     */
    public Counts read(InputStream in, DataStore store, long nowMillis) throws IOException {
        return read(in, Databases.single(store), nowMillis);
    }

    /**
     * Reads a whole snapshot into {@code dbs}, which should be empty: the keys before any database
     * marker into database 0, those after {@code {"select":n}} into database {@code n}.
     *
     * @param nowMillis the current Unix time in ms: keys that expired before it are dropped
     * @return how many keys were loaded and dropped, in all databases
     * @throws com.fasterxml.jackson.core.JsonProcessingException if the input is not a whole,
     *     well-formed snapshot of a version this code reads (with the location), or a marker names a
     *     database {@code dbs} does not have or does not come after the database being read
     *     ({@link SnapshotFormat})
     * @throws IOException if reading fails
     */
    public Counts read(InputStream in, Databases dbs, long nowMillis) throws IOException {
        try (PushbackParser json = new PushbackParser(JSON.createParser(in))) {
            expect(json, JsonToken.START_OBJECT, "{ at the start of a snapshot");
            expectField(json, SnapshotFormat.FORMAT_FIELD);
            if (json.nextToken() != JsonToken.VALUE_STRING || !SnapshotFormat.FORMAT.equals(json.getText())) {
                throw SnapshotFormat.error(json, "not a snapshot: \"format\" is not \"" + SnapshotFormat.FORMAT + "\"");
            }
            expectField(json, SnapshotFormat.VERSION_FIELD);
            expect(json, JsonToken.VALUE_NUMBER_INT, "a number for \"version\"");
            int version = json.getIntValue();
            int highest = codecs.formatVersion();
            if (version < SnapshotFormat.STRINGS_VERSION || version > highest) {
                throw SnapshotFormat.error(json, "snapshot version " + version + " is not one this server reads ("
                        + SnapshotFormat.STRINGS_VERSION + " to " + highest + ")");
            }
            expectField(json, SnapshotFormat.KEYS_FIELD);
            expect(json, JsonToken.START_ARRAY, "an array for \"keys\"");
            long loaded = 0;
            long expired = 0;
            int db = 0; // keys before any marker are database 0's
            DataStore store = dbs.db(0);
            while (json.nextToken() != JsonToken.END_ARRAY) {
                if (json.currentToken() != JsonToken.START_OBJECT) {
                    throw SnapshotFormat.error(json, "expected a key's object");
                }
                if (json.nextToken() == JsonToken.FIELD_NAME && SnapshotFormat.SELECT_FIELD.equals(json.currentName())) {
                    db = readSelect(json, dbs, db);
                    store = dbs.db(db);
                    continue;
                }
                json.backToObjectStart(); // a key: readEntry reads its object from the start
                Entry e = readEntry(json);
                if (e.expireAt() != ExpiresIndex.NO_EXPIRE && e.expireAt() < nowMillis) {
                    expired++; // expired while the server was down
                    continue;
                }
                restore(store, e);
                loaded++;
            }
            expectField(json, SnapshotFormat.COUNT_FIELD);
            expect(json, JsonToken.VALUE_NUMBER_INT, "a number for \"count\"");
            if (json.getLongValue() != loaded + expired) {
                throw SnapshotFormat.error(json, "\"count\" is " + json.getLongValue() + " but "
                        + (loaded + expired) + " keys were read");
            }
            expect(json, JsonToken.END_OBJECT, "} at the end of the snapshot");
            if (json.nextToken() != null) {
                throw SnapshotFormat.error(json, "data after the end of the snapshot");
            }
            return new Counts(loaded, expired);
        }
    }

    /**
     * Reads the rest of a database marker, {@code {"select":n}}; the parser is on its field name,
     * and is left on its {@code END_OBJECT}.
     *
     * @param current the database being read
     * @return {@code n}
     * @throws com.fasterxml.jackson.core.JsonParseException if {@code n} is not an integer, names a
     *     database {@code dbs} does not have, or is not greater than {@code current}
     */
    private static int readSelect(JsonParser json, Databases dbs, int current) throws IOException {
        if (json.nextToken() != JsonToken.VALUE_NUMBER_INT) {
            throw SnapshotFormat.error(json, "expected a database number for \"" + SnapshotFormat.SELECT_FIELD + "\"");
        }
        if (json.getNumberType() == JsonParser.NumberType.BIG_INTEGER || !dbs.exists(json.getLongValue())) {
            throw SnapshotFormat.error(json, "database " + json.getText() + " is out of range (this server has "
                    + dbs.count() + (dbs.count() == 1 ? " database)" : " databases)"));
        }
        int db = json.getIntValue();
        if (db <= current) {
            throw SnapshotFormat.error(json, "database " + db + " does not come after database " + current
                    + " (database 0's keys come first, with no marker; each other database's once, in increasing order)");
        }
        expect(json, JsonToken.END_OBJECT, "} after the database number");
        return db;
    }

    /**
     * Reads one key's object. The parser is on its {@code START_OBJECT}; leave it on its
     * {@code END_OBJECT}. The fields come in the order {@link SnapshotWriter#writeEntry} writes
     * them: {@code key}, {@code type}, {@code value}, then {@code expireAt} if the key has a TTL.
     *
     * @return the key, its value (read by the codec its {@code type} names, {@link ValueCodecs#forName})
     *     and its expire time, or {@link ExpiresIndex#NO_EXPIRE}
     * @throws com.fasterxml.jackson.core.JsonParseException (from {@link SnapshotFormat#error}) if a
     *     field is missing, out of order, of the wrong kind, or names an unknown type
     * @throws IOException if reading fails
     */
    Entry readEntry(JsonParser json) throws IOException {
        // BEGIN SOLUTION
        expectField(json, SnapshotFormat.KEY_FIELD);
        json.nextToken();
        byte[] key = SnapshotFormat.readBytes(json);
        expectField(json, SnapshotFormat.TYPE_FIELD);
        expect(json, JsonToken.VALUE_STRING, "a string for \"type\"");
        ValueCodec codec = codecs.forName(json.getText());
        if (codec == null) {
            throw SnapshotFormat.error(json, "unknown type \"" + json.getText() + "\"");
        }
        expectField(json, SnapshotFormat.VALUE_FIELD);
        json.nextToken();
        Object value = codec.read(json);
        long expireAt = ExpiresIndex.NO_EXPIRE;
        JsonToken next = json.nextToken();
        if (next == JsonToken.FIELD_NAME && SnapshotFormat.EXPIRE_AT_FIELD.equals(json.currentName())) {
            expect(json, JsonToken.VALUE_NUMBER_INT, "a number of ms for \"expireAt\"");
            expireAt = json.getLongValue();
            next = json.nextToken();
        }
        if (next != JsonToken.END_OBJECT) {
            throw SnapshotFormat.error(json, "expected the end of the key's object");
        }
        return new Entry(key, value, expireAt);
        // END SOLUTION
        // STUB: throw new UnsupportedOperationException("TODO(lab4): stage 2: read one key's object: key, type, value, and expireAt if present");
    }

    /** Stores a key read from the file: with its expire time, if it has one. */
    private static void restore(DataStore store, Entry e) {
        if (e.expireAt() != ExpiresIndex.NO_EXPIRE && e.value() instanceof byte[] string) {
            store.setExpireAt(e.key(), string, e.expireAt());
            return;
        }
        store.put(e.key(), e.value());
        if (e.expireAt() != ExpiresIndex.NO_EXPIRE) {
            store.expireAt(e.key(), e.expireAt());
        }
    }

    /**
     * Moves to the next token, which must be the field {@code name}.
     *
     * @throws com.fasterxml.jackson.core.JsonParseException otherwise, naming the field
     */
    static void expectField(JsonParser json, String name) throws IOException {
        if (json.nextToken() != JsonToken.FIELD_NAME || !name.equals(json.currentName())) {
            throw SnapshotFormat.error(json, "expected field \"" + name + "\"");
        }
    }

    /**
     * Moves to the next token, which must be {@code token}.
     *
     * @param why what the format has there, for the error: {@code expected <why>}
     * @throws com.fasterxml.jackson.core.JsonParseException otherwise
     */
    static void expect(JsonParser json, JsonToken token, String why) throws IOException {
        if (json.nextToken() != token) {
            throw SnapshotFormat.error(json, "expected " + why);
        }
    }
}
