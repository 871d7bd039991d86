package dev.redisfromscratch.server;

import dev.redisfromscratch.clients.OutputBufferLimit;
import dev.redisfromscratch.config.ServerConfig;
import dev.redisfromscratch.store.Databases;

/**
 * Lab 5's parameters and Redis's defaults for them, added to the one {@link ServerConfig}.
 *
 * <ul>
 *   <li>{@code databases} 16: the numbered databases {@code SELECT} chooses from;
 *   <li>{@code maxclients} 10000: one more client gets {@code -ERR max number of clients reached};
 *   <li>{@code timeout} 0 (seconds): an idle client is closed after it; 0 never;
 *   <li>{@code requirepass} empty: no password;
 *   <li>{@code protected-mode} yes: with no password, only loopback clients are served;
 *   <li>{@code client-output-buffer-limit} {@code normal 0 0 0 slave 268435456 67108864 60 pubsub
 *       33554432 8388608 60}: a client that does not read its replies is closed past these.
 * </ul>
 *
 * <p>Redis: {@code config.c}, the {@code static_configs} table; {@code redis.conf}.
 */
public final class IntegrationConfig {
    private IntegrationConfig() {
    }

    /**
     * Sets lab 5's defaults for every parameter {@code config} does not have yet, and lab 4's.
     *
     * @return {@code config}
     */
    public static ServerConfig addDefaults(ServerConfig config) {
        if ("1".equals(config.all().get("databases"))) {
            config.set("databases", Integer.toString(Databases.DEFAULT_COUNT)); // lab 1's default is one database
        }
        putIfAbsent(config, "maxclients", "10000");
        putIfAbsent(config, "timeout", "0");
        putIfAbsent(config, "requirepass", "");
        putIfAbsent(config, "protected-mode", "yes");
        putIfAbsent(config, OutputBufferLimit.PARAMETER, OutputBufferLimit.DEFAULT);
        return config;
    }

    /** @return the {@code databases} parameter */
    public static int databases(ServerConfig config) {
        return Integer.parseInt(config.all().get("databases"));
    }

    private static void putIfAbsent(ServerConfig config, String name, String value) {
        if (!config.all().containsKey(name)) {
            config.set(name, value);
        }
    }
}
