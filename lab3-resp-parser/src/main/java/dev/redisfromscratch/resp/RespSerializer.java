package dev.redisfromscratch.resp;

import dev.redisfromscratch.protocol.ReplyWriter;

/**
 * Writes {@link RespValue}s as RESP2 bytes, through lab 1's {@link ReplyWriter}: one encoder for
 * the whole workbook, whether a command replies with a typed value or calls the writer directly.
 *
 * <pre>
 *   SimpleString     +&lt;text&gt;\r\n
 *   SimpleError      -&lt;message&gt;\r\n
 *   RespInteger      :&lt;n&gt;\r\n
 *   BulkString       $&lt;len&gt;\r\n&lt;payload&gt;\r\n
 *   NullBulkString   $-1\r\n
 *   RespArray        *&lt;count&gt;\r\n, then each element in turn
 *   NullArray        *-1\r\n
 * </pre>
 *
 * <p>Arrays are written recursively, one Java stack frame per level of nesting.
 *
 * <p>Redis: {@code networking.c}, {@code addReplyStatus}, {@code addReplyError},
 * {@code addReplyLongLong}, {@code addReplyBulk}, {@code addReplyNull}, {@code addReplyArrayLen}.
 */
public final class RespSerializer {
    private RespSerializer() {
    }

    /** Appends {@code value} to {@code out}. */
    public static void write(RespValue value, ReplyWriter out) {
        // BEGIN SOLUTION
        if (SimpleString.OK.equals(value)) {
            out.raw(ReplyWriter.OK);                    // +OK\r\n, shared (Redis: shared.ok)
        } else if (SimpleString.PONG.equals(value)) {
            out.raw(ReplyWriter.PONG);                  // +PONG\r\n, shared (Redis: shared.pong)
        } else if (value instanceof SimpleString s) {
            out.simpleString(s.text());                 // +<text>\r\n
        } else if (value instanceof SimpleError e) {
            out.error(e.message());                     // -<message>\r\n
        } else if (value instanceof RespInteger i) {
            out.integer(i.value());                     // :<n>\r\n
        } else if (value instanceof BulkString b) {
            out.bulk(b.bytes());                        // $<len>\r\n<payload>\r\n
        } else if (value instanceof NullBulkString) {
            out.nullBulk();                             // $-1\r\n
        } else if (value instanceof RespArray a) {
            out.arrayHeader(a.size());                  // *<count>\r\n
            for (RespValue element : a.elements()) {
                write(element, out);                    // then each element
            }
        } else if (value instanceof NullArray) {
            out.nullArray();                            // *-1\r\n
        } else {
            // RespValue is sealed, so this is unreachable; Java 17 cannot check an if-chain for it.
            throw new IllegalArgumentException("not a RESP2 value: " + value);
        }
        // END SOLUTION
        // STUB: throw new UnsupportedOperationException("TODO(lab3): stage 2: write the value as RESP2 bytes through the ReplyWriter");
    }

    /** @return {@code value} as RESP2 bytes */
    public static byte[] serialize(RespValue value) {
        ReplyWriter out = new ReplyWriter();
        write(value, out);
        return out.toByteArray();
    }
}
