package dev.redisfromscratch.resp;

/**
 * A simple string: {@code +<text>\r\n}, for example {@code +OK\r\n} or {@code +PONG\r\n}.
 *
 * <p>The text is the bytes of the line, one char per byte (ISO-8859-1), so any line read from
 * the wire is represented exactly and written back byte for byte by {@link RespSerializer}.
 *
 * @param text the line without {@code +} and CRLF; never contains CR or LF, and every char is
 *     at most {@code \u00FF} (one byte)
 */
public record SimpleString(String text) implements RespValue {
    /** {@code +OK\r\n}. */
    public static final SimpleString OK = new SimpleString("OK");
    /** {@code +PONG\r\n}. */
    public static final SimpleString PONG = new SimpleString("PONG");

    /** @throws IllegalArgumentException if the text holds CR, LF or a char above one byte */
    public SimpleString {
        RespText.requireOneLine(text, "simple string");
    }
}
