package dev.redisfromscratch.server;

import dev.redisfromscratch.config.ServerConfig;
import picocli.CommandLine.Option;

/**
 * The command-line options every lab's server takes ({@code ./lab run N --port P --bind ADDR}).
 * A picocli mixin: each lab's main class includes it with {@code @Mixin}.
 *
 * <p>Defaults match {@code redis-server}: port 6379; the bind address is loopback only, as Redis's
 * protected mode effectively is on a fresh install.
 */
public final class ServerOptions {
    /** TCP port to listen on; 0 asks the kernel for a free one. */
    @Option(names = {"-p", "--port"}, defaultValue = "" + ServerConfig.DEFAULT_PORT, description = "TCP port (default: ${DEFAULT-VALUE}; 0 = any free port)")
    public int port;

    /** Address to bind. */
    @Option(names = {"-b", "--bind"}, defaultValue = ServerConfig.DEFAULT_BIND, description = "address to listen on (default: ${DEFAULT-VALUE})")
    public String bind;

    /** @return a configuration with Redis's defaults and these options' address and port */
    public ServerConfig toConfig() {
        return ServerConfig.listeningOn(bind, port);
    }
}
