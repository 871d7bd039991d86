package dev.redisfromscratch.config;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The server's configuration, in one object: what the server reads (bind address, port, cron
 * frequency, protocol limits) and what {@code CONFIG GET} reports (lab 3). Every lab's server is
 * built from one; later labs add their parameters ({@code dir}, {@code appendonly}, ...) with
 * {@link #set}.
 *
 * <p>Each default is Redis 7.0's and is written once, here: the protocol decoder, the cron and
 * {@code CONFIG GET} all read it from this class.
 *
 * <p>Not thread-safe; set it up before the server starts.
 *
 * <p>Redis: {@code config.c}, the {@code standardConfig configs[]} table; {@code redis.conf}.
 */
public final class ServerConfig {
    /** The default address: loopback only, as Redis's protected mode effectively is on a fresh install. */
    public static final String DEFAULT_BIND = "127.0.0.1";
    /** Redis's default port. */
    public static final int DEFAULT_PORT = 6379;
    /** Cron runs per second (Redis: {@code hz}, default 10, so every 100 ms). */
    public static final int DEFAULT_HZ = 10;
    /** Longest bulk string argument, in bytes: 512 MB (Redis: {@code proto-max-bulk-len}). */
    public static final int DEFAULT_PROTO_MAX_BULK_LEN = 512 * 1024 * 1024;

    private final Map<String, String> values = new LinkedHashMap<>();

    /** A configuration with Redis's defaults, bound to loopback on {@value #DEFAULT_PORT}. */
    public ServerConfig() {
        values.put("bind", DEFAULT_BIND);
        values.put("port", Integer.toString(DEFAULT_PORT));
        values.put("save", "");
        values.put("appendonly", "no");
        values.put("hz", Integer.toString(DEFAULT_HZ));
        values.put("databases", "1");
        values.put("proto-max-bulk-len", Integer.toString(DEFAULT_PROTO_MAX_BULK_LEN));
        values.put("timeout", "0");
    }

    /**
     * @param bind the address to listen on
     * @param port the TCP port; 0 asks the kernel for a free one, and {@link #port(int)} records it
     */
    public static ServerConfig listeningOn(String bind, int port) {
        return new ServerConfig().set("bind", bind).port(port);
    }

    /** @return a configuration for tests: loopback, any free port */
    public static ServerConfig ephemeral() {
        return listeningOn(DEFAULT_BIND, 0);
    }

    /** @return the address to listen on, e.g. {@code 127.0.0.1} */
    public String bind() {
        return values.get("bind");
    }

    /** @return the TCP port (0 before a server bound to "any free port" has recorded its real one) */
    public int port() {
        return Integer.parseInt(values.get("port"));
    }

    /** Records the port; a server calls it once bound, so {@code CONFIG GET port} tells the truth. */
    public ServerConfig port(int port) {
        return set("port", Integer.toString(port));
    }

    /** @return cron runs per second */
    public int hz() {
        return Integer.parseInt(values.get("hz"));
    }

    /** @return milliseconds between cron runs: {@code 1000 / hz} */
    public int cronIntervalMillis() {
        return 1000 / hz();
    }

    /**
     * @return the longest bulk string a client may send, in bytes ({@code proto-max-bulk-len}); a value
     *     set above {@code Integer.MAX_VALUE} (Redis accepts up to {@code LLONG_MAX}) acts as that
     */
    public int protoMaxBulkLen() {
        return (int) Math.min(Long.parseLong(values.get("proto-max-bulk-len")), Integer.MAX_VALUE);
    }

    /** Sets or adds a parameter; later labs add theirs, such as {@code appendonly}. */
    public ServerConfig set(String name, String value) {
        values.put(name, value);
        return this;
    }

    /** @return every parameter, in a stable order (for {@code CONFIG GET}) */
    public Map<String, String> all() {
        return Collections.unmodifiableMap(values);
    }
}
