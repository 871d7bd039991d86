package dev.redisfromscratch.protocol;

/**
 * An error reply raised by a command or by the keyspace: the server answers it as
 * {@code -<text>\r\n} and goes on serving. {@code WRONGTYPE}, {@code ERR value is not an integer or
 * out of range} and {@code ERR syntax error} are raised this way.
 *
 * <p>The one place that turns it into a reply is the command pipeline's {@code call()}: a handler
 * throws it (before or after writing part of a reply; whatever it wrote is dropped), and
 * {@code call()} writes the error. Any other exception out of a handler is a bug in the server.
 *
 * <p>It carries no stack trace: it is an answer to bad input, not a fault, and it is thrown on the
 * hot path (a {@code GET} on a list).
 *
 * <p>Redis: {@code networking.c}, {@code addReplyError} and {@code addReplyErrorFormat}.
 */
public class RedisError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** @param replyText the error with its code and without the leading {@code -}, e.g. {@code "ERR syntax error"} */
    public RedisError(String replyText) {
        super(replyText, null, false, false);
    }

    /** @return the text to reply, without the leading {@code -} */
    public String replyText() {
        return getMessage();
    }
}
