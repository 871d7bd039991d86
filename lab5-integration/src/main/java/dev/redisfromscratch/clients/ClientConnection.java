package dev.redisfromscratch.clients;

import dev.redisfromscratch.client.Client;

/**
 * A connected client as the server's client list sees it: the {@link Client} (buffers, flags,
 * selected database) plus what only the connection knows (its socket's local address, when it
 * connected, when it last sent something) and the way to close it from another client's command
 * ({@code CLIENT KILL}) or from the cron (an idle client past {@code timeout}).
 *
 * <p>Lab 5's thread-per-client connection and lab 7's event-loop connection both implement it, so
 * {@code CLIENT LIST}, {@code INFO clients} and the idle timeout are written once.
 *
 * <p>Redis: the connection half of {@code struct client} in {@code server.h} ({@code conn},
 * {@code ctime}, {@code lastinteraction}).
 */
public interface ClientConnection {
    /** @return the client: id, address, name, flags, db, buffers */
    Client client();

    /** @return the socket's local address as {@code ip:port} ({@code laddr} in {@code CLIENT LIST}) */
    String localAddress();

    /** @return the socket's file descriptor number if known, else -1 ({@code fd}) */
    int fd();

    /** @return when the client connected, Unix time in ms (the server's clock) */
    long createdMillis();

    /** @return when the client last sent bytes or was last served, Unix time in ms */
    long lastInteractionMillis();

    /**
     * @return bytes waiting in the reply buffer, not yet taken by the socket ({@code omem}); the
     *     output buffer limits compare it with theirs
     */
    long pendingOutputBytes();

    /**
     * @return whether the connection waits for its socket to take more output (it could not send
     *     all of it at once): {@code CLIENT LIST} shows {@code events=rw} then
     */
    default boolean waitingToWrite() {
        return false;
    }

    /**
     * Closes the connection from outside its own request: the socket is closed at once, its
     * thread (or the event loop) notices and forgets the client. Safe to call twice.
     *
     * <p>Redis: {@code networking.c}, {@code freeClient}, {@code freeClientAsync}.
     */
    void close();
}
