package dev.redisfromscratch.sets;

import dev.redisfromscratch.command.CommandPipeline;
import dev.redisfromscratch.command.CommandTable;
import dev.redisfromscratch.encoding.EncodingLimits;
import dev.redisfromscratch.store.SelectedDb;

/**
 * Lab 6's set commands, registered in one call:
 *
 * <pre>
 *   SADD  SREM  SCARD  SMEMBERS                         {@link SaddCommand} {@link SremCommand} {@link ScardCommand} {@link SmembersCommand}
 *   SISMEMBER  SMISMEMBER                               {@link SismemberCommand}
 *   SPOP  SRANDMEMBER                                   {@link SpopCommand} {@link SrandmemberCommand}
 *   SINTER  SINTERSTORE  SINTERCARD                     {@link SinterCommand}
 *   SUNION  SUNIONSTORE  SDIFF  SDIFFSTORE              {@link SunionCommand}
 *   SMOVE  SSCAN                                        {@link SmoveCommand} {@link SscanCommand}
 * </pre>
 * The values are {@link SetValue}s (intset, listpack or hash table).
 *
 * <p>Redis: {@code t_set.c}.
 */
public final class SetCommands {
    private SetCommands() {
    }

    /**
     * Adds every set command above to {@code table}.
     *
     * @param db the database each call works on (the client's selected one)
     * @param limits {@code set-max-intset-entries}, {@code set-max-listpack-entries} and
     *     {@code set-max-listpack-value}, read on each write
     * @param pipeline where {@code SPOP key count} propagates its SREMs
     * @return {@code table}
     */
    public static CommandTable register(CommandTable table, SelectedDb db, EncodingLimits limits,
                                        CommandPipeline pipeline) {
        return table.register(SaddCommand.spec(db, limits))
                .register(SremCommand.spec(db))
                .register(SmembersCommand.spec(db))
                .register(SismemberCommand.spec(db))
                .register(SismemberCommand.smismemberSpec(db))
                .register(ScardCommand.spec(db))
                .register(SpopCommand.spec(db, pipeline))
                .register(SrandmemberCommand.spec(db))
                .register(SinterCommand.spec(db, limits))
                .register(SinterCommand.sinterstoreSpec(db, limits))
                .register(SinterCommand.sintercardSpec(db, limits))
                .register(SunionCommand.spec(db, limits))
                .register(SunionCommand.sunionstoreSpec(db, limits))
                .register(SunionCommand.sdiffSpec(db, limits))
                .register(SunionCommand.sdiffstoreSpec(db, limits))
                .register(SmoveCommand.spec(db, limits))
                .register(SscanCommand.spec(db));
    }
}
