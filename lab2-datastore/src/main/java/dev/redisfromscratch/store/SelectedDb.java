package dev.redisfromscratch.store;

import dev.redisfromscratch.client.Client;

/**
 * Which database a command works on: the one its client has selected. Every keyspace command holds
 * a {@code SelectedDb} and asks it once per call, {@code DataStore store = db.of(call.client())}.
 *
 * <p>Labs 2 to 4 have one database, and a {@link DataStore} is its own {@code SelectedDb}. Lab 5's
 * {@link Databases} holds sixteen and answers with the one {@code SELECT} chose
 * ({@link Client#db()}), so the same command classes serve every database.
 *
 * <p>Redis: {@code server.h}, {@code c->db} (a pointer into {@code server.db[]}, set by
 * {@code selectDb} in {@code db.c}).
 */
@FunctionalInterface
public interface SelectedDb {
    /**
     * @param client the client running the command
     * @return the database it works on; never {@code null}
     */
    DataStore of(Client client);
}
