package dev.redisfromscratch.command;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * Redis's ACL categories ({@code @read}, {@code @string}, ...), which {@code COMMAND INFO} reports in
 * this order.
 *
 * <p>A command declares only the categories that its flags do not imply ({@code @string},
 * {@code @keyspace}, {@code @connection}); {@link #withImplicit} adds the rest as Redis does:
 * {@code write} gives {@code @write}, {@code readonly} gives {@code @read}, {@code admin} gives
 * {@code @admin} and {@code @dangerous}, {@code fast} gives {@code @fast}, and a command that is not
 * fast is {@code @slow}.
 *
 * <p>Redis: {@code server.h}, {@code ACL_CATEGORY_*}; {@code server.c},
 * {@code setImplicitACLCategories}; {@code acl.c}, {@code ACLCommandCategories}.
 */
public enum AclCategory {
    KEYSPACE, READ, WRITE, SET, SORTEDSET, LIST, HASH, STRING, BITMAP, HYPERLOGLOG, GEO, STREAM,
    PUBSUB, ADMIN, FAST, SLOW, BLOCKING, DANGEROUS, CONNECTION, TRANSACTION, SCRIPTING;

    /** @return the name {@code COMMAND INFO} reports, e.g. {@code "@string"} */
    public String wireName() {
        return "@" + name().toLowerCase(Locale.ROOT);
    }

    /**
     * @param declared the categories the command declares
     * @param flags the command's flags
     * @return the declared categories plus those the flags imply (Redis: {@code setImplicitACLCategories})
     */
    public static Set<AclCategory> withImplicit(Set<AclCategory> declared, Set<CommandFlag> flags) {
        EnumSet<AclCategory> all = declared.isEmpty() ? EnumSet.noneOf(AclCategory.class) : EnumSet.copyOf(declared);
        if (flags.contains(CommandFlag.WRITE)) {
            all.add(WRITE);
        }
        if (flags.contains(CommandFlag.READONLY) && !all.contains(SCRIPTING)) {
            all.add(READ);
        }
        if (flags.contains(CommandFlag.ADMIN)) {
            all.add(ADMIN);
            all.add(DANGEROUS);
        }
        if (flags.contains(CommandFlag.PUBSUB)) {
            all.add(PUBSUB);
        }
        if (flags.contains(CommandFlag.FAST)) {
            all.add(FAST);
        }
        if (flags.contains(CommandFlag.BLOCKING)) {
            all.add(BLOCKING);
        }
        if (!all.contains(FAST)) {
            all.add(SLOW); // "if it's not @fast it is @slow in this binary world"
        }
        return all;
    }
}
