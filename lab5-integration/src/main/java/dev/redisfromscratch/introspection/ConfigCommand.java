package dev.redisfromscratch.introspection;

import dev.redisfromscratch.command.CommandFlag;
import dev.redisfromscratch.command.CommandSpec;
import dev.redisfromscratch.config.ServerConfig;
import dev.redisfromscratch.protocol.ReplyWriter;
import java.util.List;

/**
 * The {@code CONFIG} container of lab 5: lab 3's {@code CONFIG GET}, plus {@code CONFIG SET}
 * ({@link ConfigSetCommand}), {@code CONFIG RESETSTAT} and {@code CONFIG HELP}. {@code CONFIG
 * REWRITE} is not here: there is no configuration file to rewrite.
 *
 * <ul>
 *   <li>{@code CONFIG RESETSTAT}: zeroes what {@code INFO} counts (command statistics, connections,
 *       bytes, expired keys, the rates) and answers {@code +OK}.
 *   <li>{@code CONFIG HELP}: Redis's help lines for these subcommands.
 * </ul>
 *
 * <p>Redis: {@code config.c}, {@code configHelpCommand}, {@code configResetStatCommand}; the
 * subcommands' rows are Redis 7.0.15's.
 */
public final class ConfigCommand {
    private static final List<String> HELP = List.of(
            "GET <pattern>",
            "    Return parameters matching the glob-like <pattern> and their values.",
            "SET <directive> <value>",
            "    Set the configuration <directive> to <value>.",
            "RESETSTAT",
            "    Reset statistics reported by the INFO command.");

    private ConfigCommand() {
    }

    /**
     * @param config the parameters ({@code CONFIG GET})
     * @param set {@code CONFIG SET} with its parameters
     * @param resetStats what {@code CONFIG RESETSTAT} zeroes
     * @return the {@code config} container: {@code get}, {@code set}, {@code resetstat}, {@code help}
     */
    public static CommandSpec containerSpec(ServerConfig config, ConfigSetCommand set, Runnable resetStats) {
        CommandSpec get = ConfigGetCommand.containerSpec(config).subcommand("get");
        return CommandSpec.builder("config", -2)
                .docs("A container for server configuration commands", "2.0.0", "server", "Depends on subcommand.")
                .subcommand(get)
                .subcommand(CommandSpec.builder("config|resetstat", 2)
                        .flags(CommandFlag.ADMIN, CommandFlag.NOSCRIPT, CommandFlag.LOADING, CommandFlag.STALE)
                        .docs("Reset the stats returned by INFO", "2.0.0", "server", "O(1)")
                        .handler(call -> {
                            resetStats.run();
                            call.reply().raw(ReplyWriter.OK);
                        })
                        .build())
                .subcommand(CommandSpec.builder("config|help", 2)
                        .flags(CommandFlag.LOADING, CommandFlag.STALE)
                        .docs("Show helpful text about the different subcommands", "5.0.0", "server", "O(1)")
                        .handler(call -> HelpReply.write(call, HELP))
                        .build())
                .subcommand(set.spec())
                .build();
    }
}
