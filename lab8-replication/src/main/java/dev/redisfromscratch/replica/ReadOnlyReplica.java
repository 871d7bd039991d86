package dev.redisfromscratch.replica;

import dev.redisfromscratch.client.Client;
import dev.redisfromscratch.client.ClientFlag;
import dev.redisfromscratch.command.AdmissionCheck;
import dev.redisfromscratch.command.CommandFlag;
import dev.redisfromscratch.command.CommandSpec;
import java.util.function.BooleanSupplier;

/**
 * A replica refuses writes from its clients ({@code replica-read-only yes}, the default): only its
 * primary's stream changes its data.
 *
 * <pre>
 *   SET k v      →  -READONLY You can't write against a read only replica.
 * </pre>
 *
 * <p>Redis: {@code server.c}, {@code processCommand} ({@code server.masterhost &&
 * server.repl_slave_ro && !obey_client && is_write_command}).
 */
public final class ReadOnlyReplica implements AdmissionCheck {
    /** The refusal, without its leading {@code -}. */
    public static final String READONLY = "READONLY You can't write against a read only replica.";

    private final BooleanSupplier readOnlyReplica;

    /** @param readOnlyReplica whether the server is now a replica with {@code replica-read-only yes} */
    public ReadOnlyReplica(BooleanSupplier readOnlyReplica) {
        this.readOnlyReplica = readOnlyReplica;
    }

    @Override
    public String refuse(Client client, CommandSpec spec) {
        if (spec.has(CommandFlag.WRITE) && !client.has(ClientFlag.PRIMARY) && readOnlyReplica.getAsBoolean()) {
            return READONLY;
        }
        return null;
    }
}
