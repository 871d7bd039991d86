package dev.redisfromscratch.clients;

import dev.redisfromscratch.client.Client;
import dev.redisfromscratch.client.ClientFlag;
import dev.redisfromscratch.command.AclCategory;
import dev.redisfromscratch.command.CommandCall;
import dev.redisfromscratch.command.CommandFlag;
import dev.redisfromscratch.command.CommandHandler;
import dev.redisfromscratch.command.CommandSpec;

/**
 * {@code RESET}: makes the connection look newly opened ({@link ClientReset}) and answers
 * {@code +RESET}. A replica's or primary's connection answers {@code -ERR can only reset normal
 * client connections}.
 *
 * <p>Redis: {@code networking.c}, {@code resetCommand}; arity 1, flags noscript loading stale fast
 * no_auth allow_busy.
 */
public final class ResetCommand implements CommandHandler {
    private final ClientReset resets;

    private ResetCommand(ClientReset resets) {
        this.resets = resets;
    }

    /** @return the table row: {@code reset}, arity 1 */
    public static CommandSpec spec(ClientReset resets) {
        return CommandSpec.builder("reset", 1)
                .flags(CommandFlag.NOSCRIPT, CommandFlag.LOADING, CommandFlag.STALE, CommandFlag.FAST,
                        CommandFlag.NO_AUTH, CommandFlag.ALLOW_BUSY)
                .acl(AclCategory.CONNECTION)
                .docs("Reset the connection", "6.2.0", "connection", "O(1)")
                .handler(new ResetCommand(resets))
                .build();
    }

    @Override
    public void execute(CommandCall call) {
        Client client = call.client();
        if (client.has(ClientFlag.REPLICA) || client.has(ClientFlag.PRIMARY)) {
            call.reply().error("ERR can only reset normal client connections");
            return;
        }
        resets.reset(client);
        call.reply().simpleString("RESET"); // +RESET\r\n
    }
}
