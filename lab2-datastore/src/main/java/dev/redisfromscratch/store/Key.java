package dev.redisfromscratch.store;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/**
 * A key of the keyspace: an immutable-by-contract wrapper around the key's raw bytes, so that a
 * {@code byte[]} can be used in a hash table. Keys are binary-safe: any bytes, including
 * {@code \r\n} and {@code \0}.
 *
 * <p>A Java array compares by identity, so {@code new byte[]{'k'}} would never find the entry stored
 * under another {@code new byte[]{'k'}}. This class gives the bytes value semantics:
 * {@link #equals} and {@link #hashCode} use {@link Arrays#equals(byte[], byte[])} and
 * {@link Arrays#hashCode(byte[])}. It holds one reference and nothing else (16 bytes with compressed
 * oops); the hash is not cached because the table ({@link Dict}) already keeps it in each entry.
 *
 * <p>Keys are also {@link Comparable} (unsigned byte order). That is not for sorting: when many keys
 * land in one bucket of the table (a hash-flooding attack on the predictable
 * {@code Arrays.hashCode}), {@link Dict} turns the bucket into a tree, as {@code HashMap} does, which
 * needs comparable keys to stay O(log n). Redis defends against the same attack with a different
 * tool: it hashes keys with SipHash and a random seed.
 *
 * <p>Ownership: the key keeps the array it is given, without copying. Do not modify it afterwards.
 *
 * <p>Redis: keys are {@code sds} strings ({@code sds.c}); {@code server.c}, {@code dictSdsHash} and
 * {@code dictSdsKeyCompare} are the hash and equality of {@code db->dict}.
 */
public final class Key implements Comparable<Key> {
    private final byte[] bytes;

    /** @param bytes the key's bytes, kept as they are (not copied) */
    public Key(byte[] bytes) {
        this.bytes = Objects.requireNonNull(bytes, "bytes");
    }

    /** A key from text, UTF-8 encoded; for tests and examples. */
    public static Key of(String text) {
        return new Key(text.getBytes(StandardCharsets.UTF_8));
    }

    /** @return the key's bytes (the array itself, not a copy: do not modify it) */
    public byte[] bytes() {
        return bytes;
    }

    /** @return the key's length in bytes */
    public int length() {
        return bytes.length;
    }

    /** @return whether {@code o} is a key with the same bytes (not the same array: the same content) */
    @Override
    public boolean equals(Object o) {
        // BEGIN SOLUTION
        return o instanceof Key other && Arrays.equals(bytes, other.bytes);
        // END SOLUTION
        // STUB: throw new UnsupportedOperationException("TODO(lab2): stage 1: two keys are equal when their bytes are");
    }

    /** @return a hash of the key's bytes, equal for equal keys (the hash table's bucket) */
    @Override
    public int hashCode() {
        // BEGIN SOLUTION
        return Arrays.hashCode(bytes);
        // END SOLUTION
        // STUB: throw new UnsupportedOperationException("TODO(lab2): stage 1: hash the key's bytes, so that equal keys hash alike");
    }

    @Override
    public int compareTo(Key other) {
        return Arrays.compareUnsigned(bytes, other.bytes);
    }

    /** @return the bytes as Latin-1 text with CR, LF and NUL escaped, for messages and debugging */
    @Override
    public String toString() {
        return new String(bytes, StandardCharsets.ISO_8859_1)
                .replace("\r", "\\r").replace("\n", "\\n").replace("\0", "\\0");
    }
}
