package dev.redisfromscratch.persistence;

import dev.redisfromscratch.command.AclCategory;
import dev.redisfromscratch.command.CommandCall;
import dev.redisfromscratch.command.CommandFlag;
import dev.redisfromscratch.command.CommandHandler;
import dev.redisfromscratch.command.CommandSpec;

/**
 * {@code LASTSAVE}: the Unix time, in seconds, of the last successful save ({@code :<seconds>}).
 * A client that wants to know whether its {@code BGSAVE} is done polls it until it changes.
 *
 * <p>Redis: {@code rdb.c}, {@code lastsaveCommand}; arity 1.
 */
public final class LastsaveCommand implements CommandHandler {
    private final Persistence persistence;

    private LastsaveCommand(Persistence persistence) {
        this.persistence = persistence;
    }

    /** @return the table row: {@code lastsave}, arity 1, loading stale fast, {@code @admin @dangerous} */
    public static CommandSpec spec(Persistence persistence) {
        return CommandSpec.builder("lastsave", 1)
                .flags(CommandFlag.LOADING, CommandFlag.STALE, CommandFlag.FAST)
                .acl(AclCategory.ADMIN, AclCategory.DANGEROUS)
                .tips("nondeterministic_output")
                .docs("Get the UNIX time stamp of the last successful save to disk", "1.0.0", "server", "O(1)")
                .handler(new LastsaveCommand(persistence))
                .build();
    }

    @Override
    public void execute(CommandCall call) {
        call.reply().integer(persistence.lastSave()); // :<unix seconds>\r\n
    }
}
