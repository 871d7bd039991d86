package dev.redisfromscratch.introspection;

import dev.redisfromscratch.command.AclCategory;
import dev.redisfromscratch.command.CommandCall;
import dev.redisfromscratch.command.CommandDocs;
import dev.redisfromscratch.command.CommandFlag;
import dev.redisfromscratch.command.CommandSpec;
import dev.redisfromscratch.command.CommandTable;
import dev.redisfromscratch.command.KeySpec;
import dev.redisfromscratch.protocol.ReplyWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code COMMAND}, {@code COMMAND COUNT}, {@code COMMAND INFO [name ...]} and
 * {@code COMMAND DOCS [name ...]}: what clients ask on connect to learn the server's commands.
 * {@code redis-cli} sends {@code COMMAND DOCS} when it starts, to offer {@code help} and argument
 * hints; cluster-aware clients read the key positions from {@code COMMAND}. Everything is read
 * from the commands' own {@link CommandSpec}s, so the replies cannot drift from what the server does.
 *
 * <ul>
 *   <li>{@code COMMAND} and {@code COMMAND INFO} with no name: one entry per command. An entry is
 *       {@code [name, arity, flags, first key, last key, step, ACL categories, tips, key specs,
 *       subcommands]}, byte for byte as Redis 7.0 writes it.
 *   <li>{@code COMMAND INFO name ...}: the entry of each name, or a null bulk {@code $-1} for an
 *       unknown one; {@code config|get} names a subcommand.
 *   <li>{@code COMMAND COUNT}: {@code :<number of commands>}.
 *   <li>{@code COMMAND DOCS [name ...]}: a flat array of name, docs pairs; the docs are
 *       {@code [summary, <text>, since, <version>, group, <group>, complexity, <text>]}, and a
 *       container adds {@code subcommands} with its subcommands' docs. Redis also reports each
 *       command's arguments and history; the workbook does not keep them. Unknown names are skipped.
 * </ul>
 *
 * <p>Redis: {@code server.c}, {@code commandCommand}, {@code commandInfoCommand},
 * {@code commandCountCommand}, {@code commandDocsCommand}, {@code addReplyCommandInfo},
 * {@code addReplyCommandKeySpecs}, {@code addReplyCommandDocs}.
 */
public final class CommandCommand {
    private CommandCommand() {
    }

    /**
     * @param table the table to describe; read at each call, so commands registered later show too
     * @return the {@code command} container (arity -1: alone it describes everything) with its
     *     subcommands {@code count}, {@code docs} and {@code info}
     */
    public static CommandSpec spec(CommandTable table) {
        return CommandSpec.builder("command", -1)
                .flags(CommandFlag.LOADING, CommandFlag.STALE)
                .acl(AclCategory.CONNECTION)
                .tips("nondeterministic_output_order")
                .docs("Get array of Redis command details", "2.8.13", "server",
                        "O(N) where N is the total number of Redis commands")
                .handler(call -> infoAll(table, call.reply()))
                .subcommand(sub("command|count", 2, "Get total number of Redis commands", "2.8.13", "O(1)")
                        .handler(call -> call.reply().integer(table.all().size()))
                        .build())
                .subcommand(sub("command|docs", -2, "Get array of specific Redis command documentation", "7.0.0",
                        "O(N) where N is the number of commands to look up")
                        .tips("nondeterministic_output_order")
                        .handler(call -> docs(table, call))
                        .build())
                .subcommand(sub("command|info", -2,
                        "Get array of specific Redis command details, or all when no argument is given.", "2.8.13",
                        "O(N) where N is the number of commands to look up")
                        .tips("nondeterministic_output_order")
                        .handler(call -> info(table, call))
                        .build())
                .build();
    }

    private static CommandSpec.Builder sub(String name, int arity, String summary, String since, String complexity) {
        return CommandSpec.builder(name, arity)
                .flags(CommandFlag.LOADING, CommandFlag.STALE)
                .acl(AclCategory.CONNECTION)
                .docs(summary, since, "server", complexity);
    }

    private static void infoAll(CommandTable table, ReplyWriter reply) {
        reply.arrayHeader(table.all().size());
        for (CommandSpec spec : table.all()) {
            writeInfo(spec, reply);
        }
    }

    private static void info(CommandTable table, CommandCall call) {
        if (call.argc() == 2) {
            infoAll(table, call.reply());
            return;
        }
        ReplyWriter reply = call.reply();
        reply.arrayHeader(call.argc() - 2);
        for (int i = 2; i < call.argc(); i++) {
            CommandSpec spec = byFullName(table, call.arg(i));
            if (spec == null) {
                reply.nullBulk();                      // $-1\r\n
            } else {
                writeInfo(spec, reply);
            }
        }
    }

