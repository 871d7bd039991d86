package dev.redisfromscratch.store;

/**
 * Who may delete a key whose time has passed.
 *
 * <ul>
 *   <li>{@link #PRIMARY}: this server owns its keys. Lazy expiry deletes an expired key when it is
 *       touched, the active cycle reclaims the rest, and each deletion is propagated as {@code DEL}.
 *   <li>{@link #REPLICA}: the primary owns the keys (lab 8). An expired key reads as missing, so
 *       clients never see stale data, but it stays in memory until the primary's {@code DEL}
 *       arrives; the active cycle does nothing. A replica's data thus never diverges from its primary's.
 *   <li>{@link #LOADING}: the data is being loaded from a snapshot or an append-only file (lab 4),
 *       or replayed: nothing expires, because the replay itself carries the {@code DEL}s, and
 *       expiring halfway would make a later command in the file act on a missing key.
 * </ul>
 *
 * <p>Redis: {@code db.c}, {@code expireIfNeeded} ({@code server.masterhost},
 * {@code server.loading}); {@code expire.c}, {@code activeExpireCycle} runs on primaries only.
 */
public enum ExpiryMode {
    /** Expired keys are deleted, lazily and actively. */
    PRIMARY,
    /** Expired keys read as missing but are never deleted here. */
    REPLICA,
    /** Keys never expire. */
    LOADING
}
