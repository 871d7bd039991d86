package dev.redisfromscratch.info;

import dev.redisfromscratch.command.AclCategory;
import dev.redisfromscratch.command.CommandCall;
import dev.redisfromscratch.command.CommandFlag;
import dev.redisfromscratch.command.CommandHandler;
import dev.redisfromscratch.command.CommandSpec;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code INFO [section [section ...]]}: the server's state as {@code name:value} lines in
 * sections, one bulk string ({@code $<len>\r\n# Server\r\n...\r\n\r\n}); see {@link Info} for the
 * format and the section selection, {@link StandardInfo} for the fields.
 *
 * <p>Redis: {@code server.c}, {@code infoCommand}; arity -1, flags loading stale, {@code @dangerous}.
 */
public final class InfoCommand implements CommandHandler {
    private final Info info;

    private InfoCommand(Info info) {
        this.info = info;
    }

    /** @return the table row: {@code info}, arity -1 */
    public static CommandSpec spec(Info info) {
        return CommandSpec.builder("info", -1)
                .flags(CommandFlag.LOADING, CommandFlag.STALE)
                .acl(AclCategory.DANGEROUS)
                .tips("nondeterministic_output", "request_policy:all_shards", "response_policy:special")
                .docs("Get information and statistics about the server", "1.0.0", "server", "O(1)")
                .handler(new InfoCommand(info))
                .build();
    }

    @Override
    public void execute(CommandCall call) {
        List<String> sections = new ArrayList<>(call.argc() - 1);
        for (int i = 1; i < call.argc(); i++) {
            sections.add(call.argString(i));
        }
        call.reply().bulk(info.generate(sections)); // $<len>\r\n<text>\r\n (Redis's verbatim string, in RESP2)
    }
}
