package dev.redisfromscratch.resp;

import dev.redisfromscratch.protocol.InlineFramer;
import dev.redisfromscratch.protocol.ProtocolException;
import dev.redisfromscratch.protocol.QueryBuffer;
import dev.redisfromscratch.protocol.RequestFramer;
import java.util.ArrayList;
import dev.redisfromscratch.config.ServerConfig;
import java.util.Arrays;
import java.util.List;
import java.util.function.BooleanSupplier;

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
 *   <li>a complete request: its arguments (command name first), and its bytes are consumed;
 *   <li>an incomplete one: {@code null}. The headers and whole arguments that have arrived are
 *       consumed and kept in the decoder, so the next call resumes where this one stopped;
 *   <li>{@code *0\r\n} or {@code *-1\r\n} (a count of zero or less): an empty list, its bytes
 *       consumed; the server ignores it without a reply;
 *   <li>bad input: {@link ProtocolException} with Redis's text, after which the server replies
 *       {@code -ERR Protocol error: <text>} and closes the connection.
 * </ul>
 *
 * <h2>One decoder per client, so each byte is read once</h2>
 * The decoder is a state machine whose state lives between calls: where it is in the request
 * ({@link State}), how many arguments are left and the arguments taken so far. Redis keeps the
 * same in its {@code client} ({@code reqtype}, {@code multibulklen}, {@code bulklen},
 * {@code argv}). A request that arrives in k reads is therefore scanned once, not k times: a
 * 100,000-argument request fed in 16 KiB reads costs what it costs in one read (the
 * {@code RequestRescanBenchmark} measures both). Each client gets its own decoder
 * ({@code Protocol.requestDecoder(config)} is the server's framer factory).
 *
 * <h2>Memory follows the bytes received, never a length a client claims</h2>
 * <ul>
 *   <li>An argument is copied out only once all its bytes are in the query buffer, so
 *       {@code $536870912\r\n} costs nothing until 512 MB have really arrived.
 *   <li>The argument list starts at {@code min(count, 1024)} slots and grows as arguments arrive,
 *       so {@code *2147483647\r\n} followed by three arguments costs a few kilobytes.
 * </ul>
 *
 * <h2>Errors (the text after {@code "Protocol error: "})</h2>
 * <ul>
 *   <li>{@code invalid multibulk length}: the count is not a number, or above {@code INT_MAX};
 *   <li>{@code invalid bulk length}: a length that is not a number, negative, or above
 *       {@code proto-max-bulk-len} (by default 512 MB, 536870912 bytes);
 *   <li>{@code unauthenticated multibulk length}, {@code unauthenticated bulk length}: while its
 *       client must still authenticate ({@link #unauthenticatedWhile}), a count above
 *       {@value #UNAUTHENTICATED_MAX_MULTIBULK_LENGTH} or a length above
 *       {@value #UNAUTHENTICATED_MAX_BULK_LENGTH}, checked after the two above;
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
    /** Most arguments one request may have: {@code INT_MAX}, as Redis 7 checks. */
    public static final int MAX_MULTIBULK_LENGTH = Integer.MAX_VALUE;
    /** Longest bulk string argument, in bytes: Redis's default {@code proto-max-bulk-len}, 512 MB. */
    public static final int MAX_BULK_LENGTH = ServerConfig.DEFAULT_PROTO_MAX_BULK_LEN;
    /** Most bytes a header may span before its CR: 64 KiB, Redis's {@code PROTO_INLINE_MAX_SIZE}. */
    public static final int MAX_HEADER_BYTES = InlineFramer.MAX_INLINE_BYTES;
    /** The argument list's first capacity, at most: it grows as arguments arrive (Redis: 1024 too). */
    public static final int INITIAL_ARGUMENTS = 1024;
    /** Most arguments a client that must still authenticate may send in one request (Redis: 10). */
    public static final int UNAUTHENTICATED_MAX_MULTIBULK_LENGTH = 10;
    /** Longest bulk string a client that must still authenticate may send, in bytes (Redis: 16384). */
    public static final int UNAUTHENTICATED_MAX_BULK_LENGTH = 16384;

    /** Returned by {@link #findHeaderEnd} when the buffer ends before the header's CR. */
    private static final int NEED_MORE = -1;

    /**
     * Where the decoder is inside one multibulk request, between calls as well as within one.
     *
     * <pre>
     *   MULTIBULK_COUNT ──*n, n &gt; 0──▶ BULK_LENGTH ──$len──▶ BULK_PAYLOAD ──len bytes + 2──┐
     *     │   ▲  *0 or *-1: an empty request       ▲                                       │
     *     │   │                                    └──────── more arguments left ──────────┤
     *     │   └───────────────────────── the last argument: the request is whole ──────────┘
     *     └── first byte not '*': an inline command, framed by InlineFramer
     * </pre>
     * Each arrow consumes what it read from the query buffer. When the bytes for the next step
     * have not arrived, {@code next} returns {@code null} and the decoder stays in its state.
     */
    enum State {
        /** At the start of a request: {@code *<count>\r\n}, or an inline command. */
        MULTIBULK_COUNT,
        /** Reading {@code $<len>\r\n}, the header of the next argument. */
        BULK_LENGTH,
        /** Waiting for {@code <payload>\r\n}: {@code bulkLength} bytes and two more. */
        BULK_PAYLOAD
    }

    private final InlineFramer inline = new InlineFramer();
    private int maxBulkLength;
    private BooleanSupplier unauthenticated = () -> false;
    private State state = State.MULTIBULK_COUNT;
    private int argumentsLeft;
    private int bulkLength;
    private List<byte[]> args;

    /** A decoder with Redis's default limit on bulk strings, {@value #MAX_BULK_LENGTH} bytes. */
    public RespRequestDecoder() {
        this(MAX_BULK_LENGTH);
    }

    /** @param maxBulkLength the longest bulk string accepted, in bytes (Redis: {@code proto-max-bulk-len}) */
    public RespRequestDecoder(int maxBulkLength) {
        this.maxBulkLength = maxBulkLength;
    }

    /**
     * Changes the longest bulk string accepted from the next header on: lab 5's
     * {@code CONFIG SET proto-max-bulk-len} applies it to the decoders of connected clients.
     *
     * @param maxBulkLength in bytes
     */
    public void maxBulkLength(int maxBulkLength) {
        this.maxBulkLength = maxBulkLength;
    }

    /**
     * Applies Redis's smaller limits for a client that has not authenticated yet while a password
     * is set: at most {@value #UNAUTHENTICATED_MAX_MULTIBULK_LENGTH} arguments and
     * {@value #UNAUTHENTICATED_MAX_BULK_LENGTH} bytes per argument, else
     * {@code -ERR Protocol error: unauthenticated multibulk length} (or {@code bulk length}) and the
     * connection closes. Asked at each header, so it stops applying as soon as {@code AUTH}
     * succeeds. Inline requests have no such limit, as in Redis. Lab 5 installs it for each client.
     *
     * <p>Redis: {@code networking.c}, {@code processMultibulkBuffer} ({@code authRequired(c)}).
     *
     * @param applies says whether the client must still authenticate
     */
    public void unauthenticatedWhile(BooleanSupplier applies) {
        this.unauthenticated = applies;
    }

    /**
     * Takes one request off the front of {@code in}, resuming where the last call stopped.
     *
     * @param in the unread bytes of this decoder's client
     * @return the arguments, command name first; an empty list for {@code *0}/{@code *-1} or an
     *     empty inline line; {@code null} if the request is not complete yet
     * @throws ProtocolException with Redis's text, for input that can never become a request
     */
    @Override
    public List<byte[]> next(QueryBuffer in) throws ProtocolException {
        // BEGIN SOLUTION
        try {
            while (true) {
                switch (state) {
                    case MULTIBULK_COUNT -> {
                        if (in.readable() == 0) {
                            return null;
                        }
                        if (in.get(0) != '*') {
                            return inline.next(in); // telnet, nc: PING\r\n
                        }
                        // *<count>\r\n
                        int cr = findHeaderEnd(in, "too big mbulk count string");
                        if (cr == NEED_MORE) {
                            return null;
                        }
                        long count = RespNumbers.parse(in.array(), in.start() + 1, in.start() + cr, "invalid multibulk length");
                        if (count > MAX_MULTIBULK_LENGTH) {
                            throw new ProtocolException("invalid multibulk length");
                        }
                        if (count > UNAUTHENTICATED_MAX_MULTIBULK_LENGTH && unauthenticated.getAsBoolean()) {
                            throw new ProtocolException("unauthenticated multibulk length");
                        }
                        in.skip(cr + 2);
                        if (count <= 0) {
                            return List.of(); // *0 or *-1: nothing to run
                        }
                        argumentsLeft = (int) count;
                        args = new ArrayList<>(Math.min(argumentsLeft, INITIAL_ARGUMENTS));
                        state = State.BULK_LENGTH;
                    }
                    case BULK_LENGTH -> {
                        // $<len>\r\n
                        int cr = findHeaderEnd(in, "too big bulk count string");
                        if (cr == NEED_MORE) {
                            return null;
                        }
                        if (in.get(0) != '$') {
                            // One byte per char; the reply writer turns a CR or LF here into a space.
                            throw new ProtocolException("expected '$', got '" + (char) (in.get(0) & 0xFF) + "'");
                        }
                        long length = RespNumbers.parse(in.array(), in.start() + 1, in.start() + cr, "invalid bulk length");
                        if (length < 0 || length > maxBulkLength) {
                            throw new ProtocolException("invalid bulk length");
                        }
                        if (length > UNAUTHENTICATED_MAX_BULK_LENGTH && unauthenticated.getAsBoolean()) {
                            throw new ProtocolException("unauthenticated bulk length");
                        }
                        in.skip(cr + 2);
                        bulkLength = (int) length;
                        state = State.BULK_PAYLOAD;
                    }
                    case BULK_PAYLOAD -> {
                        // <payload>\r\n: bulkLength bytes, then two that are skipped unchecked (as Redis)
                        if (in.readable() < bulkLength + 2L) {
                            return null; // nothing is allocated for a payload still on its way
                        }
                        args.add(Arrays.copyOfRange(in.array(), in.start(), in.start() + bulkLength));
                        in.skip(bulkLength + 2);
                        if (--argumentsLeft == 0) {
                            List<byte[]> request = args;
                            reset();
                            return request;
                        }
                        state = State.BULK_LENGTH;
                    }
                }
            }
        } catch (ProtocolException e) {
            reset(); // the connection closes; leave nothing half-built behind
            throw e;
        }
        // END SOLUTION
        // STUB: throw new UnsupportedOperationException("TODO(lab3): stage 1: decode one request with the state machine of State (MULTIBULK_COUNT, BULK_LENGTH, BULK_PAYLOAD), or hand an inline one to InlineFramer");
    }

    /** @return where the decoder is in the current request (for tests and the curious) */
    State state() {
        return state;
    }

    /** Back to the start of a request. */
    private void reset() {
        state = State.MULTIBULK_COUNT;
        argumentsLeft = 0;
        bulkLength = 0;
        args = null;
    }

    /**
     * Finds the CR that ends the header line at the front of {@code in}.
     *
     * <p>Like Redis, which uses {@code strchr}, the search stops at a NUL byte. Redis also waits for
     * the byte after the CR (the LF, which it then skips without checking).
     *
     * @param tooBig the error if more than {@link #MAX_HEADER_BYTES} are buffered without a CR
     * @return the offset of the CR from the front, or {@link #NEED_MORE}
     */
    private static int findHeaderEnd(QueryBuffer in, String tooBig) throws ProtocolException {
        byte[] buf = in.array();
        int from = in.start();
        int end = in.end();
        for (int i = from; i < end; i++) {
            byte b = buf[i];
            if (b == '\r') {
                return i + 1 < end ? i - from : NEED_MORE;
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
}
