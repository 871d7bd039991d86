package dev.redisfromscratch.keys;

import dev.redisfromscratch.command.AclCategory;
import dev.redisfromscratch.glob.GlobPattern;
import dev.redisfromscratch.command.CommandCall;
import dev.redisfromscratch.command.CommandFlag;
import dev.redisfromscratch.command.CommandHandler;
import dev.redisfromscratch.command.CommandSpec;
import dev.redisfromscratch.store.DataStore;
import dev.redisfromscratch.store.Key;
import dev.redisfromscratch.store.SelectedDb;
import dev.redisfromscratch.store.ValueType;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/**
 * {@code SCAN cursor [MATCH pattern] [COUNT count] [TYPE type]}: one step of an iteration over the
 * selected database's keys, spread over as many calls as the client likes. Start with cursor 0,
 * pass each reply's cursor to the next call, stop when a reply's cursor is 0.
 *
 * <pre>
 *   *2\r\n
 *   $&lt;len&gt;\r\n&lt;next cursor&gt;\r\n      0 when the iteration is over
 *   *&lt;n&gt;\r\n$&lt;len&gt;\r\n&lt;key&gt;\r\n ...  the keys of this step (maybe none, even mid-way)
 * </pre>
 *
 * <p><b>The guarantee.</b> A key present in the database from the first call to the last is
 * returned at least once, even if the table grew or shrank between calls; a key may come twice, and
 * one added or deleted meanwhile may or may not come. The cursor is a bucket index of the keyspace's
 * hash table counted in reverse binary, which is what keeps the guarantee across resizes: see
 * {@link dev.redisfromscratch.store.Dict#scan}. Our cursors are not Redis's numbers (the hash
 * functions differ); a client must treat a cursor as opaque anyway.
 *
 * <p><b>One step.</b> Whole buckets are visited until {@code count} keys (10 by default) have been
 * gathered, the iteration ends, or {@code 10 × count} buckets have been visited (a sparse table may
 * yield few keys). The gathered keys are then filtered: by the pattern ({@link GlobPattern}), by
 * type ({@code TYPE string}; compared without case; {@code none} matches keys that just expired),
 * and finally keys whose time has passed are reclaimed and left out. So a step may return fewer keys
 * than {@code count}, or none.
 *
 * <p>Errors: {@code -ERR invalid cursor} (the cursor is read as C's {@code strtoul} reads it: an
 * unsigned 64-bit decimal, an optional sign, no leading space; an empty cursor is 0);
 * {@code -ERR syntax error} for an unknown option, an option without its value, or a COUNT below 1;
 * {@code -ERR value is not an integer or out of range} for a COUNT that is not an integer (the
 * options are read by {@link ScanOptions}).
 *
 * <p>Redis: {@code db.c}, {@code scanCommand}, {@code parseScanCursorOrReply},
 * {@code scanGenericCommand}; arity -2.
 */
public final class ScanCommand implements CommandHandler {
    private final SelectedDb db;

    private ScanCommand(SelectedDb db) {
        this.db = db;
    }

    /** @return the table row: {@code scan}, arity -2, readonly */
    public static CommandSpec spec(SelectedDb db) {
        return CommandSpec.builder("scan", -2)
                .flags(CommandFlag.READONLY)
                .acl(AclCategory.KEYSPACE)
                .tips("nondeterministic_output", "request_policy:special")
                .docs("Incrementally iterate the keys space", "2.8.0", "generic",
                        "O(1) for every call. O(N) for a complete iteration, including enough command calls for the "
                                + "cursor to return back to 0. N is the number of elements inside the collection.")
                .handler(new ScanCommand(db))
                .build();
    }

    @Override
    public void execute(CommandCall call) {
        OptionalLong parsed = parseCursor(call.arg(1));
        if (parsed.isEmpty()) {
            call.reply().error(ScanOptions.INVALID_CURSOR);
            return;
        }
        long cursor = parsed.getAsLong();
        ScanOptions options = ScanOptions.parseOrReply(call, 2, true);
        if (options == null) {
            return;
        }

        DataStore store = db.of(call.client());
        List<Key> keys = new ArrayList<>();
        long maxIterations = options.maxIterations();
        do {
            cursor = store.scan(cursor, (key, value, expireAt) -> keys.add(key));
        } while (cursor != 0 && maxIterations-- > 0 && keys.size() < options.count());

        List<Key> kept = new ArrayList<>(keys.size());
        for (Key key : keys) {
            if (!options.matches(key.bytes())) {
                continue;
            }
            String type = options.type();
            if (type != null) {
                ValueType t = store.typeOf(key.bytes()); // reclaims the key if it has expired
                if (!equalsIgnoreAsciiCase(type, t == null ? "none" : t.name())) {
                    continue;
                }
            }
            if (store.expireIfNeeded(key, store.clock().millis())) {
                continue;
            }
            kept.add(key);
        }

        call.reply().arrayHeader(2);                   // *2\r\n
        call.reply().bulk(Long.toString(cursor));      // $<len>\r\n<cursor>\r\n (signed, as Redis prints it)
        call.reply().arrayHeader(kept.size());         // *<n>\r\n
        for (Key key : kept) {
            call.reply().bulk(key.bytes());            // $<len>\r\n<key>\r\n
        }
    }

    /**
     * C's {@code strtoul(s, &end, 10)} as {@code parseScanCursorOrReply} checks it: no leading white
     * space, an optional sign (a minus negates modulo 2^64, as strtoul does), decimal digits up to
     * the end or to a NUL byte, at most 2^64 - 1. No digits at all is 0 only for an empty argument.
     * Lab 6's SSCAN reads its cursor with it too.
     *
     * @return the cursor as an unsigned 64-bit value, or empty if Redis would say {@code invalid cursor}
     */
    public static OptionalLong parseCursor(byte[] arg) {
        int end = 0;
        while (end < arg.length && arg[end] != 0) {
            end++; // C sees the argument up to its first NUL
        }
        if (end == 0) {
            return OptionalLong.of(0);
        }
        int i = 0;
        byte first = arg[0];
        if (first == ' ' || (first >= '\t' && first <= '\r')) {
            return OptionalLong.empty();
        }
        boolean negative = false;
        if (first == '+' || first == '-') {
            negative = first == '-';
            i++;
        }
        if (i == end) {
            return OptionalLong.empty(); // a sign and no digits: strtoul reads nothing
        }
        long value = 0;
        for (; i < end; i++) {
            int digit = arg[i] - '0';
            if (digit < 0 || digit > 9) {
                return OptionalLong.empty();
            }
            if (Long.compareUnsigned(value, Long.divideUnsigned(-1L, 10)) > 0) {
                return OptionalLong.empty(); // ERANGE
            }
            long next = value * 10 + digit;
            if (Long.compareUnsigned(next, value * 10) < 0) {
                return OptionalLong.empty(); // ERANGE
            }
            value = next;
        }
        return OptionalLong.of(negative ? -value : value);
    }

    private static boolean equalsIgnoreAsciiCase(String a, String b) {
        if (a.length() != b.length()) {
            return false;
        }
        for (int i = 0; i < a.length(); i++) {
            char x = a.charAt(i);
            char y = b.charAt(i);
            if (x != y && lower(x) != lower(y)) {
                return false;
            }
        }
        return true;
    }

    private static char lower(char c) {
        return c >= 'A' && c <= 'Z' ? (char) (c + 32) : c;
    }
}
