package dev.redisfromscratch.snapshot;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.redisfromscratch.encoding.EncodingLimits;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.function.Consumer;

/**
 * Lab 6's persisted types, registered in one call ({@link #register}), and what their two codecs
 * share: a collection's snapshot value is a JSON array of its elements in
 * {@link SnapshotFormat#writeBytes}'s form, and its rewrite is one command per
 * {@value #ITEMS_PER_COMMAND} elements.
 *
 * <p>They sit in {@code snapshot}, beside lab 4's {@link StringCodec}, because the package is the
 * concept "how a value is persisted": the codecs use only the types' public operations
 * ({@code forEach}, {@code pushTail}, {@code add}, {@code copy}), so {@code lists} and {@code sets}
 * stay free of JSON and of the append-only file, as {@code store} is of lab 4.
 *
 * <p>Redis: {@code aof.c}, {@code AOF_REWRITE_ITEMS_PER_CMD}; {@code rdb.c}, {@code rdbSaveObject}.
 */
public final class CollectionCodecs {
    /** Elements per rewritten command: Redis's {@code AOF_REWRITE_ITEMS_PER_CMD} ({@code server.h}). */
    public static final int ITEMS_PER_COMMAND = 64;

    private CollectionCodecs() {
    }

    /**
     * Registers {@link ListCodec} and {@link SetCodec}: the snapshot's version becomes 2.
     *
     * @param codecs the server's codecs (lab 4's strings)
     * @param limits the server's thresholds, which a load rebuilds lists and sets with
     */
    public static void register(ValueCodecs codecs, EncodingLimits limits) {
        codecs.register(new ListCodec(limits)).register(new SetCodec(limits));
    }

    /**
     * Writes the elements a visit gives as one JSON array of {@link SnapshotFormat#writeBytes} values.
     *
     * @param elements calls its argument once per element, in order
     * @throws IOException if the output fails
     */
    static void writeArray(JsonGenerator out, Consumer<Consumer<byte[]>> elements) throws IOException {
        out.writeStartArray();
        try {
            elements.accept(e -> {
                try {
                    SnapshotFormat.writeBytes(out, e);
                } catch (IOException ex) {
                    throw new UncheckedIOException(ex);
                }
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        out.writeEndArray();
    }

    /**
     * Reads a non-empty JSON array of {@link SnapshotFormat#readBytes} values; the parser is on its
     * first token and is left on its {@code END_ARRAY}.
     *
     * @param what the type, for the error ("a list ...")
     * @param element receives each element, in order
     * @throws IOException a {@code JsonParseException} if it is not such an array
     */
    static void readArray(JsonParser in, String what, Consumer<byte[]> element) throws IOException {
        if (in.currentToken() != JsonToken.START_ARRAY) {
            throw SnapshotFormat.error(in, "expected an array for a " + what);
        }
        int count = 0;
        while (in.nextToken() != JsonToken.END_ARRAY) {
            if (in.currentToken() == null) {
                throw SnapshotFormat.error(in, "the " + what + "'s array is not closed");
            }
            element.accept(SnapshotFormat.readBytes(in));
            count++;
        }
        if (count == 0) {
            throw SnapshotFormat.error(in, "an empty " + what + " (the keyspace holds none)");
        }
    }

    /**
     * Emits {@code <command> key} followed by at most {@value #ITEMS_PER_COMMAND} elements, as many
     * times as needed.
     */
    static void rewriteInBatches(byte[] command, byte[] key, Consumer<Consumer<byte[]>> elements,
                                 Consumer<List<byte[]>> commands) {
        byte[][] batch = new byte[2 + ITEMS_PER_COMMAND][];
        int[] n = {0};
        batch[0] = command;
        batch[1] = key;
        elements.accept(e -> {
            batch[2 + n[0]++] = e;
            if (n[0] == ITEMS_PER_COMMAND) {
                commands.accept(List.of(batch.clone()));
                n[0] = 0;
            }
        });
        if (n[0] > 0) {
            byte[][] last = new byte[2 + n[0]][];
            System.arraycopy(batch, 0, last, 0, last.length);
            commands.accept(List.of(last));
        }
    }
}
