package dev.redisfromscratch.server;

import dev.redisfromscratch.blocking.BlockingCommands;
import dev.redisfromscratch.config.ServerConfig;
import dev.redisfromscratch.encoding.EncodingConfig;
import dev.redisfromscratch.encoding.EncodingLimits;
import dev.redisfromscratch.lists.ListCommands;
import dev.redisfromscratch.sets.SetCommands;
import dev.redisfromscratch.snapshot.CollectionCodecs;
import dev.redisfromscratch.snapshot.ValueCodecs;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

/**
 * Lab 6's server, composed: lab 5's integrated server with lists, sets and the blocking pops added
 * through its {@link ServerExtension} seam. Nothing of lab 5 is edited: the list and set commands
 * go into the same command table, their codecs into the same persistence, the blocked clients'
 * timeouts into the same cron.
 *
 * <p>Redis: {@code server.c}, the command table ({@code t_list.c}, {@code t_set.c},
 * {@code blocked.c}).
 */
public final class ListsSetsServer implements ServerExtension {
    private final EncodingLimits limits = EncodingLimits.defaults();

    private ListsSetsServer() {
    }

    /** @return lab 6's additions to lab 5's server, for {@link IntegratedServer#create} and the test fixtures */
    public static List<ServerExtension> extensions() {
        return List.of(new ListsSetsServer());
    }

    /**
     * @param config address, port and every parameter; lab 4's, 5's and 6's defaults are added
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
    public void addCodecs(ValueCodecs codecs) {
        CollectionCodecs.register(codecs, limits);
    }

    @Override
    public void extend(IntegratedServer.Parts parts) {
        EncodingConfig.register(parts.config(), parts.serverCommands().configSet(), limits);
        ListCommands.register(parts.table(), parts.dbs(), limits);
        SetCommands.register(parts.table(), parts.dbs(), limits, parts.pipeline());
        BlockingCommands.register(parts, limits);
    }
}
