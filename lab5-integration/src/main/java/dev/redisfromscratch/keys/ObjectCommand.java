package dev.redisfromscratch.keys;

import dev.redisfromscratch.command.AclCategory;
import dev.redisfromscratch.command.CommandCall;
import dev.redisfromscratch.command.CommandFlag;
import dev.redisfromscratch.command.CommandHandler;
import dev.redisfromscratch.command.CommandSpec;
import dev.redisfromscratch.command.KeySpec;
import dev.redisfromscratch.protocol.Numbers;
import dev.redisfromscratch.store.SelectedDb;
import dev.redisfromscratch.store.TypedValue;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

/**
 * {@code OBJECT}: a container of subcommands that look inside a key's value.
 *
 * <ul>
 *   <li>{@code OBJECT ENCODING key}: how Redis 7.0 would represent the value, as a bulk string
 *       ({@link #stringEncoding} for strings, {@link TypedValue#encoding} for the others);
 *   <li>{@code OBJECT REFCOUNT key}: {@code :2147483647} for a string Redis would share (an integer
 *       from 0 to 9999), {@code :1} otherwise;
 *   <li>{@code OBJECT FREQ key}: Redis's error, since no LFU {@code maxmemory-policy} can be set here;
 *   <li>{@code OBJECT HELP}: Redis's help text, one simple string a line.
 * </ul>
 * A missing key answers {@code $-1} (before FREQ's error); an unknown subcommand
 * {@code -ERR unknown subcommand 'x'. Try OBJECT HELP.} (the pipeline's container lookup).
 * {@code IDLETIME} is not offered: it needs a last-access time per key, which this server does not
 * keep.
 *
 * <p>A string here is its bytes, without Redis's {@code robj} header, so ENCODING and REFCOUNT are
 * worked out from the bytes as {@code SET} would have stored them ({@code tryObjectEncoding}). A
 * string that Redis built otherwise can differ: {@code APPEND} and {@code SETRANGE} leave a
 * {@code raw} string in Redis whatever its length, and {@code INCR} makes an unshared integer.
 *
 * <p>Redis: {@code object.c}, {@code objectCommand}, {@code strEncoding}, {@code tryObjectEncoding};
 * arity -2, each subcommand 3 (HELP 2).
 */
public final class ObjectCommand implements CommandHandler {
    /** Redis's {@code OBJ_ENCODING_EMBSTR_SIZE_LIMIT}: the longest string kept in one allocation. */
    public static final int EMBSTR_SIZE_LIMIT = 44;
    /** Redis's {@code OBJ_SHARED_INTEGERS}: the integers 0 to 9999 are shared objects. */
    public static final int SHARED_INTEGERS = 10_000;

    private static final String LFU_NOT_SELECTED = "ERR An LFU maxmemory policy is not selected, access frequency "
            + "not tracked. Please note that when switching between policies at runtime LRU and LFU data will take "
            + "some time to adjust.";
    private static final List<String> HELP = List.of(
            "ENCODING <key>",
            "    Return the kind of internal representation used in order to store the value",
            "    associated with a <key>.",
            "FREQ <key>",
            "    Return the access frequency index of the <key>. The returned integer is",
            "    proportional to the logarithm of the recent access frequency of the key.",
            "IDLETIME <key>",
            "    Return the idle time of the <key>, that is the approximated number of",
            "    seconds elapsed since the last access to the key.",
            "REFCOUNT <key>",
            "    Return the number of references of the value associated with the specified",
            "    <key>.",
            "HELP",
            "    Prints this help.");

    private enum Sub { ENCODING, REFCOUNT, FREQ, HELP }

    private final SelectedDb db;
    private final Sub sub;

    private ObjectCommand(SelectedDb db, Sub sub) {
        this.db = db;
        this.sub = sub;
    }

