package dev.redisfromscratch.resp;

import dev.redisfromscratch.protocol.InlineFramer;
import dev.redisfromscratch.protocol.ProtocolException;
import dev.redisfromscratch.protocol.QueryBuffer;
import dev.redisfromscratch.protocol.RequestFramer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Frames the requests a server receives: RESP multibulks, plus inline commands for telnet users.
 *
 * <p>What clients send is an array of bulk strings, the "multibulk" format:
 *
 * <pre>
 *   *3\r\n               *&lt;count&gt;\r\n       how many arguments follow
 *   $3\r\nSET\r\n          $&lt;len&gt;\r\n         each argument: its length in bytes,
 *   $1\r\nk\r\n            &lt;payload&gt;\r\n      then exactly that many bytes and CRLF
 *   $5\r\nhello\r\n
 * </pre>
 *
 * <p>If the first byte is not {@code *}, the request is an inline command ({@code SET k "a b"\r\n})
 * and is handed to lab 1's {@link InlineFramer}, as Redis's {@code processInputBuffer} does.
 *
 * <h2>Contract ({@link RequestFramer})</h2>
 * <ul>
 *   <li>a complete request: its arguments (command name first), and its bytes are skipped;
 *   <li>an incomplete one: {@code null}, and nothing is skipped, whatever the split point;
 *   <li>{@code *0\r\n} or {@code *-1\r\n} (a count of zero or less): an empty list, its bytes
 *       skipped; the server ignores it without a reply;
 *   <li>bad input: {@link ProtocolException} with Redis's text, after which the server replies
 *       {@code -ERR Protocol error: <text>} and closes the connection.
 * </ul>
 * The decoder keeps no state between calls, so one instance serves every connection: each call
 * starts again at the first unread byte. A request split over several reads therefore has its
 * headers read once per read; for ordinary commands that is a few bytes, but a 1M-argument MSET
 * arriving in 16 KiB reads is scanned quadratically. Redis avoids it by keeping the state
 * ({@code multibulklen}, {@code bulklen}) in the client between reads.
 *
 * <h2>Two passes, so headers cannot make us allocate</h2>
 * {@code findFrameEnd} is the state machine: it validates every header and finds where the request
 * ends, allocating nothing. Only when the whole request is in the buffer does
 * {@code collectArguments} copy the arguments out. So {@code *1048576\r\n} or
 * {@code $536870912\r\n} cost nothing until their bytes have really arrived: memory follows the
 * bytes received, never a length a client claims.
 *
 * <h2>Errors (the text after {@code "Protocol error: "})</h2>
 * <ul>
 *   <li>{@code invalid multibulk length}: the count is not a number, or above 1024×1024.
 *       Note: Redis 7.0.15's own check is only "above {@code INT_MAX}"; the 1024×1024 limit is our
 *       specification (it is what Redis enforced up to 6.2), kept on purpose;
 *   <li>{@code invalid bulk length}: a length that is not a number, negative, or above 512 MB
 *       (536870912 bytes, Redis's default {@code proto-max-bulk-len});
 *   <li>{@code expected '$', got 'x'}: an argument that is not a bulk string;
 *   <li>{@code too big mbulk count string} / {@code too big bulk count string}: more than 64 KiB
 *       without the CR that ends the header;
 *   <li>from the inline path: {@code unbalanced quotes in request}, {@code too big inline request}.
 * </ul>
 * Numbers follow Redis's strict {@code string2ll} rules ({@link RespNumbers}): {@code *+1},
 * {@code *01} and {@code * 1} are invalid.
 *
 * <h2>Where we follow Redis's quirks (checked against redis-server 7.0.15)</h2>
 * <ul>
 *   <li>The two bytes after a bulk payload, and the byte after a header's CR, are skipped without
 *       being checked: Redis sends {@code +PONG} for {@code *1\r\n$4\r\nPINGxx}. We do the same,
 *       so a client that works against Redis works against us, and no error text is invented.
 *   <li>A header line ends at its first CR as found by C's {@code strchr}, which stops at a NUL
 *       byte. So a NUL before the CR hides it: Redis (and we) wait for more input, and past
 *       64 KiB answer {@code too big ... count string}. Payloads are never scanned, so NUL bytes
 *       inside bulk strings are fine.
 * </ul>
 *
 * <p>Redis: {@code networking.c}, {@code processInputBuffer} and {@code processMultibulkBuffer};
 * limits in {@code server.h} ({@code PROTO_INLINE_MAX_SIZE}) and {@code config.c}
 * ({@code proto-max-bulk-len}).
 */
public final class RespRequestDecoder implements RequestFramer {
    /** Most arguments one request may have: 1024×1024 (see the class comment on Redis 7.0.15). */
    public static final int MAX_MULTIBULK_LENGTH = 1024 * 1024;
    /** Longest bulk string argument, in bytes: 512 MB, Redis's default {@code proto-max-bulk-len}. */
    public static final int MAX_BULK_LENGTH = 512 * 1024 * 1024;
    /** Most bytes a header may span before its CR: 64 KiB, Redis's {@code PROTO_INLINE_MAX_SIZE}. */
    public static final int MAX_HEADER_BYTES = InlineFramer.MAX_INLINE_BYTES;

    /** Returned by the scanning methods when the buffer ends before what they look for. */
    private static final int NEED_MORE = -1;

    /** Where the state machine of {@link #findFrameEnd} is inside one multibulk request. */
    private enum State {
        /** Reading {@code *<count>\r\n}, the first line of the request. */
        MULTIBULK_COUNT,
        /** Reading {@code $<len>\r\n}, the header of the next argument. */
        BULK_LENGTH,
        /** Waiting for {@code <payload>\r\n}: {@code len} bytes and two more. */
        BULK_PAYLOAD
    }

    private final InlineFramer inline = new InlineFramer();

    /**
     * Takes one request off the front of {@code in}.
     *
     * @param in the unread bytes of one client
     * @return the arguments, command name first; an empty list for {@code *0}/{@code *-1} or an
     *     empty inline line; {@code null} if the request is not complete yet (nothing consumed)
     * @throws ProtocolException with Redis's text, for input that can never become a request
     */
    @Override
    public List<byte[]> next(QueryBuffer in) throws ProtocolException {
        // BEGIN SOLUTION
        if (in.readable() == 0) {
            return null;
        }
        if (in.get(0) != '*') {
            return inline.next(in); // telnet, nc: PING\r\n
        }
        int frameEnd = findFrameEnd(in.array(), in.start(), in.end());
        if (frameEnd == NEED_MORE) {
            return null;
        }
        List<byte[]> args = collectArguments(in.array(), in.start());
        in.skip(frameEnd - in.start());
        return args;
        // END SOLUTION
        // STUB: throw new UnsupportedOperationException("TODO(lab3): decode one multibulk request (or hand an inline one to InlineFramer)");
    }

    // BEGIN SOLUTION
    /**
     * Pass 1, the state machine: checks one multibulk request and finds its end. Allocates nothing.
     *
     * @param buf the buffer; the request starts at {@code start} with {@code *}
     * @param start index of the {@code *}
     * @param end index one past the last byte received
     * @return the index one past the request, or {@link #NEED_MORE}
     * @throws ProtocolException for a header Redis rejects
     */
    private static int findFrameEnd(byte[] buf, int start, int end) throws ProtocolException {
        State state = State.MULTIBULK_COUNT;
        int pos = start;
        int argumentsLeft = 0;
        int bulkLength = 0;
        while (true) {
            switch (state) {
                case MULTIBULK_COUNT -> {
                    // *<count>\r\n
                    int cr = findHeaderEnd(buf, pos, end, "too big mbulk count string");
                    if (cr == NEED_MORE) {
                        return NEED_MORE;
                    }
                    long count = RespNumbers.parse(buf, pos + 1, cr, "invalid multibulk length");
                    if (count > MAX_MULTIBULK_LENGTH) {
                        throw new ProtocolException("invalid multibulk length");
                    }
                    pos = cr + 2;
                    if (count <= 0) {
                        return pos; // *0 or *-1: nothing to run
                    }
                    argumentsLeft = (int) count;
                    state = State.BULK_LENGTH;
                }
                case BULK_LENGTH -> {
                    // $<len>\r\n
                    int cr = findHeaderEnd(buf, pos, end, "too big bulk count string");
                    if (cr == NEED_MORE) {
                        return NEED_MORE;
                    }
                    if (buf[pos] != '$') {
                        // One byte per char; the reply writer turns a CR or LF here into a space.
                        throw new ProtocolException("expected '$', got '" + (char) (buf[pos] & 0xFF) + "'");
                    }
                    long length = RespNumbers.parse(buf, pos + 1, cr, "invalid bulk length");
                    if (length < 0 || length > MAX_BULK_LENGTH) {
                        throw new ProtocolException("invalid bulk length");
                    }
                    bulkLength = (int) length;
                    pos = cr + 2;
                    state = State.BULK_PAYLOAD;
                }
                case BULK_PAYLOAD -> {
                    // <payload>\r\n: bulkLength bytes, then two that are skipped unchecked (as Redis)
                    if (end - pos < bulkLength + 2L) {
                        return NEED_MORE; // nothing is allocated for a payload still on its way
                    }
                    pos += bulkLength + 2;
                    argumentsLeft--;
                    if (argumentsLeft == 0) {
                        return pos;
                    }
                    state = State.BULK_LENGTH;
                }
            }
        }
    }

    /**
     * Finds the CR that ends the header line starting at {@code from}.
     *
     * <p>Like Redis, which uses {@code strchr}, the search stops at a NUL byte. Redis also waits for
     * the byte after the CR (the LF, which it then skips without checking).
     *
     * @param tooBig the error if more than {@link #MAX_HEADER_BYTES} are buffered without a CR
     * @return the index of the CR, or {@link #NEED_MORE}
     */
    private static int findHeaderEnd(byte[] buf, int from, int end, String tooBig) throws ProtocolException {
        for (int i = from; i < end; i++) {
            byte b = buf[i];
            if (b == '\r') {
                return i + 1 < end ? i : NEED_MORE;
            }
            if (b == 0) {
                break; // strchr's end of string
            }
        }
        if (end - from > MAX_HEADER_BYTES) {
            throw new ProtocolException(tooBig);
        }
        return NEED_MORE;
    }

    /**
     * Pass 2: copies the arguments out of a request that {@link #findFrameEnd} found complete and
     * valid, so no check here can fail. The list's size comes from a count whose bytes have all
     * arrived (each argument takes at least 6 bytes, {@code $0\r\n\r\n}).
     */
    private static List<byte[]> collectArguments(byte[] buf, int start) throws ProtocolException {
        // *<count>\r\n
        int cr = indexOfCr(buf, start);
        int count = (int) RespNumbers.parse(buf, start + 1, cr, "invalid multibulk length");
        if (count <= 0) {
            return List.of();
        }
        List<byte[]> args = new ArrayList<>(count);
        int pos = cr + 2;
        while (args.size() < count) {
            // $<len>\r\n
            cr = indexOfCr(buf, pos);
            int length = (int) RespNumbers.parse(buf, pos + 1, cr, "invalid bulk length");
            pos = cr + 2;
            // <payload>\r\n
            args.add(Arrays.copyOfRange(buf, pos, pos + length));
            pos += length + 2;
        }
        return args;
    }

    private static int indexOfCr(byte[] buf, int from) {
        int i = from;
        while (buf[i] != '\r') {
            i++;
        }
        return i;
    }
    // END SOLUTION
}
