package dev.redisfromscratch.limits;

import dev.redisfromscratch.server.IntegratedServer;

/**
 * Wires lab 7's limits into the server: {@code client-query-buffer-limit} ({@link QueryBufferLimit},
 * a parameter of {@code CONFIG SET} and a read check of the client list) and the output buffer
 * limit after every reply ({@link ReplyOutputLimit}, after each command's reply). {@code maxclients},
 * {@code timeout} and the output buffer limits' cron and {@code PUBLISH} checks are lab 5's, and
 * every transport applies them.
 *
 * <p>Redis: {@code config.c} ({@code client-query-buffer-limit}); {@code networking.c}.
 */
public final class ClientLimits {
    private ClientLimits() {
    }

    /**
     * Registers the limits with the server's parts. Call once, from a server extension's
     * {@code extend}.
     *
     * @param parts the server's parts
     * @throws IllegalArgumentException if {@code client-query-buffer-limit} is configured with a bad value
     */
    public static void install(IntegratedServer.Parts parts) {
        QueryBufferLimit query = new QueryBufferLimit(parts.config(), parts.server().lock(),
                c -> parts.clients().info().line(c, parts.clock().millis(), 0), parts.log());
        parts.serverCommands().configSet().register(query.parameter());
        parts.clients().addReadCheck(query);
        parts.pipeline().addAfterReply(new ReplyOutputLimit(parts.server().outputLimit(), parts.clients()));
    }
}
