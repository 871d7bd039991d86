package dev.redisfromscratch.encoding;

import dev.redisfromscratch.config.ServerConfig;
import dev.redisfromscratch.introspection.ConfigParameter;
import dev.redisfromscratch.introspection.ConfigSetCommand;

/**
 * The encoding thresholds as parameters: {@code CONFIG GET} shows them, {@code CONFIG SET} changes
 * them while the server runs, and a value given at startup ({@code --set-max-intset-entries 3}) is
 * read once, here. Each change goes straight into the server's {@link EncodingLimits}, which every
 * write reads; a collection already converted stays as it is.
 *
 * <table>
 *   <caption>The parameters, their range and Redis 7.0.15's refusals</caption>
 *   <tr><th>parameter</th><th>default</th><th>accepted</th></tr>
 *   <tr><td>{@code list-max-listpack-size}, alias {@code list-max-ziplist-size}</td><td>-2</td>
 *       <td>a C {@code int}: -2147483648 to 2147483647 ("argument must be between -2147483648 and
 *       2147483647 inclusive"); any negative is a size class (below -5 acts as -5), 0 acts as 1</td></tr>
 *   <tr><td>{@code set-max-intset-entries}</td><td>512</td>
 *       <td>a {@code size_t}: 0 to 9223372036854775807 ({@code -1}: "argument must be between 0
 *       and 9223372036854775807 inclusive")</td></tr>
 *   <tr><td>{@code set-max-listpack-entries}</td><td>128</td><td>as {@code set-max-intset-entries}</td></tr>
 *   <tr><td>{@code set-max-listpack-value}</td><td>64</td><td>as {@code set-max-intset-entries}, bytes</td></tr>
 * </table>
 * A value that is not a strict decimal integer ({@code abc}, {@code 1.5}, {@code +5}, {@code 05},
 * {@code -0}, {@code ""}) is "argument couldn't be parsed into an integer", and every error comes
 * as {@code -ERR CONFIG SET failed (possibly related to argument '<name>') - <reason>}
 * ({@link ConfigSetCommand}). A value above {@code Integer.MAX_VALUE} is shown by {@code CONFIG GET}
 * as given and acts as {@code Integer.MAX_VALUE}: no collection here grows that large.
 *
 * <p><b>The alias.</b> As in Redis 7.0, {@code list-max-ziplist-size} is the same parameter under
 * its old name: {@code CONFIG GET} answers both names with the one value, setting either sets both,
 * and setting both in one {@code CONFIG SET} is no duplicate (the last one given wins). One corner
 * differs: when the last one given is the value the parameter had before the command, lab 5's
 * {@code CONFIG SET} skips applying it (it knows nothing of aliases), so the first one wins.
 *
 * <p><b>Not in Redis 7.0.15.</b> {@code set-max-listpack-entries} and {@code set-max-listpack-value}
 * are Redis 7.2's (its small sets of strings are listpacks; 7.0.15 has no such encoding and answers
 * {@code -ERR Unknown option or number of arguments for CONFIG SET - 'set-max-listpack-entries'}).
 * We follow 7.2's encodings, so we have them, with 7.2's range and wording; parity tests with
 * 7.0.15 leave them out.
 *
 * <p>Redis: {@code config.c}, {@code standardConfig static_configs[]}:
 * {@code createIntConfig("list-max-listpack-size", "list-max-ziplist-size", ..., INT_MIN, INT_MAX, -2)},
 * {@code createSizeTConfig("set-max-intset-entries", ..., 0, LONG_MAX, 512)} and, in 7.2,
 * {@code createSizeTConfig("set-max-listpack-entries", ..., 128)} and
 * {@code createSizeTConfig("set-max-listpack-value", ..., 64)}.
 */
public final class EncodingConfig {
    /** The quicklist node limit's name. */
    public static final String LIST_MAX_LISTPACK_SIZE = "list-max-listpack-size";
    /** Its Redis 6 name, an alias in Redis 7.0. */
    public static final String LIST_MAX_ZIPLIST_SIZE = "list-max-ziplist-size";
    /** The largest intset. */
    public static final String SET_MAX_INTSET_ENTRIES = "set-max-intset-entries";
    /** The largest listpack set, in members (Redis 7.2). */
    public static final String SET_MAX_LISTPACK_ENTRIES = "set-max-listpack-entries";
    /** The longest member of a listpack set, in bytes (Redis 7.2). */
    public static final String SET_MAX_LISTPACK_VALUE = "set-max-listpack-value";

