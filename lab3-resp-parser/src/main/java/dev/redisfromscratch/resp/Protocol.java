package dev.redisfromscratch.resp;

import dev.redisfromscratch.config.ServerConfig;
import dev.redisfromscratch.protocol.ProtocolException;
import dev.redisfromscratch.protocol.QueryBuffer;
import dev.redisfromscratch.protocol.ReplyWriter;
import dev.redisfromscratch.protocol.RequestFramer;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * RESP2 in one place: what the server and the client of lab 3 call.
 *
 * <pre>
 *   server:  bytes ──requestDecoder().next──▶ [SET, k, v] ──(command)──▶ reply bytes
 *   client:  [SET, k, v] ──encodeCommand──▶ bytes          bytes ──parseReply──▶ RespValue
 * </pre>
 *
 * <p>Both parsers are incremental: given the bytes received so far they return one complete
 * request or reply, or {@code null} ("need more"); read more bytes into the same
 * {@link QueryBuffer} and call again. The reply parser consumes nothing until a reply is whole; the
 * request decoder consumes headers and arguments as they arrive and remembers them.
 *
 * <p>The work is done by {@link RespRequestDecoder} (one per client: it keeps state between
 * reads), {@link RespReplyParser} (stateless, shared) and {@link RespSerializer}. Lab 3's server takes
 * its framers from {@link #requestDecoder()}; its client ({@code RespClient}) encodes and reads
 * through {@link #encodeCommand} and {@link #readReply}.
 */
public final class Protocol {
    private static final RespReplyParser REPLIES = new RespReplyParser();

    private Protocol() {
    }

    /**
     * Server side: a new request decoder for one client. RESP multibulks, and inline commands when
     * the first byte is not {@code *}. It keeps state between reads, so every client needs its own:
     * a server passes {@code () -> Protocol.requestDecoder(config)} as its framer factory.
     *
     * @see RespRequestDecoder
     */
    public static RequestFramer requestDecoder() {
        return new RespRequestDecoder();
    }

    /**
     * Server side: a new request decoder for one client of a server configured by {@code config}:
     * bulk strings longer than its {@code proto-max-bulk-len} are refused.
     */
    public static RequestFramer requestDecoder(ServerConfig config) {
        return new RespRequestDecoder(config.protoMaxBulkLen());
    }

    /**
     * Client side: takes one reply off the front of {@code in}.
     *
     * @return the reply, or {@code null} if more bytes are needed
     * @throws ProtocolException if the bytes are not RESP2
     * @see RespReplyParser
     */
    public static RespValue parseReply(QueryBuffer in) throws ProtocolException {
        return REPLIES.next(in);
    }

    /**
     * Client side, blocking: reads from {@code stream} into {@code buffer} until one whole reply has
     * arrived. Bytes after that reply stay in {@code buffer} for the next call (pipelining).
     *
     * @return the reply, or {@code null} if the stream ended cleanly before any byte of a reply
     * @throws EOFException if the stream ended in the middle of a reply
     * @throws ProtocolException if the bytes are not RESP2
     * @throws IOException as {@link InputStream#read} does (e.g. a socket read timeout)
     */
    public static RespValue readReply(QueryBuffer buffer, InputStream stream) throws IOException, ProtocolException {
        while (true) {
            RespValue reply = REPLIES.next(buffer);
            if (reply != null) {
                return reply;
            }
            if (buffer.readFrom(stream) < 0) {
                if (buffer.readable() == 0) {
                    return null;
                }
                throw new EOFException("connection closed after " + buffer.readable() + " bytes of a reply");
            }
        }
    }

    /** Appends {@code value} as RESP2 to {@code out} (see {@link RespSerializer}). */
    public static void write(RespValue value, ReplyWriter out) {
        RespSerializer.write(value, out);
    }

    /** @return {@code value} as RESP2 bytes */
    public static byte[] serialize(RespValue value) {
        return RespSerializer.serialize(value);
    }

    /**
     * Client side: a command as clients send it, a multibulk of bulk strings.
     * {@code [SET, k, v]} becomes {@code *3\r\n$3\r\nSET\r\n$1\r\nk\r\n$1\r\nv\r\n}.
     *
     * @param args the command name and its arguments, any bytes
     * @return the request bytes
     */
    public static byte[] encodeCommand(List<byte[]> args) {
        // *<count>\r\n, then $<len>\r\n<arg>\r\n per argument: a RESP array of bulk strings
        return RespSerializer.serialize(new RespArray(args.stream().<RespValue>map(BulkString::new).toList()));
    }

    /** Like {@link #encodeCommand(List)}, each argument encoded as UTF-8. */
    public static byte[] encodeCommand(String... args) {
        return encodeCommand(java.util.Arrays.stream(args).map(a -> a.getBytes(StandardCharsets.UTF_8)).toList());
    }
}
