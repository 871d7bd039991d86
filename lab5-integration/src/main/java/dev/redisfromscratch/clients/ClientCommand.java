package dev.redisfromscratch.clients;

import dev.redisfromscratch.client.Client;
import dev.redisfromscratch.client.ClientFlag;
import dev.redisfromscratch.command.AclCategory;
import dev.redisfromscratch.command.CommandCall;
import dev.redisfromscratch.command.CommandFlag;
import dev.redisfromscratch.command.CommandSpec;
import dev.redisfromscratch.command.ErrorReplies;
import dev.redisfromscratch.introspection.HelpReply;
import dev.redisfromscratch.protocol.Numbers;
import dev.redisfromscratch.protocol.ReplyWriter;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Locale;

/**
 * {@code CLIENT ID | SETNAME | GETNAME | LIST | INFO | KILL | HELP}: the connection's own identity,
 * and the list of connected clients, with Redis 7.0's replies and errors.
 *
 * <ul>
 *   <li>{@code CLIENT ID}: {@code :<id>}.
 *   <li>{@code CLIENT SETNAME name}: {@code +OK}; an empty name removes it; a byte outside
 *       {@code !}..{@code ~} (a space, a newline) gives {@value #BAD_NAME}.
 *   <li>{@code CLIENT GETNAME}: the name as a bulk string, or {@code $-1}.
 *   <li>{@code CLIENT LIST [TYPE normal|master|replica|slave|pubsub] | [ID id ...]}: one line per
 *       client ({@link ClientInfo}), each ending in {@code \n}, as one bulk string; {@code -ERR
 *       Unknown client type 'x'}, {@code -ERR Invalid client ID}, else {@code -ERR syntax error}.
 *   <li>{@code CLIENT INFO}: the caller's line, the same way.
 *   <li>{@code CLIENT KILL ip:port} (old form): kills that client, yourself included:
 *       {@code +OK}, or {@code -ERR No such client}. {@code CLIENT KILL <filter> <value> ...} (new
 *       form, filters {@code ID}, {@code ADDR}, {@code LADDR}, {@code TYPE}, {@code USER},
 *       {@code SKIPME yes|no}, all of which must match): {@code :<killed>}. The caller is skipped
 *       unless {@code SKIPME no}. A killed client is closed at once and forgotten (it never runs
 *       what it had sent); the caller itself is closed after its reply.
 *   <li>{@code CLIENT HELP}: Redis's help lines, for the subcommands this server has.
 * </ul>
 *
 * <p>Redis: {@code networking.c}, {@code clientCommand}, {@code clientSetName},
 * {@code getClientTypeByName}, {@code getClientType}; every subcommand's table row is Redis
 * 7.0.15's ({@code COMMAND INFO client|list}).
 */
public final class ClientCommand {
    /** The error for a name with a space, a newline or another byte outside {@code !}..{@code ~}. */
    public static final String BAD_NAME = "ERR Client names cannot contain spaces, newlines or special characters.";

    private static final List<String> HELP = List.of(
            "GETNAME",
            "    Return the name of the current connection.",
            "ID",
            "    Return the ID of the current connection.",
            "INFO",
            "    Return information about the current client connection.",
            "KILL <ip:port>",
            "    Kill connection made from <ip:port>.",
            "KILL <option> <value> [<option> <value> [...]]",
            "    Kill connections. Options are:",
            "    * ADDR (<ip:port>|<unixsocket>:0)",
            "      Kill connections made from the specified address",
            "    * LADDR (<ip:port>|<unixsocket>:0)",
            "      Kill connections made to specified local address",
            "    * TYPE (NORMAL|MASTER|REPLICA|PUBSUB)",
            "      Kill connections by type.",
            "    * USER <username>",
            "      Kill connections authenticated by <username>.",
            "    * SKIPME (YES|NO)",
            "      Skip killing current connection (default: yes).",
            "LIST [options ...]",
            "    Return information about client connections. Options:",
            "    * TYPE (NORMAL|MASTER|REPLICA|PUBSUB)",
            "      Return clients of specified type.",
            "SETNAME <name>",
            "    Assign the name <name> to the current connection.");

    /** Client types, as {@code TYPE} names them. */
    private enum Type { NORMAL, REPLICA, PUBSUB, MASTER }

    private final ClientRegistry clients;
    private final Clock clock;

    private ClientCommand(ClientRegistry clients, Clock clock) {
        this.clients = clients;
        this.clock = clock;
    }