    private static final ConfigParameter.Parser INT = ConfigParameter.integer(Integer.MIN_VALUE, Integer.MAX_VALUE);
    private static final ConfigParameter.Parser SIZE = ConfigParameter.integer(0, Long.MAX_VALUE);

    private EncodingConfig() {
    }

    /**
     * Reads the thresholds given at startup into {@code limits} (Redis's defaults for those not
     * given, added to {@code config} so {@code CONFIG GET} shows them), then makes them settable.
     *
     * @param config every parameter; a startup value under either list name counts (the old name's
     *     if both are given)
     * @param configSet lab 5's {@code CONFIG SET}, where the parameters are registered
     * @param limits the server's thresholds, changed at once by each {@code CONFIG SET}
     * @throws IllegalArgumentException for a startup value Redis refuses, with Redis's reason
     */
    public static void register(ServerConfig config, ConfigSetCommand configSet, EncodingLimits limits) {
        String listSize = config.all().getOrDefault(LIST_MAX_ZIPLIST_SIZE,
                config.all().getOrDefault(LIST_MAX_LISTPACK_SIZE, Integer.toString(EncodingLimits.LIST_MAX_LISTPACK_SIZE)));
        String intset = config.all().getOrDefault(SET_MAX_INTSET_ENTRIES, Integer.toString(EncodingLimits.SET_MAX_INTSET_ENTRIES));
        String entries = config.all().getOrDefault(SET_MAX_LISTPACK_ENTRIES, Integer.toString(EncodingLimits.SET_MAX_LISTPACK_ENTRIES));
        String value = config.all().getOrDefault(SET_MAX_LISTPACK_VALUE, Integer.toString(EncodingLimits.SET_MAX_LISTPACK_VALUE));
        listSize = startup(LIST_MAX_LISTPACK_SIZE, INT, listSize);
        config.set(LIST_MAX_LISTPACK_SIZE, listSize).set(LIST_MAX_ZIPLIST_SIZE, listSize);
        config.set(SET_MAX_INTSET_ENTRIES, startup(SET_MAX_INTSET_ENTRIES, SIZE, intset));
        config.set(SET_MAX_LISTPACK_ENTRIES, startup(SET_MAX_LISTPACK_ENTRIES, SIZE, entries));
        config.set(SET_MAX_LISTPACK_VALUE, startup(SET_MAX_LISTPACK_VALUE, SIZE, value));
        limits.listMaxListpackSize(asInt(listSize));
        limits.setMaxIntsetEntries(asInt(config.all().get(SET_MAX_INTSET_ENTRIES)));
        limits.setMaxListpackEntries(asInt(config.all().get(SET_MAX_LISTPACK_ENTRIES)));
        limits.setMaxListpackValue(asInt(config.all().get(SET_MAX_LISTPACK_VALUE)));

        // either name sets the one value, under both names for CONFIG GET
        for (String name : new String[] {LIST_MAX_LISTPACK_SIZE, LIST_MAX_ZIPLIST_SIZE}) {
            configSet.register(ConfigParameter.modifiable(name, INT, v -> {
                config.set(LIST_MAX_LISTPACK_SIZE, v).set(LIST_MAX_ZIPLIST_SIZE, v);
                limits.listMaxListpackSize(asInt(v));
            }));
        }
        configSet.register(ConfigParameter.modifiable(SET_MAX_INTSET_ENTRIES, SIZE,
                v -> limits.setMaxIntsetEntries(asInt(v))));
        configSet.register(ConfigParameter.modifiable(SET_MAX_LISTPACK_ENTRIES, SIZE,
                v -> limits.setMaxListpackEntries(asInt(v))));
        configSet.register(ConfigParameter.modifiable(SET_MAX_LISTPACK_VALUE, SIZE,
                v -> limits.setMaxListpackValue(asInt(v))));
    }

    /** A startup value, checked as {@code CONFIG SET} checks it. */
    private static String startup(String name, ConfigParameter.Parser parser, String value) {
        try {
            return parser.parse(value);
        } catch (ConfigParameter.InvalidValue e) {
            throw new IllegalArgumentException("'" + name + "' " + e.getMessage());
        }
    }

    /** A checked value as the {@code int} the limits hold: above {@code Integer.MAX_VALUE}, that. */
    private static int asInt(String checked) {
        return (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, Long.parseLong(checked)));
    }
}
