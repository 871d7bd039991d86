package dev.redisfromscratch.client;

/**
 * What the server knows about a client beyond its buffers. Lab 1 uses only
 * {@link #CLOSE_AFTER_REPLY}; the others are here for the labs that set them.
 *
 * <p>Redis: {@code server.h}, {@code CLIENT_CLOSE_AFTER_REPLY}, {@code CLIENT_MULTI},
 * {@code CLIENT_PUBSUB}, {@code CLIENT_SLAVE}, {@code CLIENT_MASTER}, {@code CLIENT_BLOCKED}.
 */
public enum ClientFlag {
    /** Close the connection once the pending replies are written (QUIT, a protocol error). */
    CLOSE_AFTER_REPLY,
    /** Authenticated with AUTH (lab 5). */
    AUTHENTICATED,
    /** Inside MULTI: commands are queued until EXEC (lab 5). */
    MULTI,
    /** Subscribed to a channel: only (P)SUBSCRIBE, (P)UNSUBSCRIBE, PING and QUIT are allowed (lab 5). */
    PUBSUB,
    /** Waiting in a blocking command such as BLPOP (lab 6). */
    BLOCKED,
    /** This connection is a replica of ours (lab 8). */
    REPLICA,
    /** This connection is our primary, streaming its writes to us (lab 8). */
    PRIMARY
}
