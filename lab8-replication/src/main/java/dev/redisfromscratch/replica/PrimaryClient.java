package dev.redisfromscratch.replica;

import dev.redisfromscratch.client.Client;
import dev.redisfromscratch.clients.ClientConnection;

/**
 * The primary as a client of this replica, once its stream flows: {@code CLIENT LIST} shows it
 * ({@code flags=M}), the idle timeout skips it, and {@code CLIENT KILL TYPE master} drops the link
 * (which is made again at the next second, with {@code PSYNC}). Its replies are never sent.
 *
 * <p>Redis: {@code replication.c}, {@code replicationCreateMasterClient} ({@code CLIENT_MASTER}).
 */
final class PrimaryClient implements ClientConnection {
    private final Client client;
    private final PrimaryLink link;
    private final String localAddress;
    private final long createdMillis;
    private long lastInteractionMillis;

    PrimaryClient(Client client, PrimaryLink link, String localAddress, long createdMillis) {
        this.client = client;
        this.link = link;
        this.localAddress = localAddress;
        this.createdMillis = createdMillis;
        this.lastInteractionMillis = createdMillis;
    }

    void touched(long nowMillis) {
        lastInteractionMillis = nowMillis;
    }

    @Override
    public Client client() {
        return client;
    }

    @Override
    public String localAddress() {
        return localAddress;
    }

    @Override
    public int fd() {
        return -1;
    }

    @Override
    public long createdMillis() {
        return createdMillis;
    }

    @Override
    public long lastInteractionMillis() {
        return lastInteractionMillis;
    }

    @Override
    public long pendingOutputBytes() {
        return 0;
    }

    /**
     * {@code CLIENT KILL}: the link is dropped, its state cached for a partial resynchronization.
     * The server's shutdown (which closes every client) just closes the socket.
     */
    @Override
    public void close() {
        link.closedFromOutside();
    }
}
