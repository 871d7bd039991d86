package dev.redisfromscratch.multi;

import dev.redisfromscratch.client.Client;
import dev.redisfromscratch.client.ClientFlag;
import dev.redisfromscratch.command.AclCategory;
import dev.redisfromscratch.command.CommandCall;
import dev.redisfromscratch.command.CommandFlag;
import dev.redisfromscratch.command.CommandHandler;
import dev.redisfromscratch.command.CommandPipeline;
import dev.redisfromscratch.command.CommandSpec;
import dev.redisfromscratch.protocol.ReplyWriter;

/**
 * {@code EXEC}: runs the commands queued since {@code MULTI}, one after the other, with nothing
 * from another client in between (the global lock is held for the whole of it), and ends the
 * transaction.
 *
 * <pre>
 *   not in MULTI                       -ERR EXEC without MULTI
 *   a command was refused while queued -EXECABORT Transaction discarded because of previous errors.
 *   a watched key changed (or expired) *-1
 *   otherwise                          *N, then each command's own reply, errors included:
 *                                      a command that fails fails alone, nothing is rolled back
 * </pre>
 *
 * <p>Each queued command runs through the pipeline's {@code call()}, so it is counted and
 * propagated as any command is. {@code EXEC} itself is not propagated: what it ran goes out, as
 * one {@code MULTI} … {@code EXEC} block when there is more than one change (lab 1's
 * {@code CommandPipeline}), so an append-only file or a replica applies it whole.
 *
 * <p>Redis: {@code multi.c}, {@code execCommand}; arity 1.
 */
public final class ExecCommand implements CommandHandler {
    /** The reply when a command was refused while queuing (Redis's {@code shared.execaborterr}). */
    public static final String EXECABORT = "EXECABORT Transaction discarded because of previous errors.";

    private final CommandPipeline pipeline;
    private final Transactions transactions;
    private final WatchedKeys watched;

    private ExecCommand(CommandPipeline pipeline, Transactions transactions, WatchedKeys watched) {
        this.pipeline = pipeline;
        this.transactions = transactions;
        this.watched = watched;
    }

    /** @return the table row: {@code exec}, arity 1, noscript loading stale skip_slowlog, {@code @transaction} */
    public static CommandSpec spec(CommandPipeline pipeline, Transactions transactions, WatchedKeys watched) {
        return CommandSpec.builder("exec", 1)
                .flags(CommandFlag.NOSCRIPT, CommandFlag.LOADING, CommandFlag.STALE, CommandFlag.SKIP_SLOWLOG)
                .acl(AclCategory.TRANSACTION)
                .docs("Execute all commands issued after MULTI", "1.2.0", "transactions",
                        "Depends on commands in the transaction")
                .handler(new ExecCommand(pipeline, transactions, watched))
                .build();
    }

    @Override
    public void execute(CommandCall call) {
        Client client = call.client();
        if (!client.has(ClientFlag.MULTI)) {
            call.reply().error("ERR EXEC without MULTI");
            return;
        }
        call.preventPropagation(); // the queued commands propagate, not EXEC
        try {
            run(client, MultiState.of(client));
        } finally {
            transactions.discard(client); // the transaction is over, whatever happened
        }
    }

    /**
     * Answers the transaction: {@code -EXECABORT ...} ({@link #EXECABORT}) if a command was
     * refused while it was queued; {@code *-1} if a watched key was touched or has logically expired
     * since it was watched ({@link WatchedKeys#anyExpired}); otherwise an array header for the
     * queued commands, then each of them run with {@code pipeline.call}, which appends its reply.
     * The client is still flagged {@code MULTI} meanwhile; the caller ends the transaction.
     *
     * <p>Redis: {@code multi.c}, {@code execCommand}.
     *
     * @param state the client's queue and flags
     */
    void run(Client client, MultiState state) {
        // BEGIN SOLUTION
        if (state.execAborted()) {
            client.reply().error(EXECABORT);
            return;
        }
        if (state.touched() || watched.anyExpired(client)) {
            client.reply().raw(ReplyWriter.NULL_ARRAY); // *-1\r\n
            return;
        }
        client.reply().arrayHeader(state.queued().size()); // *<n>\r\n, then each reply
        for (MultiState.QueuedCommand queued : state.queued()) {
            pipeline.call(client, queued.spec(), queued.argv());
        }
        // END SOLUTION
        // STUB: throw new UnsupportedOperationException("TODO(lab5): stage 2: answer -EXECABORT, *-1 (touched or a watched key expired), or *N and run each queued command with pipeline.call");
    }
}
