package dev.redisfromscratch.protocol;

/**
 * A request the server cannot frame. The server answers it with
 * {@code -ERR Protocol error: <message>} and then closes the connection, exactly as Redis does.
 *
 * <p>The message is the part after {@code "Protocol error: "}, for example
 * {@code "too big inline request"} or {@code "invalid bulk length"}.
 *
 * <p>Redis: {@code networking.c}, {@code setProtocolError} and its callers
 * {@code processInlineBuffer} and {@code processMultibulkBuffer}.
 */
public final class ProtocolException extends Exception {
    private static final long serialVersionUID = 1L;

    /** @param message Redis's text after {@code "Protocol error: "}. */
    public ProtocolException(String message) {
        super(message, null, false, false);
    }

    /** @return the full error line Redis sends, without the leading {@code -} and the trailing CRLF. */
    public String replyText() {
        return "ERR Protocol error: " + getMessage();
    }
}
