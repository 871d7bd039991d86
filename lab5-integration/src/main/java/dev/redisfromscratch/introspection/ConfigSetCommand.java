package dev.redisfromscratch.introspection;

import dev.redisfromscratch.command.CommandCall;
import dev.redisfromscratch.command.CommandFlag;
import dev.redisfromscratch.command.CommandHandler;
import dev.redisfromscratch.command.CommandSpec;
import dev.redisfromscratch.command.ErrorReplies;
import dev.redisfromscratch.config.ServerConfig;
import dev.redisfromscratch.protocol.ReplyWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code CONFIG SET parameter value [parameter value ...]}: changes parameters while the server
 * runs, all of them or none, with Redis 7.0's replies.
 *
 * <pre>
 *   an odd number of arguments             -ERR syntax error
 *   1. every name, in order:
 *      not a parameter                      -ERR Unknown option or number of arguments for CONFIG SET - 'foo'
 *      immutable / protected                -ERR CONFIG SET failed (possibly related to argument 'databases') - can't set immutable config
 *                                                                                                          - can't set protected config
 *      given twice                          ... - duplicate parameter
 *   2. every value, in order               -ERR CONFIG SET failed (possibly related to argument 'timeout') - argument couldn't be parsed into an integer
 *   3. all are stored, then each changed one is applied; if one cannot be, every value is
 *      restored (and applied again)        -ERR CONFIG SET failed (possibly related to argument 'appendonly') - Unable to turn on AOF. Check server logs.
 *   +OK
 * </pre>
 * As in Redis, an unknown name is reported only if no immutable or protected one came before it,
 * and names are matched in any case: the error then quotes the name as sent for step 1 and in lower
 * case for steps 2 and 3.
 *
 * <p>Redis: {@code config.c}, {@code configSetCommand}, {@code restoreBackupConfig}; arity -4,
 * flags admin noscript loading stale.
 */
public final class ConfigSetCommand implements CommandHandler {
    private final ServerConfig config;
    private final Map<String, ConfigParameter> parameters = new LinkedHashMap<>();

    /** @param config where the values are kept ({@code CONFIG GET} reads them there) */
    public ConfigSetCommand(ServerConfig config) {
        this.config = config;
    }

    /**
     * Makes a parameter settable (or replaces it): only registered parameters are known to
     * {@code CONFIG SET}. Its value must already be in the configuration.
     */
    public ConfigSetCommand register(ConfigParameter parameter) {
        parameters.put(parameter.name().toLowerCase(Locale.ROOT), parameter);
        return this;
    }

    /** @return the registered parameter called {@code name} in any case, or {@code null} */
    public ConfigParameter parameter(String name) {
        return parameters.get(name.toLowerCase(Locale.ROOT));
    }

    /** @return the {@code config|set} row: arity -4, admin noscript loading stale, Redis's tips */
    public CommandSpec spec() {
        return CommandSpec.builder("config|set", -4)
                .flags(CommandFlag.ADMIN, CommandFlag.NOSCRIPT, CommandFlag.LOADING, CommandFlag.STALE)
                .tips("request_policy:all_nodes", "response_policy:all_succeeded")
                .docs("Set configuration parameters to the given values", "2.0.0", "server",
                        "O(N) when N is the number of configuration parameters provided")
                .handler(this)
                .build();
    }

    @Override
    public void execute(CommandCall call) {
        if ((call.argc() & 1) != 0) {
            call.reply().error(ErrorReplies.SYNTAX);
            return;
        }
        int count = (call.argc() - 2) / 2;
        List<ConfigParameter> chosen = new ArrayList<>(count);
        List<String> values = new ArrayList<>(count);
        String unknown = null;
        String failedName = null;
        String reason = null;
        for (int i = 0; i < count; i++) {
            String name = call.argString(2 + 2 * i);
            ConfigParameter p = parameter(name);
            if (p == null) {
                if (unknown == null && failedName == null) {
                    unknown = name;
                }
                continue;
            }
            if (unknown != null || failedName != null) {
                continue;
            }
            if (p.mutability() != ConfigParameter.Mutability.MODIFIABLE) {
                failedName = name;
                reason = p.mutability() == ConfigParameter.Mutability.IMMUTABLE
                        ? "can't set immutable config" : "can't set protected config";
                continue;
            }
            if (chosen.contains(p)) {
                failedName = name;
                reason = "duplicate parameter";
            }
            chosen.add(p);
            values.add(call.argString(3 + 2 * i));
        }
        if (unknown != null) {
            call.reply().error("ERR Unknown option or number of arguments for CONFIG SET - '" + unknown + "'");
            return;
        }
        if (failedName != null) {
            call.reply().error(failed(failedName, reason));
            return;
        }
        List<String> parsed = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            try {
                parsed.add(chosen.get(i).parser().parse(values.get(i)));
            } catch (ConfigParameter.InvalidValue e) {
                call.reply().error(failed(chosen.get(i).name(), e.getMessage()));
                return;
            }
        }
        List<String> old = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            old.add(config.all().get(chosen.get(i).name()));
            config.set(chosen.get(i).name(), parsed.get(i));
        }
        for (int i = 0; i < count; i++) {
            if (parsed.get(i).equals(old.get(i))) {
                continue; // unchanged: nothing to apply, as Redis skips it
            }
            try {
                chosen.get(i).apply().apply(parsed.get(i));
            } catch (ConfigParameter.InvalidValue e) {
                restore(chosen, old, parsed);
                call.reply().error(failed(chosen.get(i).name(), e.getMessage()));
                return;
            }
        }
        call.reply().raw(ReplyWriter.OK);
    }

    /** Puts back every old value and applies those that had changed, ignoring errors (Redis logs them). */
    private void restore(List<ConfigParameter> chosen, List<String> old, List<String> parsed) {
        for (int i = 0; i < chosen.size(); i++) {
            if (old.get(i) != null) {
                config.set(chosen.get(i).name(), old.get(i));
            }
        }
        for (int i = 0; i < chosen.size(); i++) {
            if (old.get(i) != null && !old.get(i).equals(parsed.get(i))) {
                try {
                    chosen.get(i).apply().apply(old.get(i));
                } catch (ConfigParameter.InvalidValue ignored) {
                    // Redis logs "Failed applying restored failed CONFIG SET command" and goes on
                }
            }
        }
    }

    private static String failed(String name, String reason) {
        return "ERR CONFIG SET failed (possibly related to argument '" + name + "') - " + reason;
    }
}
