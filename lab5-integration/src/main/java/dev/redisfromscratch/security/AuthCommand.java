package dev.redisfromscratch.security;

import dev.redisfromscratch.command.AclCategory;
import dev.redisfromscratch.command.CommandCall;
import dev.redisfromscratch.command.CommandFlag;
import dev.redisfromscratch.command.CommandHandler;
import dev.redisfromscratch.command.CommandSpec;
import dev.redisfromscratch.command.ErrorReplies;
import dev.redisfromscratch.protocol.ReplyWriter;
import java.nio.charset.StandardCharsets;

/**
 * {@code AUTH [username] password}: authenticates the connection.
 *
 * <ul>
 *   <li>{@code AUTH password} checks the {@code default} user's password; with none set it answers
 *       {@code -ERR AUTH <password> called without any password configured for the default user.
 *       Are you sure your configuration is correct?};
 *   <li>{@code AUTH default password} with no password set succeeds whatever the password, as
 *       Redis's {@code nopass} user does;
 *   <li>right: {@code +OK}; wrong (or another user): {@code -WRONGPASS invalid username-password
 *       pair or user is disabled.}, and the client stays as it was;
 *   <li>more than two arguments: {@code -ERR syntax error}.
 * </ul>
 *
 * <p>Redis: {@code acl.c}, {@code authCommand}; arity -2, flags noscript loading stale fast no_auth
 * allow_busy.
 */
public final class AuthCommand implements CommandHandler {
    /** The error for {@code AUTH password} when no password is set. */
    public static final String NO_PASSWORD = "ERR AUTH <password> called without any password configured for "
            + "the default user. Are you sure your configuration is correct?";

    private final Authentication auth;

    private AuthCommand(Authentication auth) {
        this.auth = auth;
    }

    /** @return the table row: {@code auth}, arity -2, flags noscript loading stale fast no_auth allow_busy */
    public static CommandSpec spec(Authentication auth) {
        return CommandSpec.builder("auth", -2)
                .flags(CommandFlag.NOSCRIPT, CommandFlag.LOADING, CommandFlag.STALE, CommandFlag.FAST,
                        CommandFlag.NO_AUTH, CommandFlag.ALLOW_BUSY)
                .acl(AclCategory.CONNECTION)
                .docs("Authenticate to the server", "1.0.0", "connection",
                        "O(N) where N is the number of passwords defined for the user")
                .handler(new AuthCommand(auth))
                .build();
    }

    @Override
    public void execute(CommandCall call) {
        if (call.argc() > 3) {
            call.reply().error(ErrorReplies.SYNTAX);
            return;
        }
        byte[] user;
        byte[] password;
        if (call.argc() == 2) {
            if (!auth.passwordSet()) {
                call.reply().error(NO_PASSWORD);
                return;
            }
            user = Authentication.DEFAULT_USER.getBytes(StandardCharsets.US_ASCII);
            password = call.arg(1);
        } else {
            user = call.arg(1);
            password = call.arg(2);
        }
        if (auth.authenticate(call.client(), user, password)) {
            call.reply().raw(ReplyWriter.OK);                   // +OK\r\n
        } else {
            call.reply().error(Authentication.WRONGPASS);       // -WRONGPASS ...\r\n
        }
    }
}
