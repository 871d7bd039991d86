package dev.redisfromscratch.snapshot;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * The snapshot file's format: one JSON object, written and read as a stream of tokens (Jackson's
 * {@code JsonGenerator} and {@code JsonParser}), never built as a tree, so a million keys cost no
 * more memory to save or load than one.
 *
 * <pre>
 * {"format":"redis-from-scratch snapshot","version":1,
 *  "keys":[
 *   {"key":"user:1","type":"string","value":"alice"},
 *   {"key":"session:9","type":"string","value":{"base64":"AAEC/w=="},"expireAt":1767225600000},
 *   {"select":3},
 *   {"key":"cart:7","type":"string","value":"3 items"}
 *  ],
 *  "count":3}
 * </pre>
 *
 * <ul>
 *   <li>{@code format} and {@code version} come first, so a reader refuses another file, or a
 *       later version, before it reads any key.
 *   <li>{@code version} is decided by the value types the server persists, not by this class: each
 *       {@link ValueCodec} says the first version that knows its type ({@link ValueCodec#formatVersion()})
 *       and a writer writes the highest of its codecs' ({@link ValueCodecs#formatVersion()}). A reader
 *       reads every version from 1 up to that one, and refuses a later one with
 *       "snapshot version 2 is not one this server reads (1 to 1)". The versions so far:
 *       <table>
 *         <caption>Versions</caption>
 *         <tr><th>version</th><th>types</th><th>written by</th></tr>
 *         <tr><td>1</td><td>{@code string}</td><td>lab 4, lab 5</td></tr>
 *         <tr><td>2</td><td>also {@code list} and {@code set}: the value is a JSON array of
 *             elements, each in {@link #writeBytes}'s form</td><td>lab 6 and later</td></tr>
 *       </table>
 *       So lab 4 and lab 5 still write version 1 byte for byte, lab 6 loads their files unchanged,
 *       and a lab 6 file given to lab 4 is refused at its header, before any key, rather than at the
 *       first list.
 *   <li>Each key: {@code key}, {@code type} (as {@code TYPE} names it), {@code value}, then
 *       {@code expireAt} (absolute Unix time in ms) only for a key with a TTL, in this order.
 *   <li>Bytes ({@link #writeBytes}): valid UTF-8 is written as a JSON string, so text stays
 *       readable in the file; anything else is {@code {"base64":"..."}}, marked, never guessed.
 *   <li>{@code {"select":n}} (a <i>database marker</i>) says that the keys after it, up to the next
 *       marker or the end of the array, belong to database {@code n}; the keys before any marker
 *       belong to database 0. A server with one database writes no marker, so its file is the same,
 *       byte for byte, as one written before markers existed, and every such file loads unchanged.
 *       A server with several databases writes them in increasing order, each database's keys
 *       together, with a marker before the first key of each database other than 0; an empty
 *       database (or one whose keys have all expired) writes nothing. A reader refuses a marker
 *       whose {@code n} is not an integer, is not a database it has ({@code n < 0} or
 *       {@code n >= databases}: "database 3 is out of range (this server has 1 database)"), or does
 *       not come after the database it is reading (a repeated or backward marker, and
 *       {@code {"select":0}}, which the writer never writes). A marker followed by no key is
 *       accepted.
 *   <li>{@code count}, after the keys, is how many were written: a reader checks it, so a file cut
 *       after a whole key is still caught. Markers are not counted.
 * </ul>
 *
 * <p>Redis's RDB plays the same part in binary ({@code rdb.h}: the {@code REDIS0010} magic and
 * version, one type byte per key, {@code RDB_OPCODE_EXPIRETIME_MS}, a CRC64 at the end). The
 * marker is its {@code RDB_OPCODE_SELECTDB}, which {@code rdbSaveDb} writes before each non-empty
 * database's keys (database 0 too: here database 0 needs none) and {@code rdbLoadRio} refuses for
 * a database the server does not have; in the append-only file it is {@code SELECT n}.
 */
public final class SnapshotFormat {
    /** The value of {@code "format"}. */
    public static final String FORMAT = "redis-from-scratch snapshot";
    /**
     * Version 1: strings only, lab 4's. The version a server writes, and the highest it reads, is
     * not a constant: it comes from the value types it persists ({@link ValueCodecs#formatVersion()}),
     * and is 1 for lab 4's and 2 once lab 6 registers lists and sets.
     */
    public static final int STRINGS_VERSION = 1;
    /** Field names, in the order they are written. */
    public static final String FORMAT_FIELD = "format";
    /** The format version's field. */
    public static final String VERSION_FIELD = "version";
    /** The array of keys. */
    public static final String KEYS_FIELD = "keys";
    /** How many keys the array holds. */
    public static final String COUNT_FIELD = "count";
    /** A key's name. */
    public static final String KEY_FIELD = "key";
    /** A key's type: {@code string}, later {@code list}, {@code set}. */
    public static final String TYPE_FIELD = "type";
    /** A key's value. */
    public static final String VALUE_FIELD = "value";
    /** A key's expire time, Unix ms; only for keys with a TTL. */
    public static final String EXPIRE_AT_FIELD = "expireAt";
    /** The one field of a database marker, {@code {"select":n}}: the keys after it are database {@code n}'s. */
    public static final String SELECT_FIELD = "select";
    /** The field of the object that marks base64-encoded bytes. */
    public static final String BASE64_FIELD = "base64";

    private SnapshotFormat() {
    }

    /**
     * Writes bytes as one JSON value: a string when they are valid UTF-8, else
     * {@code {"base64":"<standard base64 with padding>"}}.
     *
     * @throws IOException if the output fails
     */
    public static void writeBytes(JsonGenerator out, byte[] bytes) throws IOException {
        // BEGIN SOLUTION
        if (isUtf8(bytes)) {
            out.writeUTF8String(bytes, 0, bytes.length); // "<text, JSON-escaped>"
        } else {
            out.writeStartObject();                       // {"base64":"<...>"}
            out.writeStringField(BASE64_FIELD, Base64.getEncoder().encodeToString(bytes));
            out.writeEndObject();
        }
        // END SOLUTION
        // STUB: throw new UnsupportedOperationException("TODO(lab4): stage 1: write the bytes as a JSON string if they are valid UTF-8, else as {\"base64\": ...}");
    }

    /**
     * Reads what {@link #writeBytes} wrote. The parser is on the value's first token, and is left
     * on its last one.
     *
     * @return the bytes
     * @throws IOException a {@code JsonParseException} (with the parser's location) if the value is
     *     neither a string nor a {@code {"base64": ...}} object, or the base64 is malformed
     */
    public static byte[] readBytes(JsonParser in) throws IOException {
        // BEGIN SOLUTION
        if (in.currentToken() == JsonToken.VALUE_STRING) {
            return textBytes(in);
        }
        if (in.currentToken() != JsonToken.START_OBJECT
                || in.nextToken() != JsonToken.FIELD_NAME || !BASE64_FIELD.equals(in.currentName())
                || in.nextToken() != JsonToken.VALUE_STRING) {
            throw error(in, "expected a string or {\"base64\": ...}");
        }
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(in.getText());
        } catch (IllegalArgumentException e) {
            throw error(in, "malformed base64: " + e.getMessage());
        }
        if (in.nextToken() != JsonToken.END_OBJECT) {
            throw error(in, "expected } after the base64 string");
        }
        return bytes;
        // END SOLUTION
        // STUB: throw new UnsupportedOperationException("TODO(lab4): stage 2: read a JSON string (its UTF-8 bytes) or a {\"base64\": ...} object");
    }

    /**
     * The UTF-8 bytes of the string the parser is on, without making a {@code String} of it first:
     * a million keys loaded make two million fewer objects for the collector. ASCII, the usual
     * case, is copied char by char; anything else goes through a {@code String}.
     *
     * @throws IOException if the parser cannot give the text
     */
    public static byte[] textBytes(JsonParser in) throws IOException {
        char[] chars = in.getTextCharacters();
        int offset = in.getTextOffset();
        int length = in.getTextLength();
        byte[] ascii = new byte[length];
        for (int i = 0; i < length; i++) {
            char c = chars[offset + i];
            if (c >= 0x80) {
                return new String(chars, offset, length).getBytes(StandardCharsets.UTF_8);
            }
            ascii[i] = (byte) c;
        }
        return ascii;
    }

    /**
     * @return whether {@code bytes} are well-formed UTF-8 (no overlong forms, no surrogates), so
     *     that decoding and re-encoding them gives the same bytes
     */
    public static boolean isUtf8(byte[] bytes) {
        for (byte b : bytes) {
            if (b < 0) {
                try {
                    StandardCharsets.UTF_8.newDecoder()
                            .onMalformedInput(CodingErrorAction.REPORT)
                            .onUnmappableCharacter(CodingErrorAction.REPORT)
                            .decode(ByteBuffer.wrap(bytes));
                    return true;
                } catch (CharacterCodingException e) {
                    return false;
                }
            }
        }
        return true; // ASCII
    }

    /**
     * @param in the parser, whose current location the error names
     * @param what what was wrong, e.g. {@code expected field "key"}
     * @return an exception to throw: Jackson's own kind, so that its line, column and byte offset
     *     reach the one-line report ({@link SnapshotFormatException})
     */
    public static JsonParseException error(JsonParser in, String what) {
        return new JsonParseException(in, what);
    }
}
