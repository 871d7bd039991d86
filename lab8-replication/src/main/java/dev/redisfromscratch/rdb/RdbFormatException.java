package dev.redisfromscratch.rdb;

import java.io.IOException;

/**
 * An RDB input this reader refuses: not an RDB file, a version it does not read, a type or opcode
 * it does not support, a wrong checksum, or data that ends early or contradicts itself. The message
 * says what was wrong and, where there is one, the byte offset in the input where it was found
 * ({@code "... at offset 1234"}).
 *
 * <p>Redis: {@code rdb.c}, {@code rdbReportError} ({@code rdbReportCorruptRDB},
 * {@code rdbReportReadError}): Redis logs "Internal error in RDB reading offset ..." and stops.
 */
public class RdbFormatException extends IOException {
    private static final long serialVersionUID = 1L;

    /** @param message what was wrong, and where */
    public RdbFormatException(String message) {
        super(message);
    }

    /** @param message what was wrong, and where; {@code cause} is what found it */
    public RdbFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
