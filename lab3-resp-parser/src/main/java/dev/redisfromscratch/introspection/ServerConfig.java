package dev.redisfromscratch.introspection;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The configuration parameters the server reports through {@code CONFIG GET}, as name → value text.
 * Only parameters that are true of this server are listed: there is no persistence yet in lab 3, so
 * {@code save} is empty and {@code appendonly} is {@code no}, which is also what
 * {@code redis-benchmark} asks about before it starts.
 *
 * <p>Redis: {@code config.c}, the {@code configs[]} table.
 */
public final class ServerConfig {
    private final Map<String, String> values = new LinkedHashMap<>();

    /**
     * @param bind the address the server listens on
     * @param port its TCP port
     */
    public ServerConfig(String bind, int port) {
        values.put("bind", bind);
        values.put("port", Integer.toString(port));
        values.put("save", "");
        values.put("appendonly", "no");
        values.put("hz", "10");
        values.put("databases", "1");
        values.put("proto-max-bulk-len", "536870912");
        values.put("timeout", "0");
    }

    /** Sets or adds a parameter (later labs add theirs, such as the snapshot file name). */
    public ServerConfig set(String name, String value) {
        values.put(name, value);
        return this;
    }

    /** @return every parameter, in a stable order */
    public Map<String, String> all() {
        return Collections.unmodifiableMap(values);
    }
}
