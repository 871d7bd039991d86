package dev.redisfromscratch.aof;

import java.io.IOException;

/**
 * An append-only file damaged before its last command, or holding a command this server does not
 * know: the server refuses to start (a torn last command, by contrast, is cut off). The message is
 * one line that names the file and the byte offset where the damage starts, the same offset
 * {@code redis-check-aof} reports as {@code ok_up_to}.
 *
 * <p>Redis: {@code aof.c}, {@code loadSingleAppendOnlyFile} ({@code fmterr}: "Bad file format
 * reading the append only file ...").
 */
public final class AofFormatException extends IOException {
    private final long offset;

    /**
     * @param offset where the damaged command starts, in bytes from the start of the file
     * @param message the one line to print
     */
    public AofFormatException(long offset, String message) {
        super(message);
        this.offset = offset;
    }

    /** @return a byte as a reader sees it: {@code 'x'} if printable, else {@code '\n'} or {@code '\xff'} */
    public static String show(byte b) {
        if (b >= 0x20 && b < 0x7f) {
            return "'" + (char) b + "'";
        }
        return switch (b) {
            case '\r' -> "'\\r'";
            case '\n' -> "'\\n'";
            default -> String.format("'\\x%02x'", b & 0xff);
        };
    }

    /** @return {@code text} with its control characters escaped, so that it prints on one line */
    public static String oneLine(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            out.append(c < 0x20 || c == 0x7f ? show((byte) c).replace("'", "") : String.valueOf(c));
        }
        return out.toString();
    }

    /** @return where the damaged command starts, in bytes from the start of the file */
    public long offset() {
        return offset;
    }
}
