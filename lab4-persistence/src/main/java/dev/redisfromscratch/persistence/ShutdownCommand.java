package dev.redisfromscratch.persistence;

import dev.redisfromscratch.command.CommandCall;
import dev.redisfromscratch.command.CommandFlag;
import dev.redisfromscratch.command.CommandHandler;
import dev.redisfromscratch.command.CommandSpec;
import dev.redisfromscratch.command.ErrorReplies;
import dev.redisfromscratch.protocol.RedisError;

/**
 * {@code SHUTDOWN [NOSAVE|SAVE] [NOW] [FORCE] [ABORT]}: saves (if asked, or by default if save
 * points are set), fsyncs the append-only file, and stops the server. On success there is no reply:
 * the connection closes, and {@code redis-cli} reports it. If the save fails:
 * {@code -ERR Errors trying to SHUTDOWN. Check logs.} and the server keeps running (unless
 * {@code FORCE}). {@code NOW} is accepted (there are no replicas to wait for); {@code ABORT} replies
 * {@code -ERR No shutdown in progress.}, as nothing is ever waiting here.
 *
 * <p>Redis: {@code server.c}, {@code shutdownCommand}, {@code prepareForShutdown}; arity -1.
 */
public final class ShutdownCommand implements CommandHandler {
    private final Persistence persistence;
    private final Runnable stopServer;

    private ShutdownCommand(Persistence persistence, Runnable stopServer) {
        this.persistence = persistence;
        this.stopServer = stopServer;
    }

    /**
     * @param stopServer stops accepting and closes the connections; called on the server thread
     * @return the table row: {@code shutdown}, arity -1, admin noscript loading stale no_multi allow_busy
     */
    public static CommandSpec spec(Persistence persistence, Runnable stopServer) {
        return CommandSpec.builder("shutdown", -1)
                .flags(CommandFlag.ADMIN, CommandFlag.NOSCRIPT, CommandFlag.LOADING, CommandFlag.STALE,
                        CommandFlag.NO_MULTI, CommandFlag.ALLOW_BUSY)
                .docs("Synchronously save the dataset to disk and then shut down the server", "1.0.0", "server",
                        "O(N) when saving, where N is the total number of keys in all databases when saving data, otherwise O(1)")
                .handler(new ShutdownCommand(persistence, stopServer))
                .build();
    }

    @Override
    public void execute(CommandCall call) {
        Boolean save = null;
        boolean force = false;
        boolean abort = false;
        boolean now = false;
        for (int i = 1; i < call.argc(); i++) {
            switch (call.option(i)) {
                case "NOSAVE" -> save = save == null ? Boolean.FALSE : syntaxError();
                case "SAVE" -> save = save == null ? Boolean.TRUE : syntaxError();
                case "NOW" -> now = true;
                case "FORCE" -> force = true;
                case "ABORT" -> abort = true;
                default -> syntaxError();
            }
        }
        if (abort) {
            if (save != null || force || now) {
                syntaxError();
            }
            throw new RedisError("ERR No shutdown in progress.");
        }
        if (!persistence.prepareForShutdown(save, force)) {
            throw new RedisError("ERR Errors trying to SHUTDOWN. Check logs.");
        }
        call.closeAfterReply(); // no reply: the connection just closes
        stopServer.run();
    }

    private static Boolean syntaxError() {
        throw new RedisError(ErrorReplies.SYNTAX);
    }
}
