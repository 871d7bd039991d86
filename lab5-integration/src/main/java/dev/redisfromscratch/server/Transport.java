package dev.redisfromscratch.server;

import dev.redisfromscratch.clients.ClientRegistry;
import dev.redisfromscratch.config.ServerConfig;
import dev.redisfromscratch.networking.RequestLoop;
import dev.redisfromscratch.tcp.Server;
import dev.redisfromscratch.tcp.ServerCron;
import dev.redisfromscratch.threaded.GlobalLock;
import dev.redisfromscratch.threaded.ThreadedServer;
import java.time.Clock;
import java.util.function.Consumer;

/**
 * How the integrated server's clients are served: the part that accepts connections, reads their
 * requests into the {@link RequestLoop} and sends the replies, and runs the cron. Everything above
 * it (commands, keyspace, persistence, the client list) is the same whichever transport serves it.
 *
 * <pre>
 *   lab 5   THREAD_PER_CLIENT   threaded.ThreadedServer: a thread per client under one GlobalLock
 *   lab 7   an event loop       one thread and a Selector (Redis's ae.c)
 * </pre>
 *
 * <p>A later lab picks its transport through {@link ServerExtension#transport()}; the last
 * extension that names one wins.
 *
 * <p>Redis: {@code server.c}, {@code initServer} ({@code aeCreateEventLoop},
 * {@code aeCreateFileEvent} for the listening socket) and {@code main}'s {@code aeMain}.
 */
@FunctionalInterface
public interface Transport {
    /** Lab 5's transport: a thread per client, commands under one global lock. */
    Transport THREAD_PER_CLIENT = ThreadedServer::new;

    /**
     * Makes the server that serves clients; it binds and starts on {@link Server#start()}.
     *
     * @param config bind address, port, {@code maxclients}, {@code timeout}, {@code hz}; read again
     *     on each use, so {@code CONFIG SET} takes effect at once
     * @param requests the request loop that turns a client's bytes into replies
     * @param cron the periodic work (active expiry, save points, the append-only file, lab 5's and
     *     the extensions' cron), to run every {@code cron.intervalMillis()} ms with the lock held
     * @param lock the global lock: code that runs as a command does holds it (tests, benchmarks,
     *     other threads' work)
     * @param clients the client list, shared with {@code CLIENT} and {@code INFO}
     * @param clock the server's clock (connection ages, idle times)
     * @param log one line per event
     * @return the server, not bound yet
     */
    Server serve(ServerConfig config, RequestLoop requests, ServerCron cron, GlobalLock lock,
                 ClientRegistry clients, Clock clock, Consumer<String> log);
}
