package dev.redisfromscratch.command;

import java.util.Locale;

/**
 * Redis's command flags: facts about a command that the server acts on without running it.
 * {@code COMMAND INFO} reports them, in this order, as simple strings ({@code +write}).
 *
 * <ul>
 *   <li>{@link #WRITE}: may change the keyspace, so its effect is propagated (lab 4's append-only
 *       file, lab 8's replicas) and a replica refuses it from clients;
 *   <li>{@link #READONLY}: only reads keys;
 *   <li>{@link #DENYOOM}: may use more memory, so it is refused when {@code maxmemory} is reached;
 *   <li>{@link #FAST}: O(1) or O(log N), never blocks for long; anything else is {@code @slow};
 *   <li>{@link #LOADING}, {@link #STALE}: allowed while the server loads its data, and on a replica
 *       whose data is stale (lab 8);
 *   <li>{@link #NOSCRIPT}, {@link #ADMIN}, {@link #PUBSUB}, {@link #BLOCKING}, {@link #NO_AUTH},
 *       {@link #ALLOW_BUSY}, ...: as their names say.
 * </ul>
 *
 * <p>Redis: {@code server.h}, {@code CMD_WRITE} and the other {@code CMD_*} bits (this enum keeps
 * their order); {@code server.c}, {@code addCommandFlags}.
 */
public enum CommandFlag {
    /** May modify the keyspace. */
    WRITE,
    /** Only reads the keyspace. */
    READONLY,
    /** May increase memory use: refused at {@code maxmemory}. */
    DENYOOM,
    /** A module's command. */
    MODULE,
    /** An administrative command (CONFIG, SAVE, ...). */
    ADMIN,
    /** A publish/subscribe command. */
    PUBSUB,
    /** Not allowed in scripts. */
    NOSCRIPT,
    /** May block the client (BLPOP). */
    BLOCKING,
    /** Allowed while the server loads its data. */
    LOADING,
    /** Allowed on a replica with stale data. */
    STALE,
    /** Not shown by MONITOR. */
    SKIP_MONITOR,
    /** Not logged by SLOWLOG. */
    SKIP_SLOWLOG,
    /** Cluster: allowed on an importing slot. */
    ASKING,
    /** Runs in O(1) or O(log N). */
    FAST,
    /** Allowed before AUTH. */
    NO_AUTH,
    /** May replicate although not a write (PUBLISH, EVAL). */
    MAY_REPLICATE,
    /** Sentinel mode only. */
    SENTINEL,
    /** Only in sentinel mode. */
    ONLY_SENTINEL,
    /** Its keys are optional. */
    NO_MANDATORY_KEYS,
    /** Refused during asynchronous loading. */
    NO_ASYNC_LOADING,
    /** Not allowed inside MULTI. */
    NO_MULTI,
    /** Its keys are found by parsing its arguments. */
    MOVABLEKEYS,
    /** Allowed while a script is busy. */
    ALLOW_BUSY;

        /**
     * @return whether {@code COMMAND INFO} lists this flag: Redis hides {@code may_replicate},
     *     {@code sentinel} and {@code only_sentinel} on purpose ({@code server.c},
     *     {@code addReplyCommandFlags}), though its command table has them
     */
    public boolean isReported() {
        return this != MAY_REPLICATE && this != SENTINEL && this != ONLY_SENTINEL;
    }

/** @return the name {@code COMMAND INFO} reports, e.g. {@code "denyoom"} */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