    /**
     * @param clients the connected clients
     * @param clock the server's clock ({@code age}, {@code idle})
     * @return the {@code client} container (arity -2) with {@code id}, {@code setname},
     *     {@code getname}, {@code list}, {@code info}, {@code kill} and {@code help}
     */
    public static CommandSpec containerSpec(ClientRegistry clients, Clock clock) {
        ClientCommand c = new ClientCommand(clients, clock);
        return CommandSpec.builder("client", -2)
                .docs("A container for client connection commands", "2.4.0", "connection", "Depends on subcommand.")
                .subcommand(sub("client|kill", -3, true, "Kill the connection of a client", "2.4.0",
                        "O(N) where N is the number of client connections").handler(c::kill).build())
                .subcommand(sub("client|list", -2, true, "Get the list of client connections", "2.4.0",
                        "O(N) where N is the number of client connections").tips("nondeterministic_output")
                        .handler(c::list).build())
                .subcommand(sub("client|getname", 2, false, "Get the current connection name", "2.6.9", "O(1)")
                        .handler(ClientCommand::getname).build())
                .subcommand(sub("client|setname", 3, false, "Set the current connection name", "2.6.9", "O(1)")
                        .handler(ClientCommand::setname).build())
                .subcommand(sub("client|id", 2, false, "Returns the client ID for the current connection", "5.0.0", "O(1)")
                        .handler(call -> call.reply().integer(call.client().id())).build())
                .subcommand(sub("client|info", 2, false, "Returns information about the current client connection.",
                        "6.2.0", "O(1)").tips("nondeterministic_output").handler(c::info).build())
                .subcommand(CommandSpec.builder("client|help", 2)
                        .flags(CommandFlag.LOADING, CommandFlag.STALE)
                        .acl(AclCategory.CONNECTION)
                        .docs("Show helpful text about the different subcommands", "5.0.0", "connection", "O(1)")
                        .handler(call -> HelpReply.write(call, HELP)).build())
                .build();
    }

    private static CommandSpec.Builder sub(String name, int arity, boolean admin, String summary, String since,
                                           String complexity) {
        CommandSpec.Builder b = CommandSpec.builder(name, arity);
        if (admin) {
            b.flags(CommandFlag.ADMIN);
        }
        return b.flags(CommandFlag.NOSCRIPT, CommandFlag.LOADING, CommandFlag.STALE)
                .acl(AclCategory.CONNECTION)
                .docs(summary, since, "connection", complexity);
    }

    /**
     * Sets or, with an empty name, removes the client's name, as {@code CLIENT SETNAME} and
     * {@code HELLO ... SETNAME} do.
     *
     * @return whether the name was acceptable; if not, nothing changed (the caller replies {@link #BAD_NAME})
     */
    public static boolean setName(Client client, byte[] name) {
        for (byte b : name) {
            if (b < '!' || b > '~') { // Java bytes are signed: anything above 127 is negative, refused too
                return false;
            }
        }
        client.name(name.length == 0 ? null : new String(name, StandardCharsets.US_ASCII));
        return true;
    }

    private static void setname(CommandCall call) {
        if (setName(call.client(), call.arg(2))) {
            call.reply().raw(ReplyWriter.OK);
        } else {
            call.reply().error(BAD_NAME);
        }
    }

    private static void getname(CommandCall call) {
        String name = call.client().name();
        if (name == null) {
            call.reply().nullBulk();
        } else {
            call.reply().bulk(name);
        }
    }

    private void info(CommandCall call) {
        ClientConnection self = clients.byId(call.client().id());
        call.reply().bulk(self == null ? "" : describe(self, call) + "\n"); // $<len>\r\n<line>\n\r\n
    }

    private void list(CommandCall call) {
        StringBuilder out = new StringBuilder();
        if (call.argc() == 4 && call.option(2).equals("TYPE")) {
            Type type = typeByName(call.argString(3));
            if (type == null) {
                call.reply().error("ERR Unknown client type '" + call.argString(3) + "'");
                return;
            }
            for (ClientConnection c : clients.all()) {
                if (typeOf(c.client()) == type) {
                    out.append(describe(c, call)).append('\n');
                }
            }
        } else if (call.argc() > 3 && call.option(2).equals("ID")) {
            for (int i = 3; i < call.argc(); i++) {
                Long id = integer(call.arg(i));
                if (id == null) {
                    call.reply().error("ERR Invalid client ID");
                    return;
                }
                ClientConnection c = clients.byId(id);
                if (c != null) {
                    out.append(describe(c, call)).append('\n');
                }
            }
        } else if (call.argc() != 2) {
            call.reply().error(ErrorReplies.SYNTAX);
            return;
        } else {
            for (ClientConnection c : clients.all()) {
                out.append(describe(c, call)).append('\n');
            }
        }
        call.reply().bulk(out.toString()); // $<len>\r\n<line>\n<line>\n...\r\n
    }

