package dev.redisfromscratch.introspection;

import java.util.Map;

/**
 * One-line documentation of the commands the workbook implements, which {@code COMMAND DOCS}
 * reports and {@code redis-cli} shows for {@code help <command>}.
 *
 * <p>Redis keeps the same facts in {@code src/commands/*.json} (summary, since, group, complexity).
 *
 * @param summary what the command does, in one line
 * @param since the Redis version that introduced it
 * @param group its command group, e.g. {@code string}, {@code keyspace}, {@code connection}
 * @param complexity its time complexity
 */
public record CommandDocs(String summary, String since, String group, String complexity) {
    private static final Map<String, CommandDocs> KNOWN = Map.ofEntries(
            Map.entry("ping", new CommandDocs("Replies PONG, or the given message.", "1.0.0", "connection", "O(1)")),
            Map.entry("echo", new CommandDocs("Replies the given message.", "1.0.0", "connection", "O(1)")),
            Map.entry("quit", new CommandDocs("Replies OK, then closes the connection.", "1.0.0", "connection", "O(1)")),
            Map.entry("set", new CommandDocs("Stores a string value under a key, with an optional expiry and condition.", "1.0.0", "string", "O(1)")),
            Map.entry("get", new CommandDocs("Returns the string value of a key, or nil.", "1.0.0", "string", "O(1)")),
            Map.entry("del", new CommandDocs("Deletes keys; replies how many existed.", "1.0.0", "generic", "O(N) where N is the number of keys")),
            Map.entry("exists", new CommandDocs("Counts how many of the given keys exist.", "1.0.0", "generic", "O(N) where N is the number of keys")),
            Map.entry("expire", new CommandDocs("Gives a key a time to live, in seconds.", "1.0.0", "generic", "O(1)")),
            Map.entry("ttl", new CommandDocs("Returns a key's remaining time to live, in seconds.", "1.0.0", "generic", "O(1)")),
            Map.entry("pttl", new CommandDocs("Returns a key's remaining time to live, in milliseconds.", "2.6.0", "generic", "O(1)")),
            Map.entry("dbsize", new CommandDocs("Returns the number of keys.", "1.0.0", "server", "O(1)")),
            Map.entry("persist", new CommandDocs("Removes a key's time to live.", "2.2.0", "generic", "O(1)")),
            Map.entry("command", new CommandDocs("Describes the commands this server knows.", "2.8.13", "server", "O(N) where N is the number of commands")),
            Map.entry("config", new CommandDocs("Reads the server's configuration.", "2.0.0", "server", "O(N) where N is the number of parameters")));

    /** @return the docs of {@code name} (lower case), or a placeholder for a command without docs */
    public static CommandDocs of(String name) {
        return KNOWN.getOrDefault(name, new CommandDocs("(no summary)", "1.0.0", "generic", "O(1)"));
    }
}
