package dev.redisfromscratch.server;

import dev.redisfromscratch.snapshot.ValueCodecs;

/**
 * What a later lab adds to lab 5's server without editing it: value types that persist, then
 * commands and hooks once lab 5's own are in place. Lab 6 adds lists, sets and the blocking pops
 * this way ({@code server.ListsSetsServer}).
 *
 * <pre>
 *   IntegratedServer.create(config, clock, log, extension)
 *     codecs:   ValueCodecs.strings() → extension.addCodecs(codecs) → lab 4's persistence over them
 *     commands: lab 4's and lab 5's → extension.extend(parts)  (parts.addCron for periodic work)
 *     clients:  extension.transport(), else Transport.THREAD_PER_CLIENT  (lab 7: the event loop)
 * </pre>
 *
 * <p>Redis: {@code server.c}, {@code initServer} and the command table, where each data type's
 * commands ({@code t_list.c}, {@code t_set.c}) sit beside the string ones.
 */
public interface ServerExtension {
    /**
     * Registers the codecs of the value types this extension adds, before persistence is made
     * (the snapshot and the append-only file need them to load).
     *
     * @param codecs lab 4's codecs (strings), to add to
     */
    default void addCodecs(ValueCodecs codecs) {
    }

    /**
     * Adds commands and hooks, once lab 5's commands, transactions and pub/sub are registered.
     * Runs once, in the server's constructor, before anything is loaded or served.
     *
     * @param parts the server's parts
     */
    void extend(IntegratedServer.Parts parts);

    /**
     * The transport that serves the clients, if this extension replaces lab 5's thread per client
     * (lab 7: the event loop). Asked once, after every extension's {@link #extend}; the last
     * extension that returns one wins.
     *
     * @return the transport, or {@code null} to keep the one chosen so far
     */
    default Transport transport() {
        return null;
    }
}
