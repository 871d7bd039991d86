package dev.redisfromscratch.resp;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A bulk string: {@code $<len>\r\n<payload>\r\n}, for example {@code $5\r\nhello\r\n}.
 *
 * <p>The payload is any bytes (CR, LF and NUL included): the length header says where it ends, so
 * nothing inside it is ever scanned. This is what makes RESP binary-safe where inline commands are
 * not. Redis caps a bulk string at 512 MB ({@code proto-max-bulk-len}).
 *
 * <p>A record compares array components by reference, so this one overrides {@code equals},
 * {@code hashCode} and {@code toString} to use the bytes' content: two bulk strings holding the same
 * bytes are equal.
 *
 * <p>The array is not copied: parsers hand over a fresh array, and callers must not change an
 * array after wrapping it (copying every 100 KB value twice would cost more than this rule).
 *
 * @param bytes the payload, without the header and CRLF; may be empty, never null
 */
public record BulkString(byte[] bytes) implements RespValue {
    /** @throws NullPointerException if {@code bytes} is null: use {@link NullBulkString} */
    public BulkString {
        if (bytes == null) {
            throw new NullPointerException("bytes (a missing value is NullBulkString)");
        }
    }

    /** @return a bulk string holding {@code text} encoded as UTF-8 */
    public static BulkString of(String text) {
        return new BulkString(text.getBytes(StandardCharsets.UTF_8));
    }

    /** @return the payload length in bytes */
    public int length() {
        return bytes.length;
    }

    /** @return the payload decoded as UTF-8 (invalid sequences become U+FFFD) */
    public String utf8() {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    /** Equal when the other value is a bulk string with the same bytes. */
    @Override
    public boolean equals(Object other) {
        return other instanceof BulkString that && Arrays.equals(bytes, that.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    /**
     * @return {@code BulkString["..."]} with the payload quoted the way redis-cli quotes it
     *     ({@code \r}, {@code \n}, {@code \x00} ...), so tests failures show the exact bytes
     */
    @Override
    public String toString() {
        return "BulkString[" + RespText.quote(bytes) + "]";
    }
}
