package dev.redisfromscratch.command;

import dev.redisfromscratch.protocol.Numbers;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Where a command's keys are among its arguments, and what it does to them: Redis 7's key
 * specifications, which {@code COMMAND INFO} reports and cluster-aware clients read to route a
 * command. Only the common shape is modelled: the keys start at a fixed index ({@code begin_search
 * index}) and run over a range ({@code find_keys range}).
 *
 * <pre>
 *   GET key            index 1, lastkey 0  (just one key), keystep 1
 *   DEL key [key ...]  index 1, lastkey -1 (up to the last argument), keystep 1
 *   SINTERCARD numkeys key [key ...] [LIMIT n]
 *                      index 1, keynum: keynumidx 0 (numkeys), firstkey 1, keystep 1
 * </pre>
 *
 * @param notes Redis's note on the flags, or {@code null} (SET: "RW and ACCESS due to the optional `GET` argument")
 * @param flags what the command does with the keys, reported in {@link Flag} order
 * @param beginIndex the argument index of the first key (1 = right after the name)
 * @param lastKey the last key relative to the first: 0 for one key, -1 for "to the end"
 * @param keyStep the distance between keys (2 for MSET's key value pairs)
 * @param limit with {@code lastKey} -1, use 1/limit of the remaining arguments (0: all)
 * @param keyNumIdx for a {@code keynum} spec ({@code SINTERCARD numkeys key ...}, {@code LMPOP}),
 *     where the number of keys is, relative to {@code beginIndex}; -1 for a {@code range} spec
 * @param firstKey for a {@code keynum} spec, the first key relative to {@code beginIndex}; 0 for a
 *     {@code range} spec
 *
 * <p>Redis: {@code server.h}, {@code keySpec}; {@code server.c}, {@code addReplyCommandKeySpecs};
 * the specs come from {@code src/commands/*.json}.
 */
public record KeySpec(String notes, Set<Flag> flags, int beginIndex, int lastKey, int keyStep, int limit,
                      int keyNumIdx, int firstKey) {
    /** Key spec flags: the access type ({@code RO}, {@code RW}, {@code OW}, {@code RM}) and the operation. */
    public enum Flag {
        RO, RW, OW, RM, ACCESS, UPDATE, INSERT, DELETE, NOT_KEY, INCOMPLETE, VARIABLE_FLAGS;

        /** @return the name {@code COMMAND INFO} reports: {@code RO} in capitals, {@code access} in lower case */
        public String wireName() {
            return ordinal() <= RM.ordinal() ? name() : name().toLowerCase(Locale.ROOT);
        }
    }

    /** Copies the flags into an ordered set. */
    public KeySpec {
        flags = flags.isEmpty() ? EnumSet.noneOf(Flag.class) : EnumSet.copyOf(flags);
    }

    /** A {@code range} spec (see the record's parameters). */
    public KeySpec(String notes, Set<Flag> flags, int beginIndex, int lastKey, int keyStep, int limit) {
        this(notes, flags, beginIndex, lastKey, keyStep, limit, -1, 0);
    }

    /**
     * A {@code keynum} spec: the keys' count is argument {@code beginIndex + keyNumIdx}, the keys
     * start at {@code beginIndex + firstKey}, every {@code keyStep}.
     *
     * @param beginIndex where the search begins ({@code SINTERCARD}: 1)
     * @param keyNumIdx where the count is, relative to {@code beginIndex} ({@code SINTERCARD}: 0)
     * @param firstKey where the first key is, relative to {@code beginIndex} ({@code SINTERCARD}: 1)
     * @param keyStep the distance between keys
     * @param flags what the command does with the keys
     */
    public static KeySpec keynum(int beginIndex, int keyNumIdx, int firstKey, int keyStep, Flag... flags) {
        return new KeySpec(null, Set.of(flags), beginIndex, 0, keyStep, 0, keyNumIdx, firstKey);
    }

    /** @return whether this is a {@code keynum} spec rather than a {@code range} one */
    public boolean isKeynum() {
        return keyNumIdx >= 0;
    }

    /**
     * Where this spec's keys are in {@code argv}: {@link #keyIndexes(int)} for a range spec; for a
     * keynum spec, as many keys as the count argument says (none if it is not a positive number or
     * the keys do not fit the request).
     *
     * <p>Redis: {@code db.c}, {@code getKeysUsingKeySpecs} ({@code KSPEC_FK_KEYNUM}).
     *
     * @param argv the request, name first
     * @return the argument indexes of the keys, in order
     */
    public int[] keyIndexes(List<byte[]> argv) {
        if (!isKeynum()) {
            return keyIndexes(argv.size());
        }
        int countAt = beginIndex + keyNumIdx;
        if (countAt >= argv.size()) {
            return new int[0];
        }
        long count;
        try {
            count = Numbers.string2ll(argv.get(countAt)); // as Redis reads it: no sign, no spaces
        } catch (Numbers.NotANumber e) {
            return new int[0];
        }
        int first = beginIndex + firstKey;
        int step = Math.max(1, keyStep);
        if (count <= 0 || first + (count - 1) * step >= argv.size()) {
            return new int[0];
        }
        int[] indexes = new int[(int) count];
        for (int i = 0; i < count; i++) {
            indexes[i] = first + i * step;
        }
        return indexes;
    }

    /**
     * @param beginIndex the index of the first key
     * @param lastKey 0 for one key, -1 for every argument to the end
     * @param keyStep the distance between keys
     * @param flags what the command does with the keys
     */
    public static KeySpec range(int beginIndex, int lastKey, int keyStep, Flag... flags) {
        return new KeySpec(null, Set.of(flags), beginIndex, lastKey, keyStep, 0);
    }

    /**
     * Where this spec's keys are in a request of {@code argc} arguments, as Redis finds them: from
     * {@code beginIndex}, to {@code beginIndex + lastKey} (or, for a negative {@code lastKey}, to
     * {@code argc + lastKey}, or with a {@code limit} to {@code 1/limit} of the rest), every
     * {@code keyStep}. A range that does not fit the request (too few arguments) gives none. A
     * keynum spec needs the arguments themselves: {@link #keyIndexes(List)}; here it gives none.
     *
     * <p>Redis: {@code db.c}, {@code getKeysUsingKeySpecs} ({@code KSPEC_BS_INDEX},
     * {@code KSPEC_FK_RANGE}).
     *
     * @param argc the request's argument count, name included
     * @return the argument indexes of the keys, in order
     */
    public int[] keyIndexes(int argc) {
        if (isKeynum()) {
            return new int[0];
        }
        int first = beginIndex;
        int last;
        if (lastKey >= 0) {
            last = first + lastKey;
        } else if (limit == 0) {
            last = argc + lastKey;
        } else {
            last = first + ((argc - first) / limit + lastKey);
        }
        if (last >= argc || last < first || first >= argc) {
            return new int[0];
        }
        int step = Math.max(1, keyStep);
        int[] indexes = new int[(last - first) / step + 1];
        for (int i = 0, at = first; at <= last; at += step) {
            indexes[i++] = at;
        }
        return indexes;
    }

    /** @return this spec with Redis's note about it */
    public KeySpec withNotes(String text) {
        return new KeySpec(text, flags, beginIndex, lastKey, keyStep, limit, keyNumIdx, firstKey);
    }
}
