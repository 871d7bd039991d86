package dev.redisfromscratch.clients;

import dev.redisfromscratch.client.Client;
import dev.redisfromscratch.command.AdmissionCheck;
import dev.redisfromscratch.command.CommandSpec;

/**
 * The last command a client sent, as {@code CLIENT LIST} shows it ({@code cmd=client|list}).
 *
 * <p>It is recorded by an {@link AdmissionCheck} that refuses nothing ({@link #RECORDER}),
 * registered before every other check, so it sees each command a client sends once it has been
 * looked up and has the right number of arguments, including those another check then refuses
 * ({@code -NOAUTH}); commands that {@code EXEC} runs are not admission-checked, so a client's last
 * command after a transaction is {@code exec}, as in Redis. Unlike Redis, an unknown command or one
 * with the wrong number of arguments leaves the previous name (Redis shows {@code NULL} for the
 * first and the command for the second): the pipeline rejects those before any check runs.
 *
 * <p>Redis: {@code server.h}, {@code client->lastcmd}, set in {@code server.c},
 * {@code processCommand}.
 */
public final class LastCommand {
    /** The check that records each command; it never refuses one. */
    public static final AdmissionCheck RECORDER = (client, spec) -> {
        client.state(LastCommand.class, LastCommand::new).spec = spec;
        return null;
    };

    private CommandSpec spec;

    private LastCommand() {
    }

    /** @return the full name of the client's last command ({@code get}, {@code client|list}), or {@code NULL} */
    public static String name(Client client) {
        CommandSpec spec = client.state(LastCommand.class, LastCommand::new).spec;
        return spec == null ? "NULL" : spec.name();
    }
}
