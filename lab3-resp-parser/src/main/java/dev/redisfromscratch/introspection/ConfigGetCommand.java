package dev.redisfromscratch.introspection;

import dev.redisfromscratch.command.CommandCall;
import dev.redisfromscratch.command.CommandFlag;
import dev.redisfromscratch.command.CommandHandler;
import dev.redisfromscratch.command.CommandSpec;
import dev.redisfromscratch.config.ServerConfig;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code CONFIG GET pattern [pattern ...]}: the parameters whose names match any glob pattern,
 * as a flat array of name, value pairs. No match gives the empty array {@code *0}.
 *
 * <p>Wire: {@code CONFIG GET save} gives {@code *2\r\n$4\r\nsave\r\n$0\r\n\r\n}.
 *
 * <p>Redis: {@code config.c}, {@code configGetCommand}; arity -3 ({@code config|get}).
 */
public final class ConfigGetCommand implements CommandHandler {
    private final ServerConfig config;

    private ConfigGetCommand(ServerConfig config) {
        this.config = config;
    }

    /**
     * @param config the parameters to report
     * @return the {@code config} container with its one subcommand here, {@code config|get}
     *     (arity -3, admin noscript loading stale); {@code CONFIG} alone is refused by its arity -2
     */
    public static CommandSpec containerSpec(ServerConfig config) {
        CommandSpec get = CommandSpec.builder("config|get", -3)
                .flags(CommandFlag.ADMIN, CommandFlag.NOSCRIPT, CommandFlag.LOADING, CommandFlag.STALE)
                .docs("Get the values of configuration parameters", "2.0.0", "server",
                        "O(N) when N is the number of configuration parameters provided")
                .handler(new ConfigGetCommand(config))
                .build();
        return CommandSpec.builder("config", -2)
                .docs("A container for server configuration commands", "2.0.0", "server", "Depends on subcommand.")
                .subcommand(get)
                .build();
    }

    @Override
    public void execute(CommandCall call) {
        Map<String, String> matched = new LinkedHashMap<>();
        for (int i = 2; i < call.argc(); i++) {
            String pattern = call.argString(i);
            config.all().forEach((name, value) -> {
                if (GlobPattern.matches(pattern, name, true)) {
                    matched.put(name, value);
                }
            });
        }
        call.reply().arrayHeader(matched.size() * 2);   // *<2n>\r\n, then name, value, name, value...
        matched.forEach((name, value) -> call.reply().bulk(name).bulk(value));
    }
}
