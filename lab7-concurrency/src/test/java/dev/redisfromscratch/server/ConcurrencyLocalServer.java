package dev.redisfromscratch.server;

import dev.redisfromscratch.testkit.blackbox.LocalServer;

/**
 * Lab 7's own server for its black-box suite: lab 5's {@link IntegratedLocalServer} (real clock,
 * no save points, AOF off, a temp directory removed afterwards) with lab 7's
 * {@link ConcurrencyServer#extensions()}. {@code @BlackBox(local = ...)} needs a class with a public
 * no-argument constructor, hence this one.
 */
public final class ConcurrencyLocalServer implements LocalServer {
    private final IntegratedLocalServer server = new IntegratedLocalServer(ConcurrencyServer.extensions());

    @Override
    public int start() throws Exception {
        return server.start();
    }

    @Override
    public void close() {
        server.close();
    }
}
