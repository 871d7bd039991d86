package dev.redisfromscratch.protocol;

import java.util.List;

/**
 * Frames inline commands: one command per line, ending in {@code \n} or {@code \r\n}, split into
 * arguments by {@link InlineTokenizer}. This is what {@code telnet} and {@code nc} send.
 *
 * <p>Wire format: {@code PING hello\r\n} or {@code PING hello\n}.
 *
 * <p>Errors, as Redis replies them before closing the connection:
 * <ul>
 *   <li>more than 64 KiB buffered with no newline: {@code Protocol error: too big inline request};
 *   <li>a quote left open: {@code Protocol error: unbalanced quotes in request}.
 * </ul>
 * An empty line (or one of only spaces) is ignored, with no reply. A NUL byte hides any newline
 * after it (see {@link #findNewline}).
 *
 * <p>Redis: {@code networking.c}, {@code processInlineBuffer}; the limit is
 * {@code PROTO_INLINE_MAX_SIZE} in {@code server.h}.
 */
public final class InlineFramer implements RequestFramer {
    /** The longest inline request Redis buffers while waiting for its newline: 64 KiB. */
    public static final int MAX_INLINE_BYTES = 64 * 1024;

    @Override
    public List<byte[]> next(QueryBuffer in) throws ProtocolException {
        // BEGIN SOLUTION
        int newline = findNewline(in);
        if (newline < 0) {
            // No whole line yet. Keep waiting, unless the client is flooding us.
            if (in.readable() > MAX_INLINE_BYTES) {
                throw new ProtocolException("too big inline request");
            }
            return null;
        }
        int lineEnd = newline; // drop the \r of a \r\n ending
        if (lineEnd > 0 && in.get(lineEnd - 1) == '\r') {
            lineEnd--;
        }
        List<byte[]> args = InlineTokenizer.split(in.array(), in.start(), in.start() + lineEnd);
        in.skip(newline + 1);
        return args;
        // END SOLUTION
        // STUB: throw new UnsupportedOperationException("TODO(lab1): stage 2: frame one inline command: find its newline, split the line, skip it");
    }

    /**
     * @return the offset of the first {@code \n}, or -1 if none has arrived. A NUL byte before it
     *     hides it, because Redis looks for the newline with C's {@code strchr}, which stops at NUL:
     *     {@code PING\0\r\n} is never executed, and the bytes pile up until the 64 KiB limit.
     */
    private static int findNewline(QueryBuffer in) {
        for (int i = 0; i < in.readable(); i++) {
            byte b = in.get(i);
            if (b == '\n') {
                return i;
            }
            if (b == 0) {
                return -1;
            }
        }
        return -1;
    }
}
