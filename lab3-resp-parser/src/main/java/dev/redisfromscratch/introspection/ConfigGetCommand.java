package dev.redisfromscratch.introspection;

import dev.redisfromscratch.command.CommandCall;
import dev.redisfromscratch.command.CommandHandler;
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

    /** @param config the parameters to report */
    public ConfigGetCommand(ServerConfig config) {
        this.config = config;
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
