package dev.redisfromscratch.resp;

import dev.redisfromscratch.protocol.ProtocolException;
import dev.redisfromscratch.protocol.QueryBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;

/**
 * Parses the replies a client receives: any RESP2 value, arrays nested to any depth, and both
 * nulls ({@code $-1}, {@code *-1}).
 *
 * <pre>
 *   +&lt;text&gt;\r\n                 SimpleString      +OK\r\n
 *   -&lt;message&gt;\r\n              SimpleError       -ERR syntax error\r\n
 *   :&lt;n&gt;\r\n                    RespInteger       :-2\r\n
 *   $&lt;len&gt;\r\n&lt;payload&gt;\r\n      BulkString        $5\r\nhello\r\n
 *   $-1\r\n                     NullBulkString
 *   *&lt;count&gt;\r\n&lt;values&gt;        RespArray         *2\r\n:1\r\n*1\r\n+a\r\n
 *   *-1\r\n                     NullArray
 * </pre>
 *
 * <p>Same incremental contract as {@link RespRequestDecoder}: a complete value is returned and its
 * bytes skipped; an incomplete one returns {@code null} and skips nothing, at any split point; the
 * parser keeps no state between calls. Also the same two passes: {@code findValueEnd} checks the
 * bytes and finds where the value ends without allocating (a counter of values still expected
 * replaces a stack of open arrays), and only then {@code buildValue} builds it. Building uses
 * an explicit stack, so deep nesting cannot overflow the Java stack. A header such as
 * {@code *2147483647\r\n} or {@code $536870912\r\n} costs nothing until its bytes arrive.
 *
 * <p>This side is stricter than the server's decoder, on purpose: it reads what our own server
 * writes, and a test client should catch a malformed reply instead of skipping over it. Every line
 * must end in CRLF and every bulk payload must be followed by CRLF. Errors
 * ({@link ProtocolException} messages, ours; Redis has no client side):
 * <ul>
 *   <li>{@code unexpected reply type byte 'x'}: the first byte is none of {@code + - : $ *};
 *   <li>{@code line not ended by CRLF}: a LF without CR, or a CR followed by something else;
 *   <li>{@code invalid integer}, {@code invalid bulk length}, {@code invalid multibulk length}:
 *       a number that breaks Redis's {@code string2ll} rules, a length below -1, a bulk string
 *       over 512 MB or an array over {@code Integer.MAX_VALUE} elements;
 *   <li>{@code bulk payload not followed by CRLF}: the length header does not match the payload.
 * </ul>
 * Lines have no length limit here: a client trusts its server.
 *
 * <p>Redis: replies are written by {@code networking.c} ({@code addReply*}); the reference C
 * client parser is hiredis, {@code read.c} ({@code processItem}).
 */
public final class RespReplyParser {
    /** Longest bulk string accepted, in bytes: 512 MB, as the server side. */
    public static final int MAX_BULK_LENGTH = RespRequestDecoder.MAX_BULK_LENGTH;

    private static final int NEED_MORE = -1;

    /** Where the state machine of {@link #findValueEnd} is. */
    private enum State {
        /** Reading a type byte and the rest of its line: {@code +OK\r\n}, {@code $5\r\n}, ... */
        TYPE_AND_LINE,
        /** Waiting for {@code <payload>\r\n} after a {@code $<len>\r\n} header. */
        BULK_PAYLOAD
    }

    /**
     * Takes one reply off the front of {@code in}.
     *
     * @param in bytes received from a server
     * @return the reply, or {@code null} if it has not fully arrived (nothing consumed)
     * @throws ProtocolException if the bytes are not RESP2
     */
    public RespValue next(QueryBuffer in) throws ProtocolException {
        // BEGIN SOLUTION
        if (in.readable() == 0) {
            return null;
        }
        int valueEnd = findValueEnd(in.array(), in.start(), in.end());
        if (valueEnd == NEED_MORE) {
            return null;
        }
        RespValue value = buildValue(in.array(), in.start());
        in.skip(valueEnd - in.start());
        return value;
        // END SOLUTION
        // STUB: throw new UnsupportedOperationException("TODO(lab3): stage 3: parse one RESP2 reply: a simple string, error, integer, bulk string, array or null");
    }

