package dev.redisfromscratch.server;

import dev.redisfromscratch.config.ServerConfig;
import picocli.CommandLine.Option;

/**
 * Lab 5's command-line limits ({@code --maxclients}, {@code --timeout}, {@code --requirepass},
 * {@code --protected-mode}), a picocli mixin that lab 5's main and every later lab's share.
 *
 * <p>Redis: {@code redis.conf}, "CLIENTS" and "SECURITY".
 */
public final class IntegrationOptions {
    @Option(names = "--maxclients", defaultValue = "10000", description = "most clients connected at once (default: ${DEFAULT-VALUE})")
    private int maxclients;

    @Option(names = "--timeout", defaultValue = "0", description = "close clients idle this many seconds; 0 never (default: ${DEFAULT-VALUE})")
    private long timeout;

    @Option(names = "--requirepass", defaultValue = "", description = "the password AUTH asks for; empty for none")
    private String requirepass;

    @Option(names = "--protected-mode", defaultValue = "yes", description = "yes|no: with no password, serve only loopback clients (default: ${DEFAULT-VALUE})")
    private String protectedMode;

    /**
     * @param config the configuration to add the options to
     * @return {@code config}
     */
    public ServerConfig applyTo(ServerConfig config) {
        return config.set("maxclients", Integer.toString(maxclients))
                .set("timeout", Long.toString(timeout))
                .set("requirepass", requirepass)
                .set("protected-mode", protectedMode);
    }
}
