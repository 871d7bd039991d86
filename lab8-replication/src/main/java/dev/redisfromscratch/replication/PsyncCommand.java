package dev.redisfromscratch.replication;

import dev.redisfromscratch.command.CommandFlag;
import dev.redisfromscratch.command.CommandSpec;

/**
 * {@code PSYNC replid offset}: a replica asks to continue the stream from {@code offset} of the
 * history {@code replid} ({@code PSYNC ? -1}: it has none). The primary answers
 * {@code +CONTINUE} and the backlog's tail, or {@code +FULLRESYNC <replid> <offset>} and a
 * snapshot ({@link Resync}); either way the client is a replica from then on.
 *
 * <p>Redis: {@code replication.c}, {@code syncCommand}; arity -3, admin noscript
 * no_async_loading no_multi.
 */
public final class PsyncCommand {
    private PsyncCommand() {
    }

    /** @return the table row of {@code psync} */
    public static CommandSpec spec(Resync resync) {
        return CommandSpec.builder("psync", -3)
                .flags(CommandFlag.ADMIN, CommandFlag.NOSCRIPT, CommandFlag.NO_ASYNC_LOADING, CommandFlag.NO_MULTI)
                .docs("Internal command used for replication", "2.8.0", "server", null)
                .handler(resync::psync)
                .build();
    }
}
