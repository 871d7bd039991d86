package dev.redisfromscratch.server;

import dev.redisfromscratch.config.ServerConfig;
import dev.redisfromscratch.eventloop.EventLoop;
import dev.redisfromscratch.eventloop.EventLoopServer;
import dev.redisfromscratch.eventloop.QuietClientBuffers;
import dev.redisfromscratch.expire.FastExpireCycle;
import dev.redisfromscratch.limits.ClientLimits;
import dev.redisfromscratch.persistence.Persistence;
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
    /**
     * One instance per server: it keeps the {@code beforeSleep} hooks {@link #extend} makes for the
     * transport it returns. Public so that lab 5's test fixtures can add it to an earlier lab's
     * extensions ({@code server.TransportUnderTest}).
     */
    public ConcurrencyServer() {
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

    private final List<Runnable> beforeSleep = new ArrayList<>();
    private final List<Consumer<EventLoopServer>> whenServing = new ArrayList<>();
    private Persistence persistence; // set by extend, before transport() is asked

    @Override
    public void extend(IntegratedServer.Parts parts) {
        // beforeSleep, after the unblocked clients' requests: the fast active-expire cycle
        beforeSleep.add(new FastExpireCycle(parts.dbs(), parts.config()::cronIntervalMillis)::run);
        beforeSleep.add(ClientLimits.install(parts)); // query buffer limit; output buffer limit after each reply
        parts.server().addCron(new QuietClientBuffers(parts.clients(), parts.clock())); // idle clients hold no query buffer
        persistence = parts.server().persistence();
    }

    /**
     * Hears of the event-loop server once {@link #transport()} has made it, before it starts: a later
     * lab that needs the loop itself (lab 8's replica registers its link to the primary, and its
     * timers) asks here. Call from {@link ServerExtension#extend}.
     *
     * @param hook given the server; {@link EventLoopServer#loop()} is set once it has started
     */
    public void whenServing(Consumer<EventLoopServer> hook) {
        whenServing.add(hook);
    }

    /** @return the event loop ({@link EventLoopServer}), with this server's {@code beforeSleep} hooks */
    @Override
    public Transport transport() {
        return (config, requests, cron, lock, clients, clock, log) -> {
            EventLoopServer server = new EventLoopServer(config, requests, cron, lock, clients, clock, log);
            beforeSleep.forEach(server::addBeforeSleep);
            // BGSAVE's and BGREWRITEAOF's end: the background thread queues the result's handling
            // on the loop and wakes it, instead of waiting for the next cron run
            persistence.onBackgroundWorkEnded(() -> {
                EventLoop loop = server.loop();
                if (loop != null) {
                    loop.execute(persistence::checkBackgroundDone);
                }
            });
            whenServing.forEach(hook -> hook.accept(server));
            return server;
        };
    }
}
