package dev.redisfromscratch.server;

import dev.redisfromscratch.testkit.blackbox.LocalServer;

/**
 * Lab 8's own server for its black-box suite: lab 5's {@link IntegratedLocalServer} (real clock,
 * no save points, AOF off, a temp directory removed afterwards) with lab 8's
 * {@link ReplicationServer#extensions()}. {@code @BlackBox(local = ...)} needs a class with a public
 * no-argument constructor, hence this one.
 */
public final class ReplicationLocalServer implements LocalServer {
    private final IntegratedLocalServer server = new IntegratedLocalServer(ReplicationServer.extensions());

    @Override
    public int start() throws Exception {
        return server.start();
    }

    @Override
    public void close() {
        server.close();
    }
}
