package dev.redisfromscratch.snapshot;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A snapshot file that cannot be loaded: corrupt, cut short, or not a snapshot. The server refuses
 * to start, prints {@link #getMessage()} (one line that names the file and where it broke) and
 * leaves the file as it is, as Redis refuses a bad RDB file rather than start empty and overwrite
 * it at the next save.
 *
 * <p>Redis: {@code rdb.c}, {@code rdbReportCorruptRDB} ("Short read or OOM loading DB. Unrecoverable
 * error, aborting now."); the JSON parser here knows the line, column and byte where it broke.
 */
public final class SnapshotFormatException extends IOException {
    private final long line;
    private final long byteOffset;

    /**
     * @param file the snapshot file
     * @param reason what was wrong, e.g. {@code Unexpected end-of-input}
     * @param line the line where it broke, from 1
     * @param column the column, from 1
     * @param byteOffset the byte offset from the start of the file, from 0; -1 if unknown
     */
    public SnapshotFormatException(Path file, String reason, long line, long column, long byteOffset) {
        super("Bad snapshot file " + file + " at line " + line + ", column " + column
                + (byteOffset >= 0 ? " (byte " + byteOffset + ")" : "") + ": " + reason
                + ". Refusing to start; the file was left as it is.");
        this.line = line;
        this.byteOffset = byteOffset;
    }

    /** @return the line where the file broke, from 1 */
    public long line() {
        return line;
    }

    /** @return the byte offset where the file broke, from 0, or -1 if unknown */
    public long byteOffset() {
        return byteOffset;
    }
}
