package dev.redisfromscratch.resp;

/**
 * An error reply: {@code -<message>\r\n}, for example {@code -ERR syntax error\r\n} or
 * {@code -WRONGTYPE Operation against a key holding the wrong kind of value\r\n}.
 *
 * <p>By convention the message starts with an upper-case error code ({@code ERR},
 * {@code WRONGTYPE}, {@code NOAUTH}) and a space. Like {@link SimpleString}, the text is one char
 * per byte (ISO-8859-1).
 *
 * @param message the line without {@code -} and CRLF; never contains CR or LF, every char is at
 *     most {@code \u00FF}
 */
public record SimpleError(String message) implements RespValue {
    /** @throws IllegalArgumentException if the message holds CR, LF or a char above one byte */
    public SimpleError {
        RespText.requireOneLine(message, "error");
    }

    /** @return the error code: the message up to its first space, e.g. {@code "WRONGTYPE"} */
    public String code() {
        int space = message.indexOf(' ');
        return space < 0 ? message : message.substring(0, space);
    }
}
