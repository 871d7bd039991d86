package dev.redisfromscratch.clients;

import dev.redisfromscratch.server.IntegratedServerFixture;
import java.time.Duration;

/** What the server's client list says, read as the server reads it: under the global lock. */
final class ConnectedClients {
    private ConnectedClients() {
    }

    /** @return how many clients are connected now */
    static int count(IntegratedServerFixture fx) {
        fx.server.lock().lock();
        try {
            return fx.server.clients().size();
        } finally {
            fx.server.lock().unlock();
        }
    }

    /**
     * Waits until no client is connected, or {@code timeout} passes. A client's thread leaves the
     * list on its own once it sees its socket closed, so this polls, with a deadline.
     *
     * @return how many are still connected
     */
    static int awaitNone(IntegratedServerFixture fx, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        int n;
        while ((n = count(fx)) > 0 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        return n;
    }
}
