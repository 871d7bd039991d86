package dev.redisfromscratch.command;

import dev.redisfromscratch.client.Client;
import dev.redisfromscratch.protocol.ReplyWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

/**
 * One command being executed: its arguments, the client that sent it, where its reply goes, and
 * what it propagates.
 *
 * <p>Arguments are raw bytes, since keys and values are binary-safe. Index 0 is the command name
 * as the client sent it.
 *
 * <p><b>Propagation.</b> If the command changes the keyspace, the pipeline propagates it after it
 * ran ({@link PropagationListener}). By default what propagates is the request itself; a command
 * whose replay would not give the same data calls {@link #propagateAs} with the form that does:
 * {@code EXPIRE k 10} becomes {@code PEXPIREAT k <unix ms>}.
 *
 * <p>Redis: {@code server.h}, {@code client->argv}; {@code networking.c},
 * {@code rewriteClientCommandVector}.
 */
public final class CommandCall {
    private final Client client;
    private final List<byte[]> args;
    private List<byte[]> propagated;
    private boolean propagationPrevented;

    /**
     * @param client the client that sent the command; its reply buffer receives the reply
     * @param args the command name followed by its arguments
     */
    public CommandCall(Client client, List<byte[]> args) {
        this.client = client;
        this.args = args;
        this.propagated = args;
    }

    /** @return all arguments, the command name first */
    public List<byte[]> args() {
        return args;
    }

    /** @return the number of arguments, the command name included (Redis's {@code argc}) */
    public int argc() {
        return args.size();
    }

    /** @return argument {@code i} as raw bytes */
    public byte[] arg(int i) {
        return args.get(i);
    }

    /** @return argument {@code i} decoded as UTF-8 text */
    public String argString(int i) {
        return new String(args.get(i), StandardCharsets.UTF_8);
    }

    /** @return argument {@code i} in upper case, for comparing options such as {@code EX} or {@code NX} */
    public String option(int i) {
        return argString(i).toUpperCase(Locale.ROOT);
    }

    /** @return the client that sent the command */
    public Client client() {
        return client;
    }

    /** @return where the handler appends its reply: the client's reply buffer */
    public ReplyWriter reply() {
        return client.reply();
    }

    /** Asks the server to close this connection once the reply has been written (QUIT). */
    public void closeAfterReply() {
        client.closeAfterReply();
    }

    /**
     * Replaces what this command propagates if it changes the keyspace (Redis's
     * {@code rewriteClientCommandVector}): the form that replays to the same data on an
     * append-only file load or a replica, e.g. absolute expire times instead of relative ones.
     *
     * @param argv the command to propagate, name first
     */
    public void propagateAs(List<byte[]> argv) {
        this.propagated = argv;
    }

    /** @return what propagates if the command changes the keyspace: the request, or {@link #propagateAs}'s */
    public List<byte[]> propagated() {
        return propagated;
    }

    /**
     * Asks that this command not be propagated itself even if the keyspace changed while it ran:
     * {@code EXEC}, whose queued commands propagate on their own (between {@code MULTI} and
     * {@code EXEC}). Effects queued with {@code CommandPipeline.alsoPropagate} still go out.
     *
     * <p>Redis: {@code server.c}, {@code preventCommandPropagation} ({@code CLIENT_PREVENT_PROP});
     * {@code call} never propagates {@code execCommand} itself.
     */
    public void preventPropagation() {
        this.propagationPrevented = true;
    }

    /** @return whether {@link #preventPropagation} was called */
    public boolean propagationPrevented() {
        return propagationPrevented;
    }
}
