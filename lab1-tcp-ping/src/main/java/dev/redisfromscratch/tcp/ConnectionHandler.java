package dev.redisfromscratch.tcp;

import java.io.IOException;

/**
 * Serves one accepted client from its first byte to its disconnect. {@link BlockingServer} calls
 * it on its only thread, so while it runs no other client is served: that is lab 1's lesson.
 */
@FunctionalInterface
public interface ConnectionHandler {
    /**
     * Serves the client until it disconnects or must be disconnected; then returns. The server
     * closes the socket afterwards.
     *
     * @throws IOException if the connection breaks; the server logs it and accepts the next client
     */
    void serve(ClientConnection connection) throws IOException;
}