    /**
     * One command's entry, as Redis 7.0 writes it:
     * <pre>
     *   *10  $name  :arity  *n +flag...  :first :last :step  *n +@category...  *n $tip...
     *        *n key specs  *n subcommand entries
     * </pre>
     */
    static void writeInfo(CommandSpec spec, ReplyWriter reply) {
        reply.arrayHeader(10).bulk(spec.name()).integer(spec.arity());
        List<CommandFlag> flags = spec.flags().stream().filter(CommandFlag::isReported).toList();
        reply.arrayHeader(flags.size());
        for (CommandFlag flag : flags) {
            reply.simpleString(flag.wireName());       // +write\r\n
        }
        reply.integer(spec.firstKey()).integer(spec.lastKey()).integer(spec.keyStep());
        reply.arrayHeader(spec.aclCategories().size());
        for (AclCategory category : spec.aclCategories()) {
            reply.simpleString(category.wireName());   // +@string\r\n
        }
        reply.arrayHeader(spec.tips().size());
        for (String tip : spec.tips()) {
            reply.bulk(tip);                           // $23\r\nnondeterministic_output\r\n
        }
        reply.arrayHeader(spec.keySpecs().size());
        for (KeySpec keySpec : spec.keySpecs()) {
            writeKeySpec(keySpec, reply);
        }
        reply.arrayHeader(spec.subcommands().size());
        for (CommandSpec sub : spec.subcommands()) {
            writeInfo(sub, reply);
        }
    }

    /**
     * A key spec as a flat map:
     * {@code [notes, <text>,] flags, [+RO ...], begin_search, [type, index, spec, [index, <i>]],
     * find_keys, [type, range, spec, [lastkey, <n>, keystep, <n>, limit, <n>]]}, or for a keynum spec
     * {@code find_keys, [type, keynum, spec, [keynumidx, <n>, firstkey, <n>, keystep, <n>]]}.
     */
    private static void writeKeySpec(KeySpec keySpec, ReplyWriter reply) {
        reply.arrayHeader(keySpec.notes() == null ? 6 : 8);
        if (keySpec.notes() != null) {
            reply.bulk("notes").bulk(keySpec.notes());
        }
        reply.bulk("flags").arrayHeader(keySpec.flags().size());
        for (KeySpec.Flag flag : keySpec.flags()) {
            reply.simpleString(flag.wireName());       // +RW\r\n
        }
        reply.bulk("begin_search").arrayHeader(4)
                .bulk("type").bulk("index")
                .bulk("spec").arrayHeader(2).bulk("index").integer(keySpec.beginIndex());
        if (keySpec.isKeynum()) {
            reply.bulk("find_keys").arrayHeader(4)
                    .bulk("type").bulk("keynum")
                    .bulk("spec").arrayHeader(6)
                    .bulk("keynumidx").integer(keySpec.keyNumIdx())
                    .bulk("firstkey").integer(keySpec.firstKey())
                    .bulk("keystep").integer(keySpec.keyStep());
            return;
        }
        reply.bulk("find_keys").arrayHeader(4)
                .bulk("type").bulk("range")
                .bulk("spec").arrayHeader(6)
                .bulk("lastkey").integer(keySpec.lastKey())
                .bulk("keystep").integer(keySpec.keyStep())
                .bulk("limit").integer(keySpec.limit());
    }

    private static void docs(CommandTable table, CommandCall call) {
        List<CommandSpec> wanted = new ArrayList<>();
        if (call.argc() == 2) {
            wanted.addAll(table.all());
        } else {
            for (int i = 2; i < call.argc(); i++) {
                CommandSpec spec = byFullName(table, call.arg(i));
                if (spec != null) {
                    wanted.add(spec);
                }
            }
        }
        ReplyWriter reply = call.reply();
        reply.arrayHeader(wanted.size() * 2);
        for (CommandSpec spec : wanted) {
            reply.bulk(spec.name());
            writeDocs(spec, reply);
        }
    }

    private static void writeDocs(CommandSpec spec, ReplyWriter reply) {
        CommandDocs docs = spec.docs();
        reply.arrayHeader(spec.isContainer() ? 10 : 8)
                .bulk("summary").bulk(docs.summary())
                .bulk("since").bulk(docs.since())
                .bulk("group").bulk(docs.group())
                .bulk("complexity").bulk(docs.complexity());
        if (spec.isContainer()) {
            reply.bulk("subcommands").arrayHeader(spec.subcommands().size() * 2);
            for (CommandSpec sub : spec.subcommands()) {
                reply.bulk(sub.name());
                writeDocs(sub, reply);
            }
        }
    }

    /** Finds {@code get} or {@code config|get}, in any case; {@code null} if unknown. */
    private static CommandSpec byFullName(CommandTable table, byte[] name) {
        String full = new String(name, StandardCharsets.ISO_8859_1).toLowerCase(Locale.ROOT);
        int bar = full.indexOf('|');
        if (bar < 0) {
            return table.lookup(full);
        }
        CommandSpec container = table.lookup(full.substring(0, bar));
        return container == null ? null : container.subcommand(full.substring(bar + 1));
    }
}
