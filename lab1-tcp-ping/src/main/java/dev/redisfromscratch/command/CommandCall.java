package dev.redisfromscratch.command;

import dev.redisfromscratch.protocol.ReplyWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

/**
 * One command being executed: its arguments, where its reply goes, and whether the connection
 * should close after the reply is sent (QUIT).
 *
 * <p>Arguments are raw bytes, since keys and values are binary-safe. Index 0 is the command name
 * as the client sent it.
 */
public final class CommandCall {
    private final List<byte[]> args;
    private final ReplyWriter reply;
    private boolean closeAfterReply;

    /**
     * @param args the command name followed by its arguments
     * @param reply where the handler appends its reply
     */
    public CommandCall(List<byte[]> args, ReplyWriter reply) {
        this.args = args;
        this.reply = reply;
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

    /** @return where the handler appends its reply */
    public ReplyWriter reply() {
        return reply;
    }

    /** Asks the server to close this connection once the reply has been written (QUIT). */
    public void closeAfterReply() {
        this.closeAfterReply = true;
    }

    /** @return whether {@link #closeAfterReply()} was called */
    public boolean closesAfterReply() {
        return closeAfterReply;
    }
}
