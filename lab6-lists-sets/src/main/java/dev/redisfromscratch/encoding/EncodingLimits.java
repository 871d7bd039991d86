package dev.redisfromscratch.encoding;

/**
 * The thresholds at which a list or a set leaves its compact encoding, as Redis's configuration
 * names them. {@code CONFIG SET} changes them at run time; a value already converted stays
 * converted, except that a list of one node at most half the node limit shrinks to a listpack
 * again, as in Redis 7.2 ({@code lists.ListValue}).
 *
 * <ul>
 *   <li>{@code list-max-listpack-size}: a quicklist node's limit. Negative: its size in bytes,
 *       {@code -1} 4 KB ... {@code -5} 64 KB ({@code -2}, 8 KB, by default); positive: its number
 *       of entries.</li>
 *   <li>{@code set-max-intset-entries} (512): the most members an intset holds.</li>
 *   <li>{@code set-max-listpack-entries} (128) and {@code set-max-listpack-value} (64 bytes): the
 *       most members, and the longest member, a listpack set holds (Redis 7.2's small sets).</li>
 * </ul>
 *
 * <p>Read by the commands on each write, so they are plain volatile fields.
 *
 * <p>Redis: {@code redis.conf} ("ADVANCED CONFIG"); {@code quicklist.c},
 * {@code optimization_level} and {@code _quicklistNodeAllowInsert}; {@code t_set.c},
 * {@code setTypeMaybeConvert} (7.2).
 */
public final class EncodingLimits {
    /** {@code list-max-listpack-size}'s default: 8 KB nodes. */
    public static final int LIST_MAX_LISTPACK_SIZE = -2;
    /** {@code set-max-intset-entries}'s default. */
    public static final int SET_MAX_INTSET_ENTRIES = 512;
    /** {@code set-max-listpack-entries}'s default. */
    public static final int SET_MAX_LISTPACK_ENTRIES = 128;
    /** {@code set-max-listpack-value}'s default, bytes. */
    public static final int SET_MAX_LISTPACK_VALUE = 64;

    private static final int[] NODE_BYTES = {4096, 8192, 16384, 32768, 65536}; // -1 .. -5

    private volatile int listMaxListpackSize = LIST_MAX_LISTPACK_SIZE;
    private volatile int setMaxIntsetEntries = SET_MAX_INTSET_ENTRIES;
    private volatile int setMaxListpackEntries = SET_MAX_LISTPACK_ENTRIES;
    private volatile int setMaxListpackValue = SET_MAX_LISTPACK_VALUE;

    /** @return Redis's defaults */
    public static EncodingLimits defaults() {
        return new EncodingLimits();
    }

    /** @return {@code list-max-listpack-size}: negative for a size class, positive for entries */
    public int listMaxListpackSize() {
        return listMaxListpackSize;
    }

    /** @param value {@code list-max-listpack-size}: {@code -5..-1}, or a positive number of entries */
    public void listMaxListpackSize(int value) {
        this.listMaxListpackSize = value;
    }

    /**
     * Whether a quicklist node of {@code entries} entries and {@code bytes} bytes may take one more
     * entry of {@code moreBytes} bytes.
     *
     * @param entries the node's entries now
     * @param bytes the node's size now, bytes
     * @param moreBytes the new entry's size, bytes
     * @return true if it fits under {@code list-max-listpack-size}
     */
    public boolean nodeAllows(int entries, int bytes, int moreBytes) {
        int limit = listMaxListpackSize;
        if (limit >= 0) {
            return entries < Math.max(limit, 1);
        }
        int cls = Math.min(-limit, NODE_BYTES.length) - 1;
        return bytes + moreBytes <= NODE_BYTES[cls];
    }

    /** @return {@code set-max-intset-entries} */
    public int setMaxIntsetEntries() {
        return setMaxIntsetEntries;
    }

    /** @param value {@code set-max-intset-entries} */
    public void setMaxIntsetEntries(int value) {
        this.setMaxIntsetEntries = value;
    }

    /** @return {@code set-max-listpack-entries} */
    public int setMaxListpackEntries() {
        return setMaxListpackEntries;
    }

    /** @param value {@code set-max-listpack-entries} */
    public void setMaxListpackEntries(int value) {
        this.setMaxListpackEntries = value;
    }

    /** @return {@code set-max-listpack-value}, bytes */
    public int setMaxListpackValue() {
        return setMaxListpackValue;
    }

    /** @param value {@code set-max-listpack-value}, bytes */
    public void setMaxListpackValue(int value) {
        this.setMaxListpackValue = value;
    }
}
