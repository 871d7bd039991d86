package dev.redisfromscratch.clients;

import dev.redisfromscratch.client.Client;
import dev.redisfromscratch.client.ClientFlag;
import dev.redisfromscratch.command.AclCategory;
import dev.redisfromscratch.command.CommandCall;
import dev.redisfromscratch.command.CommandFlag;
import dev.redisfromscratch.command.CommandHandler;
import dev.redisfromscratch.command.CommandSpec;
import dev.redisfromscratch.protocol.Numbers;
import dev.redisfromscratch.protocol.ReplyWriter;
import dev.redisfromscratch.security.Authentication;

/**
 * {@code HELLO [protover [AUTH username password] [SETNAME clientname]]}: the handshake of RESP3
 * clients, answered for RESP2, the only protocol this server speaks.
 *
 * <ul>
 *   <li>{@code HELLO} or {@code HELLO 2}: Redis's map of server facts, which RESP2 sends as a flat
 *       array of 14: {@code server redis version 7.0.15 proto 2 id <id> mode standalone role master
 *       modules (empty array)}.
 *   <li>{@code HELLO 3} (or any version but 2): {@code -NOPROTO unsupported protocol version}, so a
 *       client such as Lettuce falls back to RESP2 ({@code AUTH}, then plain commands). Real Redis
 *       7.0 accepts 3; a version that is not an integer gets {@code -ERR Protocol version is not an
 *       integer or out of range}.
 *   <li>Options, in order: {@code AUTH user pass} authenticates ({@code -WRONGPASS ...} stops
 *       there); {@code SETNAME name} names the connection ({@code -ERR Client names cannot ...}
 *       stops there, after an {@code AUTH} before it took effect); anything else is
 *       {@code -ERR Syntax error in HELLO option '<opt>'}.
 *   <li>Then a client that is not authenticated gets {@code -NOAUTH HELLO must be called with the
 *       client already authenticated, ...} (a {@code SETNAME} before it has still taken effect, as
 *       in Redis).
 * </ul>
 *
 * <p>Redis: {@code networking.c}, {@code helloCommand}; arity -1, flags noscript loading stale fast
 * no_auth allow_busy.
 */
public final class HelloCommand implements CommandHandler {
    /** What {@code HELLO} and {@code INFO} report as {@code redis_version}: the Redis this server mimics. */
    public static final String REDIS_VERSION = "7.0.15";
    /** The refusal of {@code HELLO} by a client that has not authenticated. */
    public static final String NOAUTH = "NOAUTH HELLO must be called with the client already authenticated, "
            + "otherwise the HELLO AUTH <user> <pass> option can be used to authenticate the client and "
            + "select the RESP protocol version at the same time";

    private final Authentication auth;

    private HelloCommand(Authentication auth) {
        this.auth = auth;
    }

    /** @return the table row: {@code hello}, arity -1 */
    public static CommandSpec spec(Authentication auth) {
        return CommandSpec.builder("hello", -1)
                .flags(CommandFlag.NOSCRIPT, CommandFlag.LOADING, CommandFlag.STALE, CommandFlag.FAST,
                        CommandFlag.NO_AUTH, CommandFlag.ALLOW_BUSY)
                .acl(AclCategory.CONNECTION)
                .docs("Handshake with Redis", "6.0.0", "connection", "O(1)")
                .handler(new HelloCommand(auth))
                .build();
    }

    @Override
    public void execute(CommandCall call) {
        Client client = call.client();
        int next = 1;
        if (call.argc() >= 2) {
            long version;
            try {
                version = Numbers.string2ll(call.arg(next++));
            } catch (Numbers.NotANumber e) {
                call.reply().error("ERR Protocol version is not an integer or out of range");
                return;
            }
            if (version != 2) {
                call.reply().error("NOPROTO unsupported protocol version"); // RESP3 is not spoken here
                return;
            }
        }
        for (int j = next; j < call.argc(); j++) {
            int moreArgs = call.argc() - 1 - j;
            String option = call.option(j);
            if (option.equals("AUTH") && moreArgs >= 2) {
                if (!auth.authenticate(client, call.arg(j + 1), call.arg(j + 2))) {
                    call.reply().error(Authentication.WRONGPASS);
                    return;
                }
                j += 2;
            } else if (option.equals("SETNAME") && moreArgs >= 1) {
                if (!ClientCommand.setName(client, call.arg(j + 1))) {
                    call.reply().error(ClientCommand.BAD_NAME);
                    return;
                }
                j++;
            } else {
                call.reply().error("ERR Syntax error in HELLO option '" + call.argString(j) + "'");
                return;
            }
        }
        if (!client.has(ClientFlag.AUTHENTICATED)) {
            call.reply().error(NOAUTH);
            return;
        }
        // A map of 7 in RESP3; RESP2 writes it as an array of 14: key, value, key, value, ...
        ReplyWriter r = call.reply().arrayHeader(14);
        r.bulk("server").bulk("redis");
        r.bulk("version").bulk(REDIS_VERSION);
        r.bulk("proto").integer(2);
        r.bulk("id").integer(client.id());
        r.bulk("mode").bulk("standalone");
        r.bulk("role").bulk("master");
        r.bulk("modules").arrayHeader(0);
    }
}
