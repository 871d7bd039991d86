package dev.redisfromscratch.server;

import dev.redisfromscratch.config.ServerConfig;
import dev.redisfromscratch.limits.ClientLimits;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

/**
 * Lab 7's server, composed: lab 6's server (lab 5's with lists, sets and blocking pops), served by
 * one event-loop thread instead of a thread per client. The commands, the keyspace, persistence and
 * the client list are the earlier labs' own; only the {@link Transport} changes, through lab 5's
 * {@link ServerExtension#transport()} seam.
 *
 * <p>Redis: {@code server.c}, {@code initServer} and {@code aeMain}; {@code ae.c}.
 */
public final class ConcurrencyServer implements ServerExtension {
    private ConcurrencyServer() {
    }

    /** @return lab 6's additions and lab 7's transport, for {@link IntegratedServer#create} and the test fixtures */
    public static List<ServerExtension> extensions() {
        List<ServerExtension> all = new ArrayList<>(ListsSetsServer.extensions());
        all.add(new ConcurrencyServer());
        return List.copyOf(all);
    }

    /**
     * @param config address, port and every parameter; the earlier labs' defaults are added
     * @param clock the server's clock (tests pass a {@code ManualClock})
     * @param log receives the server's log lines
     * @return a server, not loaded or started yet
     * @throws IllegalArgumentException for a bad parameter, with Redis's wording where it has one
     */
    public static IntegratedServer create(ServerConfig config, Clock clock, Consumer<String> log) {
        return create(config, clock, PersistentServer::backgroundThread, log);
    }

    /** The same, with the executor background saves run on. */
    public static IntegratedServer create(ServerConfig config, Clock clock, Executor background, Consumer<String> log) {
        return IntegratedServer.create(config, clock, background, log, extensions());
    }

    @Override
    public void extend(IntegratedServer.Parts parts) {
        // lab 7's hooks (beforeSleep: fast active expiry, blocked clients) are wired here
        ClientLimits.install(parts); // client-query-buffer-limit; the output buffer limit after each reply
    }

    @Override
    public Transport transport() {
        return Transport.THREAD_PER_CLIENT; // placeholder until the event loop lands
    }
}