    /** @return the table row: the {@code object} container with ENCODING, FREQ, REFCOUNT and HELP */
    public static CommandSpec spec(SelectedDb db) {
        return CommandSpec.builder("object", -2)
                .docs("A container for object introspection commands", "2.2.3", "generic", "Depends on subcommand.")
                .subcommand(keyed(db, Sub.ENCODING, "Inspect the internal encoding of a Redis object", "2.2.3"))
                .subcommand(keyed(db, Sub.FREQ, "Get the logarithmic access frequency counter of a Redis object", "4.0.0"))
                .subcommand(keyed(db, Sub.REFCOUNT, "Get the number of references to the value of the key", "2.2.3"))
                .subcommand(CommandSpec.builder("object|help", 2)
                        .flags(CommandFlag.LOADING, CommandFlag.STALE)
                        .acl(AclCategory.KEYSPACE)
                        .docs("Show helpful text about the different subcommands", "6.2.0", "generic", "O(1)")
                        .handler(new ObjectCommand(db, Sub.HELP))
                        .build())
                .build();
    }

    private static CommandSpec keyed(SelectedDb db, Sub sub, String summary, String since) {
        return CommandSpec.builder("object|" + sub.name().toLowerCase(Locale.ROOT), 3)
                .flags(CommandFlag.READONLY)
                .acl(AclCategory.KEYSPACE)
                .tips("nondeterministic_output")
                .keys(KeySpec.range(2, 0, 1, KeySpec.Flag.RO))
                .docs(summary, since, "generic", "O(1)")
                .handler(new ObjectCommand(db, sub))
                .build();
    }

    @Override
    public void execute(CommandCall call) {
        if (sub == Sub.HELP) {
            // Redis's addReplyHelp: the container's name as sent, in capitals, then the lines
            call.reply().arrayHeader(HELP.size() + 1);
            call.reply().simpleString(new String(call.arg(0), StandardCharsets.ISO_8859_1).toUpperCase(Locale.ROOT)
                    + " <subcommand> [<arg> [value] [opt] ...]. Subcommands are:");
            for (String line : HELP) {
                call.reply().simpleString(line); // +<line>\r\n
            }
            return;
        }
        Object value = db.of(call.client()).lookup(call.arg(2));
        if (value == null) {
            call.reply().nullBulk(); // $-1\r\n
            return;
        }
        switch (sub) {
            case ENCODING -> call.reply().bulk(value instanceof byte[] bytes
                    ? stringEncoding(bytes) : ((TypedValue) value).encoding()); // $<len>\r\n<encoding>\r\n
            case REFCOUNT -> call.reply().integer(value instanceof byte[] bytes && isSharedInteger(bytes)
                    ? Integer.MAX_VALUE : 1); // :<n>\r\n
            default -> call.reply().error(LFU_NOT_SELECTED);
        }
    }

    /**
     * The encoding Redis 7.0 gives a string stored by {@code SET}: {@code int} for the canonical
     * decimal form of a 64-bit integer (at most 20 bytes, no sign but a leading minus, no leading
     * zero), else {@code embstr} up to {@value #EMBSTR_SIZE_LIMIT} bytes, else {@code raw}.
     *
     * <p>Redis: {@code object.c}, {@code tryObjectEncoding}.
     */
    public static String stringEncoding(byte[] value) {
        if (isInteger(value)) {
            return "int";
        }
        return value.length <= EMBSTR_SIZE_LIMIT ? "embstr" : "raw";
    }

    private static boolean isInteger(byte[] value) {
        if (value.length > Numbers.MAX_LENGTH) {
            return false;
        }
        try {
            Numbers.string2ll(value);
            return true;
        } catch (Numbers.NotANumber e) {
            return false;
        }
    }

    private static boolean isSharedInteger(byte[] value) {
        if (!isInteger(value)) {
            return false;
        }
        long n = Numbers.string2ll(value);
        return n >= 0 && n < SHARED_INTEGERS;
    }
}