    // BEGIN SOLUTION
    /**
     * Pass 1, the state machine: checks one value and finds its end. Allocates nothing.
     *
     * <p>There is no stack of open arrays: to know where a value ends it is enough to count how
     * many values are still expected. It starts at 1; reading a value takes one off, and an array
     * header {@code *n} adds its {@code n} elements.
     *
     * @return the index one past the value, or {@link #NEED_MORE}
     */
    private static int findValueEnd(byte[] buf, int start, int end) throws ProtocolException {
        State state = State.TYPE_AND_LINE;
        int pos = start;
        long valuesLeft = 1;
        int bulkLength = 0;
        while (true) {
            switch (state) {
                case TYPE_AND_LINE -> {
                    if (pos == end) {
                        return NEED_MORE;
                    }
                    byte type = buf[pos];
                    if (!isTypeByte(type)) {
                        throw new ProtocolException("unexpected reply type byte '" + (char) (type & 0xFF) + "'");
                    }
                    int cr = findLineEnd(buf, pos + 1, end);
                    if (cr == NEED_MORE) {
                        return NEED_MORE;
                    }
                    int lineStart = pos + 1;
                    pos = cr + 2;
                    switch (type) {
                        case '+', '-' -> valuesLeft--; // +<text>\r\n  -<message>\r\n
                        case ':' -> { // :<n>\r\n
                            RespNumbers.parse(buf, lineStart, cr, "invalid integer");
                            valuesLeft--;
                        }
                        case '$' -> { // $<len>\r\n, or $-1\r\n with no payload
                            bulkLength = bulkLength(buf, lineStart, cr);
                            if (bulkLength == -1) {
                                valuesLeft--;
                            } else {
                                state = State.BULK_PAYLOAD;
                            }
                        }
                        default -> { // *<count>\r\n and count values, or *-1\r\n
                            int count = arrayCount(buf, lineStart, cr);
                            valuesLeft += Math.max(count, 0) - 1;
                        }
                    }
                }
                case BULK_PAYLOAD -> {
                    // <payload>\r\n
                    if (end - pos < bulkLength + 2L) {
                        return NEED_MORE;
                    }
                    int payloadEnd = pos + bulkLength;
                    if (buf[payloadEnd] != '\r' || buf[payloadEnd + 1] != '\n') {
                        throw new ProtocolException("bulk payload not followed by CRLF");
                    }
                    pos = payloadEnd + 2;
                    valuesLeft--;
                    state = State.TYPE_AND_LINE;
                }
            }
            if (valuesLeft == 0) {
                return pos;
            }
        }
    }

    private static boolean isTypeByte(byte b) {
        return b == '+' || b == '-' || b == ':' || b == '$' || b == '*';
    }

    /**
     * Finds the CRLF that ends the line starting at {@code from}.
     *
     * @return the index of the CR, or {@link #NEED_MORE}
     * @throws ProtocolException if the line ends in a bare LF, or its CR is followed by another byte
     */
    private static int findLineEnd(byte[] buf, int from, int end) throws ProtocolException {
        for (int i = from; i < end; i++) {
            if (buf[i] == '\n') {
                throw new ProtocolException("line not ended by CRLF");
            }
            if (buf[i] == '\r') {
                if (i + 1 == end) {
                    return NEED_MORE;
                }
                if (buf[i + 1] != '\n') {
                    throw new ProtocolException("line not ended by CRLF");
                }
                return i;
            }
        }
        return NEED_MORE;
    }

    /** @return the length in a {@code $} header, -1 for the null bulk string */
    private static int bulkLength(byte[] buf, int from, int to) throws ProtocolException {
        long length = RespNumbers.parse(buf, from, to, "invalid bulk length");
        if (length < -1 || length > MAX_BULK_LENGTH) {
            throw new ProtocolException("invalid bulk length");
        }
        return (int) length;
    }

    /** @return the count in a {@code *} header, -1 for the null array */
    private static int arrayCount(byte[] buf, int from, int to) throws ProtocolException {
        long count = RespNumbers.parse(buf, from, to, "invalid multibulk length");
        if (count < -1 || count > Integer.MAX_VALUE) {
            throw new ProtocolException("invalid multibulk length");
        }
        return (int) count;
    }

    /**
     * Pass 2: builds the value that {@link #findValueEnd} found complete and valid, so nothing here
     * can fail. Arrays being filled wait on a stack; when the innermost fills up it becomes a value
     * for the array around it.
     */
    private static RespValue buildValue(byte[] buf, int start) throws ProtocolException {
        Deque<OpenArray> open = new ArrayDeque<>();
        int pos = start;
        while (true) {
            byte type = buf[pos];
            int lineStart = pos + 1;
            int cr = indexOfCr(buf, lineStart);
            pos = cr + 2;
            RespValue value;
            switch (type) {
                case '+' -> value = new SimpleString(latin1(buf, lineStart, cr));
                case '-' -> value = new SimpleError(latin1(buf, lineStart, cr));
                case ':' -> value = new RespInteger(RespNumbers.parse(buf, lineStart, cr, "invalid integer"));
                case '$' -> {
                    int length = bulkLength(buf, lineStart, cr);
                    if (length == -1) {
                        value = NullBulkString.INSTANCE;
                    } else {
                        value = new BulkString(Arrays.copyOfRange(buf, pos, pos + length));
                        pos += length + 2;
                    }
                }
                default -> {
                    int count = arrayCount(buf, lineStart, cr);
                    if (count == -1) {
                        value = NullArray.INSTANCE;
                    } else if (count == 0) {
                        value = RespArray.EMPTY;
                    } else {
                        open.push(new OpenArray(count));
                        continue; // its elements come next
                    }
                }
            }
            while (!open.isEmpty() && open.peek().addAndCheckFull(value)) {
                value = open.pop().toRespArray();
            }
            if (open.isEmpty()) {
                return value;
            }
        }
    }

    private static int indexOfCr(byte[] buf, int from) {
        int i = from;
        while (buf[i] != '\r') {
            i++;
        }
        return i;
    }

    private static String latin1(byte[] buf, int from, int to) {
        return new String(buf, from, to - from, StandardCharsets.ISO_8859_1);
    }

    /** An array whose header has been read and whose elements are being collected. */
    private static final class OpenArray {
        private final int count;
        private final List<RespValue> elements;

        OpenArray(int count) {
            this.count = count;
            this.elements = new ArrayList<>(count); // its bytes have all arrived: pass 1 saw them
        }

        /** @return {@code true} once the array holds all its elements */
        boolean addAndCheckFull(RespValue value) {
            elements.add(value);
            return elements.size() == count;
        }

        RespArray toRespArray() {
            return new RespArray(elements);
        }
    }
    // END SOLUTION
}
