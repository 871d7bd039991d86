package dev.redisfromscratch.multi;

import dev.redisfromscratch.client.Client;
import dev.redisfromscratch.client.ClientFlag;
import dev.redisfromscratch.clients.ClientRegistry;
import dev.redisfromscratch.command.CommandFlag;
import dev.redisfromscratch.command.CommandInterceptor;
import dev.redisfromscratch.command.CommandPipeline;
import dev.redisfromscratch.command.CommandSpec;
import dev.redisfromscratch.command.CommandTable;
import dev.redisfromscratch.store.Databases;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;

/**
 * {@code MULTI} … {@code EXEC}: where a command sent inside a transaction is queued instead of run.
 * It sits in lab 1's pipeline as a {@link CommandInterceptor}, so it sees each command a client
 * sent once the command was looked up, its arity checked and the admission checks passed, which is
 * where Redis's {@code processCommand} queues it.
 *
 * <pre>
 *   client sends CMD
 *     unknown / wrong arity / refused by a check  → the error, and rejected(): the transaction is
 *                                                  doomed, EXEC will answer -EXECABORT
 *     not in MULTI                                → runs as usual
 *     EXEC DISCARD MULTI WATCH QUIT RESET         → runs at once (MULTI and WATCH answer errors)
 *     anything else                               → queued, +QUEUED
 *   EXEC                                          → runs the queue through call(), see ExecCommand
 * </pre>
 *
 * <p>Used under the global lock only.
 *
 * <p>Redis: {@code server.c}, {@code processCommand} ({@code queueMultiCommand}, the
 * {@code CMD_NO_MULTI} check); {@code multi.c}, {@code flagTransaction},
 * {@code discardTransaction}.
 */
public final class Transactions implements CommandInterceptor {
    /** The commands that run at once inside {@code MULTI} instead of being queued. */
    public static final Set<String> RUN_AT_ONCE = Set.of("exec", "discard", "multi", "watch", "quit", "reset");
    /** A command flagged {@code no-multi} ({@code SAVE}, {@code SHUTDOWN}) sent inside {@code MULTI}. */
    public static final String NOT_IN_MULTI = "ERR Command not allowed inside a transaction";

    private static final byte[] QUEUED = "+QUEUED\r\n".getBytes(StandardCharsets.US_ASCII);

    private final WatchedKeys watched;

    /** @param watched the watched keys, forgotten when a transaction ends */
    public Transactions(WatchedKeys watched) {
        this.watched = watched;
    }

    /**
     * Adds transactions to a server: {@code MULTI}, {@code EXEC}, {@code DISCARD}, {@code WATCH}
     * and {@code UNWATCH} in the table; the queueing in the pipeline (an interceptor, and the
     * {@code no-multi} admission check); {@code WATCH}'s propagation listener; and the cleanup when
     * a client leaves (its queue and its watches).
     *
     * @return the transactions, for {@code RESET} ({@link #discard})
     */
    public static Transactions register(CommandTable table, CommandPipeline pipeline, Databases dbs, ClientRegistry clients) {
        WatchedKeys watched = new WatchedKeys(dbs, table);
        Transactions transactions = new Transactions(watched);
        table.register(MultiCommand.spec())
                .register(ExecCommand.spec(pipeline, transactions, watched))
                .register(DiscardCommand.spec(transactions))
                .register(WatchCommand.watchSpec(watched))
                .register(WatchCommand.unwatchSpec(watched));
        pipeline.addAdmissionCheck(Transactions::refuseInsideMulti);
        pipeline.addInterceptor(transactions);
        pipeline.addPropagationListener(watched);
        clients.onRemove(transactions::discard);
        return transactions;
    }

    /**
     * Queues the command if the client is inside {@code MULTI}.
     *
     * @return whether the command was queued (and {@code +QUEUED} answered)
     */
    @Override
    public boolean intercept(Client client, CommandSpec spec, List<byte[]> argv) {
        if (!client.has(ClientFlag.MULTI)) {
            return false; // the common case: not in a transaction
        }
        return queue(client, spec, argv);
    }

    /**
     * Decides, for a client inside {@code MULTI}, whether {@code spec} runs now or waits for
     * {@code EXEC}. The commands of {@link #RUN_AT_ONCE} run now: {@code EXEC} and
     * {@code DISCARD} end the transaction, {@code QUIT} and {@code RESET} end more, and
     * {@code MULTI} and {@code WATCH} answer their errors ("can not be nested", "inside MULTI is
     * not allowed") without dooming the transaction. Any other command is added to the client's
     * {@link MultiState} and answered {@code +QUEUED}.
     *
     * <p>Redis: {@code server.c}, the end of {@code processCommand}; {@code multi.c},
     * {@code queueMultiCommand}.
     *
     * @return {@code true} if the command was queued and answered, {@code false} to run it now
     */
    boolean queue(Client client, CommandSpec spec, List<byte[]> argv) {
        // BEGIN SOLUTION
        if (RUN_AT_ONCE.contains(spec.name())) {
            return false;
        }
        MultiState.of(client).queue(spec, argv);
        client.reply().raw(QUEUED); // +QUEUED\r\n
        return true;
        // END SOLUTION
        // STUB: throw new UnsupportedOperationException("TODO(lab5): stage 2: queue the command (MultiState.queue) and answer +QUEUED, unless it is one of RUN_AT_ONCE");
    }

    /**
     * A refusal inside {@code MULTI} dooms the transaction (Redis: {@code flagTransaction}); a
     * refused {@code EXEC} ends it at once, answering
     * {@code -EXECABORT Transaction discarded because of: <the error>} (Redis:
     * {@code execCommandAbort}, which quotes an {@code ERR} error without its code).
     */
    @Override
    public String rejected(Client client, CommandSpec spec, String error) {
        if (!client.has(ClientFlag.MULTI)) {
            return error;
        }
        MultiState.of(client).abortExec();
        if (spec == null || !spec.name().equals("exec")) {
            return error;
        }
        discard(client);
        return "EXECABORT Transaction discarded because of: " + (error.startsWith("ERR ") ? error.substring(4) : error);
    }

    /**
     * The admission check for commands Redis never queues: those flagged {@code no-multi}.
     *
     * @return {@link #NOT_IN_MULTI}, or {@code null}
     */
    public static String refuseInsideMulti(Client client, CommandSpec spec) {
        return client.has(ClientFlag.MULTI) && spec.has(CommandFlag.NO_MULTI) ? NOT_IN_MULTI : null;
    }

    /**
     * Ends the client's transaction, if any, and forgets its watched keys: after {@code EXEC} and
     * {@code DISCARD}, for {@code RESET}, and when the client leaves.
     *
     * <p>Redis: {@code multi.c}, {@code discardTransaction}.
     */
    public void discard(Client client) {
        MultiState.of(client).reset();
        client.clear(ClientFlag.MULTI);
        watched.unwatchAll(client);
    }

    /** @return the watched keys */
    public WatchedKeys watched() {
        return watched;
    }
}