    private void kill(CommandCall call) {
        String addr = null;
        String laddr = null;
        Type type = null;
        long id = 0;
        boolean skipMe = true;
        if (call.argc() == 3) {
            addr = call.argString(2); // old form: CLIENT KILL ip:port, which may kill the caller
            skipMe = false;
        } else {
            for (int i = 2; i < call.argc(); i += 2) {
                boolean moreArgs = call.argc() > i + 1;
                String option = call.option(i);
                if (option.equals("ID") && moreArgs) {
                    Long value = integer(call.arg(i + 1));
                    if (value == null || value < 1) {
                        call.reply().error("ERR client-id should be greater than 0");
                        return;
                    }
                    id = value;
                } else if (option.equals("TYPE") && moreArgs) {
                    type = typeByName(call.argString(i + 1));
                    if (type == null) {
                        call.reply().error("ERR Unknown client type '" + call.argString(i + 1) + "'");
                        return;
                    }
                } else if (option.equals("ADDR") && moreArgs) {
                    addr = call.argString(i + 1);
                } else if (option.equals("LADDR") && moreArgs) {
                    laddr = call.argString(i + 1);
                } else if (option.equals("USER") && moreArgs) {
                    if (!call.argString(i + 1).equals("default")) { // the only user
                        call.reply().error("ERR No such user '" + call.argString(i + 1) + "'");
                        return;
                    }
                } else if (option.equals("SKIPME") && moreArgs) {
                    String value = call.option(i + 1);
                    if (value.equals("YES")) {
                        skipMe = true;
                    } else if (value.equals("NO")) {
                        skipMe = false;
                    } else {
                        call.reply().error(ErrorReplies.SYNTAX);
                        return;
                    }
                } else {
                    call.reply().error(ErrorReplies.SYNTAX);
                    return;
                }
            }
        }
        int killed = 0;
        boolean closeSelf = false;
        for (ClientConnection c : clients.all()) {
            Client victim = c.client();
            if (addr != null && !victim.address().equals(addr)
                    || laddr != null && !c.localAddress().equals(laddr)
                    || type != null && typeOf(victim) != type
                    || id != 0 && victim.id() != id
                    || victim == call.client() && skipMe) {
                continue;
            }
            if (victim == call.client()) {
                closeSelf = true;
            } else {
                clients.kill(c);
            }
            killed++;
        }
        if (call.argc() == 3) {
            if (killed == 0) {
                call.reply().error("ERR No such client");
            } else {
                call.reply().raw(ReplyWriter.OK);
            }
        } else {
            call.reply().integer(killed);
        }
        if (closeSelf) {
            call.closeAfterReply(); // after the reply is queued, as Redis flags CLIENT_CLOSE_AFTER_REPLY
        }
    }

    private String describe(ClientConnection c, CommandCall call) {
        long argv = 0;
        if (c.client() == call.client()) {
            for (byte[] arg : call.args()) {
                argv += arg.length;
            }
        }
        return clients.info().line(c, clock.millis(), argv);
    }

    /** Redis's {@code getClientTypeByName}: case-insensitive; {@code slave} and {@code replica} are one. */
    private static Type typeByName(String name) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "normal" -> Type.NORMAL;
            case "slave", "replica" -> Type.REPLICA;
            case "pubsub" -> Type.PUBSUB;
            case "master" -> Type.MASTER;
            default -> null;
        };
    }

    /** Redis's {@code getClientType}. */
    private static Type typeOf(Client c) {
        if (c.has(ClientFlag.PRIMARY)) {
            return Type.MASTER;
        }
        if (c.has(ClientFlag.REPLICA)) {
            return Type.REPLICA;
        }
        if (c.has(ClientFlag.PUBSUB)) {
            return Type.PUBSUB;
        }
        return Type.NORMAL;
    }

    /** A strict 64-bit integer (Redis's {@code string2ll}), or {@code null}. */
    private static Long integer(byte[] arg) {
        try {
            return Numbers.string2ll(arg);
        } catch (Numbers.NotANumber e) {
            return null;
        }
    }
}
