package dev.redisfromscratch.aof;

import java.util.Locale;

/**
 * When the append-only file's writes are forced to the disk ({@code appendfsync}): the trade-off
 * between how much an acknowledged write may be lost and how fast writes are.
 *
 * <pre>
 *   always    fsync before any reply leaves          a crash loses nothing acknowledged; one fsync per batch
 *   everysec  fsync once a second, on another thread a power cut loses up to ~1 s (a process crash: nothing)
 *   no        never fsync; the OS flushes when it likes (Linux: within ~30 s)
 * </pre>
 *
 * <p>Redis: {@code redis.conf}, {@code appendfsync}; {@code aof.c}, {@code flushAppendOnlyFile}.
 */
public enum FsyncPolicy {
    /** fsync after every write, before the replies it covers are sent. */
    ALWAYS,
    /** fsync once a second on a background thread (Redis's default). */
    EVERYSEC,
    /** Leave it to the operating system. */
    NO;

    /** @return the configuration value, e.g. {@code everysec} */
    public String configValue() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * @param value {@code always}, {@code everysec} or {@code no}, in any case
     * @throws IllegalArgumentException for anything else
     */
    public static FsyncPolicy parse(String value) {
        for (FsyncPolicy p : values()) {
            if (p.configValue().equalsIgnoreCase(value)) {
                return p;
            }
        }
        throw new IllegalArgumentException("argument(s) must be one of the following: always, everysec, no");
    }
}
