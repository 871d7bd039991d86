package dev.redisfromscratch.tcp;

import java.io.Closeable;
import java.io.IOException;

/**
 * A lab's server as the outside sees it: start it, ask its port, stop it. {@code ./lab run}, the
 * tests and the black-box fixtures start every lab's server through this one interface, whatever
 * its inside (one blocking thread in labs 1–4, a thread per client in lab 5, an event loop in lab 7).
 */
public interface Server extends Closeable {
    /**
     * Binds the configured address and port (port 0: any free one, which the configuration then
     * records) and starts serving on a background thread.
     *
     * @return the port it listens on
     * @throws java.net.BindException if the port is taken
     * @throws IOException for other socket errors
     */
    int start() throws IOException;

    /** @return the port it listens on, once started */
    int port();

    /**
     * Waits until the server has stopped: after {@link #close()}, or after a bug stopped it.
     *
     * @throws InterruptedException if the waiting thread is interrupted
     */
    void awaitStop() throws InterruptedException;

    /** Stops accepting and closes the listening socket; idempotent. */
    @Override
    void close();
}
