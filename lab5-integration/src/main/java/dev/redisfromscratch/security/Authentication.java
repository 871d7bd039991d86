package dev.redisfromscratch.security;

import dev.redisfromscratch.client.Client;
import dev.redisfromscratch.client.ClientFlag;
import dev.redisfromscratch.command.CommandFlag;
import dev.redisfromscratch.command.CommandSpec;
import dev.redisfromscratch.resp.RespRequestDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * {@code requirepass} as Redis 7.0 ships it: a password on the {@code default} user, and nothing
 * else of ACLs.
 *
 * <ul>
 *   <li>A client is authenticated when it connects if no password is set (Redis's
 *       {@code c->authenticated}: the default user is {@code nopass}), and otherwise once
 *       {@code AUTH} or {@code HELLO ... AUTH} succeeds. Setting a password later does not log out
 *       the clients already connected; {@code RESET} re-derives it as at connection time.
 *   <li>A client <em>must authenticate</em> while a password is set and it has not: then every
 *       command without the {@code no_auth} flag ({@code AUTH}, {@code HELLO}, {@code QUIT},
 *       {@code RESET} have it) gets {@value #NOAUTH} ({@link #refuse}), after the unknown-command
 *       and arity checks and before {@code -MISCONF}, and its RESP decoder applies Redis's smaller
 *       limits ({@link #limitDecoder}).
 * </ul>
 *
 * <p>The password is compared in constant time. Not thread-safe: used under the global lock.
 *
 * <p>Redis: {@code acl.c} ({@code ACLCheckUserCredentials}, {@code ACLAuthenticateUser},
 * {@code ACLUpdateDefaultUserPassword}); {@code server.c}, {@code authRequired} and
 * {@code processCommand}; {@code networking.c}, {@code createClient}, {@code clientSetDefaultAuth}.
 */
public final class Authentication {
    /** The refusal, without its {@code -}. */
    public static final String NOAUTH = "NOAUTH Authentication required.";
    /** A failed {@code AUTH} or {@code HELLO AUTH}, without its {@code -}. */
    public static final String WRONGPASS = "WRONGPASS invalid username-password pair or user is disabled.";
    /** The only user: Redis 7.0's {@code default}. */
    public static final String DEFAULT_USER = "default";

    private byte[] password;

    /** @param requirepass the password, empty for none */
    public Authentication(String requirepass) {
        password(requirepass);
    }

    /**
     * Sets the password ({@code CONFIG SET requirepass}); empty removes it. Clients keep their
     * state: those authenticated stay so.
     */
    public void password(String requirepass) {
        this.password = requirepass == null || requirepass.isEmpty() ? null : requirepass.getBytes(StandardCharsets.UTF_8);
    }

    /** @return whether a password is set (the default user is not {@code nopass}) */
    public boolean passwordSet() {
        return password != null;
    }

    /** A new client, or one being {@code RESET}: authenticated exactly when no password is set. */
    public void connected(Client client) {
        if (password == null) {
            client.set(ClientFlag.AUTHENTICATED);
        } else {
            client.clear(ClientFlag.AUTHENTICATED);
        }
    }

    /** @return whether {@code client} must authenticate before it may run commands (Redis: {@code authRequired}) */
    public boolean required(Client client) {
        return password != null && !client.has(ClientFlag.AUTHENTICATED);
    }

    /**
     * The admission check: {@value #NOAUTH} for a command without {@code no_auth} from a client
     * that must authenticate.
     *
     * @return the refusal, or {@code null}
     */
    public String refuse(Client client, CommandSpec spec) {
        return required(client) && !spec.has(CommandFlag.NO_AUTH) ? NOAUTH : null;
    }

    /**
     * Gives {@code client}'s RESP decoder Redis's limits for a client that must authenticate.
     */
    public void limitDecoder(Client client) {
        if (client.framer() instanceof RespRequestDecoder decoder) {
            decoder.unauthenticatedWhile(() -> required(client));
        }
    }

    /**
     * Checks a user and password and, if they are right, authenticates the client. The only user is
     * {@code default} (case-sensitive); with no password set, any password is right for it.
     *
     * @return whether they were right; a wrong pair leaves the client as it was
     */
    public boolean authenticate(Client client, byte[] user, byte[] pass) {
        if (!MessageDigest.isEqual(user, DEFAULT_USER.getBytes(StandardCharsets.US_ASCII))) {
            return false;
        }
        if (password != null && !MessageDigest.isEqual(pass, password)) {
            return false;
        }
        client.set(ClientFlag.AUTHENTICATED);
        return true;
    }
}
