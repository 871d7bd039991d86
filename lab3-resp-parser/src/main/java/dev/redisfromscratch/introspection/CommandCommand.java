package dev.redisfromscratch.introspection;

import dev.redisfromscratch.command.CommandCall;
import dev.redisfromscratch.command.CommandSpec;
import dev.redisfromscratch.command.CommandTable;
import dev.redisfromscratch.protocol.ReplyWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code COMMAND}, {@code COMMAND COUNT} and {@code COMMAND DOCS [name ...]}: what clients ask on
 * connect to learn the server's commands. {@code redis-cli} sends {@code COMMAND DOCS} when it
 * starts, to offer {@code help} and argument hints.
 *
 * <ul>
 *   <li>{@code COMMAND}: one entry per command, {@code [name, arity, flags, first key, last key,
 *       step, acl categories, tips, key specs, subcommands]}. Flags, key positions and the rest are
 *       empty or 0: the workbook does not track them (cluster clients would need key positions).
 *   <li>{@code COMMAND COUNT}: {@code :<number of commands>}.
 *   <li>{@code COMMAND DOCS}: a flat array of name, docs pairs; the docs are
 *       {@code [summary, <text>, since, <version>, group, <group>, complexity, <text>]}. With names,
 *       only those (unknown names are skipped, as Redis does).
 * </ul>
 *
 * <p>Redis: {@code server.c}, {@code commandCommand}, {@code commandCountCommand},
 * {@code commandDocsCommand}.
 */
public final class CommandCommand {
    private CommandCommand() {
    }

    /**
     * @param table the table to describe; read at each call, so commands registered later show too
     * @return the {@code command} container, to register with arity -1
     */
    public static ContainerCommand create(CommandTable table) {
        return new ContainerCommand("command", call -> describeAll(table, call.reply()))
                .subcommand("count", 2, call -> call.reply().integer(table.all().size()))
                .subcommand("docs", -2, call -> docs(table, call));
    }

    private static void describeAll(CommandTable table, ReplyWriter reply) {
        reply.arrayHeader(table.all().size());
        for (CommandSpec spec : table.all()) {
            reply.arrayHeader(10)          // *10\r\n
                    .bulk(spec.name())     // $3\r\nget\r\n
                    .integer(spec.arity()) // :2\r\n
                    .raw(ReplyWriter.EMPTY_ARRAY)
                    .integer(0).integer(0).integer(0)
                    .raw(ReplyWriter.EMPTY_ARRAY)
                    .raw(ReplyWriter.EMPTY_ARRAY)
                    .raw(ReplyWriter.EMPTY_ARRAY)
                    .raw(ReplyWriter.EMPTY_ARRAY);
        }
    }

    private static void docs(CommandTable table, CommandCall call) {
        List<CommandSpec> wanted = new ArrayList<>();
        if (call.argc() == 2) {
            wanted.addAll(table.all());
        } else {
            for (int i = 2; i < call.argc(); i++) {
                CommandSpec spec = table.lookup(call.argString(i).toLowerCase(Locale.ROOT));
                if (spec != null) {
                    wanted.add(spec);
                }
            }
        }
        ReplyWriter reply = call.reply();
        reply.arrayHeader(wanted.size() * 2);
        for (CommandSpec spec : wanted) {
            CommandDocs docs = CommandDocs.of(spec.name());
            reply.bulk(spec.name()).arrayHeader(8)
                    .bulk("summary").bulk(docs.summary())
                    .bulk("since").bulk(docs.since())
                    .bulk("group").bulk(docs.group())
                    .bulk("complexity").bulk(docs.complexity());
        }
    }
}
