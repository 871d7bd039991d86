package dev.redisfromscratch.eventloop;

import dev.redisfromscratch.clients.ClientConnection;
import dev.redisfromscratch.clients.ClientRegistry;
import java.time.Clock;

/**
 * A cron job that frees the query buffer of every client quiet for more than
 * {@value #QUIET_MILLIS} ms whose buffer holds nothing unread. With the loop's shared read array
 * ({@code QueryBuffer.readFrom(channel, shared)}), a client keeps an array of its own only while a
 * request of it is unfinished or it stays busy; this gives that array back once it goes quiet, so
 * ten thousand idle connections hold no query buffers at all.
 *
 * <p>Redis: {@code server.c}, {@code clientsCronResizeQueryBuffer} (frees the spare room of a
 * client idle for more than 2 seconds).
 */
public final class QuietClientBuffers implements Runnable {
    /** How long a client must have sent nothing before its buffer is freed, in ms (Redis: idle &gt; 2 s). */
    public static final long QUIET_MILLIS = 2_000;

    private final ClientRegistry clients;
    private final Clock clock;

    /**
     * @param clients the connected clients
     * @param clock the server's clock ({@code lastinteraction} is read on it)
     */
    public QuietClientBuffers(ClientRegistry clients, Clock clock) {
        this.clients = clients;
        this.clock = clock;
    }

    /** Frees the empty query buffers of the clients quiet for more than {@link #QUIET_MILLIS} ms; on the loop. */
    @Override
    public void run() {
        long now = clock.millis();
        for (ClientConnection c : clients.all()) {
            if (now - c.lastInteractionMillis() > QUIET_MILLIS) {
                c.client().query().releaseIfEmpty();
            }
        }
    }
}
