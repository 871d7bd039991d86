package dev.redisfromscratch.replication;

import dev.redisfromscratch.command.CommandFlag;
import dev.redisfromscratch.command.CommandSpec;

/**
 * {@code SYNC}: the replication request of replicas older than {@code PSYNC}, which
 * {@code redis-cli --replica} still sends (inline, {@code SYNC\r\n}): always a full resync, and
 * without the {@code +FULLRESYNC} line: the reply starts with {@code $<len>\r\n} and the snapshot
 * ({@link Resync#sync}).
 *
 * <p>Redis: {@code replication.c}, {@code syncCommand} ({@code CLIENT_PRE_PSYNC}); arity 1, admin
 * noscript no_async_loading no_multi.
 */
public final class SyncCommand {
    private SyncCommand() {
    }

    /** @return the table row of {@code sync} */
    public static CommandSpec spec(Resync resync) {
        return CommandSpec.builder("sync", 1)
                .flags(CommandFlag.ADMIN, CommandFlag.NOSCRIPT, CommandFlag.NO_ASYNC_LOADING, CommandFlag.NO_MULTI)
                .docs("Internal command used for replication", "1.0.0", "server", null)
                .handler(resync::sync)
                .build();
    }
}
