package dev.redisfromscratch.command;

import dev.redisfromscratch.client.Client;
import dev.redisfromscratch.protocol.RedisError;
import dev.redisfromscratch.protocol.ReplyWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * The one path every command takes, from a framed request to its reply and its propagation:
 * Redis's {@code processCommand} and {@code call}.
 *
 * <pre>
 *   processCommand(client, argv)
 *     lookup          unknown command or subcommand   → -ERR unknown command ...
 *     arity check     wrong count                      → -ERR wrong number of arguments ...
 *     call(client, spec, argv)
 *       admission checks           a refusal (lab 4's -MISCONF ...) is the reply; nothing runs
 *       dirty before
 *       handler.execute(call)      a RedisError        → its text as the reply (the one catch)
 *       statistics                 calls, µs, failed calls
 *       dirty changed?             propagate the command (or what it rewrote itself to)
 *       propagate                  to every listener: lab 4's AOF, lab 8's replicas
 *                                  (several entries of one command: inside MULTI … EXEC)
 *       after-command work         lab 6 serves the clients blocked on keys the command filled
 * </pre>
 *
 * <p><b>The dirty counter.</b> The keyspace counts its changes (lab 2's {@code DataStore.dirty()});
 * a command that changed it is propagated. Lab 1 has no keyspace, so nothing is ever dirty.
 *
 * <p><b>Also-propagate.</b> Effects that happen inside a command but are not the command, such as
 * a key that lazy expiry deletes while {@code GET} looks it up, are queued with
 * {@link #alsoPropagate} and go out before the command's own propagation; outside any command
 * (the active expiry cycle in the cron) they go out at once. So listeners see effects in the order
 * they happened, exactly as Redis 7.0 writes them to its append-only file. When one command
 * propagates more than one entry, they go out between {@code MULTI} and {@code EXEC}.
 *
 * <p>Not thread-safe: commands run one at a time (lab 5 holds one lock around {@link #processCommand}).
 *
 * <p>Redis: {@code server.c}, {@code processCommand}, {@code call}, {@code alsoPropagate},
 * {@code propagatePendingCommands}; {@code db.c}, {@code propagateDeletion}.
 */
public final class CommandPipeline {
    /** What a lab without a keyspace passes as its dirty counter: nothing is ever changed. */
    public static final LongSupplier NEVER_DIRTY = () -> 0;

    private static final List<byte[]> MULTI = List.of("MULTI".getBytes(StandardCharsets.US_ASCII));
    private static final List<byte[]> EXEC = List.of("EXEC".getBytes(StandardCharsets.US_ASCII));

    private final CommandTable table;
    private final LongSupplier dirty;
    private final List<PropagationListener> listeners = new CopyOnWriteArrayList<>();
    private final List<AdmissionCheck> admissionChecks = new CopyOnWriteArrayList<>();
    private final List<CommandInterceptor> interceptors = new CopyOnWriteArrayList<>();
    private final List<Runnable> afterCommand = new CopyOnWriteArrayList<>();
    private final List<Consumer<Client>> afterReply = new CopyOnWriteArrayList<>();
    private final List<Pending> pending = new ArrayList<>();
    private int callDepth;

    private record Pending(int db, List<byte[]> argv) {
    }

    /**
     * @param table the commands
     * @param dirty the keyspace's change counter (Redis's {@code server.dirty}), read before and
     *     after each command; {@link #NEVER_DIRTY} for a server without a keyspace
     */
    public CommandPipeline(CommandTable table, LongSupplier dirty) {
        this.table = table;
        this.dirty = dirty;
    }

    /** @return the command table */
    public CommandTable table() {
        return table;
    }

    /** Registers a listener for every change's effect, in execution order (lab 4's AOF, lab 8's replicas). */
    public void addPropagationListener(PropagationListener listener) {
        listeners.add(listener);
    }

    /**
     * Adds a check that may refuse a command a client sent before it runs, such as lab 4's
     * {@code -MISCONF} after a failed background save. Checks run in {@link #call} for the command
     * the client sent, not for the commands {@code EXEC} runs inside it.
     */
    public void addAdmissionCheck(AdmissionCheck check) {
        admissionChecks.add(check);
    }

    /**
     * Adds a check that runs before those already added: lab 5's {@code -NOAUTH} is wired after lab
     * 4's {@code -MISCONF} but must come first, as Redis checks authentication before the disk.
     */
    public void addAdmissionCheckFirst(AdmissionCheck check) {
        admissionChecks.add(0, check);
    }

    /**
     * Adds an interceptor, consulted after the admission checks for each command a client sent: it
     * may take the command instead of letting it run (lab 5 queues it inside {@code MULTI}), and it
     * hears of every command refused before it ran ({@link #reject}).
     */
    public void addInterceptor(CommandInterceptor interceptor) {
        interceptors.add(interceptor);
    }

    /**
     * Adds work to run each time an outermost command has completed, after its effects were
     * propagated and before the next command runs: lab 6 serves there the clients blocked on the
     * keys the command (or the whole {@code EXEC}) made ready, so that a push and the pops it
     * wakes form one atomic step. It runs after a command a client sent and after an {@code EXEC},
     * never between the commands {@code EXEC} runs. The work may propagate what it changes with
     * {@link #alsoPropagate} (it goes out at once, after the command's own entries); it must not
     * run commands through {@link #call}.
     *
     * <p>Redis: {@code server.c}, {@code processCommand}: {@code handleClientsBlockedOnKeys()}
     * after {@code call()} when {@code server.ready_keys} is not empty.
     *
     * @param work what to run, on the thread that ran the command (under lab 5's lock)
     */
    public void addAfterCommand(Runnable work) {
        afterCommand.add(work);
    }

    /**
     * Adds a check run each time a command a client sent has appended its reply to that client's
     * reply buffer: after it ran (and after the {@link #addAfterCommand} work), after it was refused
     * ({@link #reject}) and after an interceptor took it (a {@code +QUEUED}). It is given the client,
     * not the commands {@code EXEC} runs inside one. Lab 7 checks the client's output buffer limit
     * there, so a client that pipelines requests without reading its replies is closed within one
     * reply of its limit.
     *
     * <p>Redis: {@code networking.c}, {@code _addReplyProtoToList} →
     * {@code closeClientOnOutputBufferLimitReached(c, 1)} on every reply appended.
     *
     * @param check what to run, on the thread that ran the command (under lab 5's lock)
     */
    public void addAfterReply(Consumer<Client> check) {
        afterReply.add(check);
    }

    /** Removes a listener added with {@link #addPropagationListener}. */
    public void removePropagationListener(PropagationListener listener) {
        listeners.remove(listener);
    }

    /**
     * Looks up and runs one request, appending exactly one reply to the client's reply buffer.
     *
     * <ul>
     *   <li>unknown name: {@code -ERR unknown command 'NAME', with args beginning with: 'a' };
     *   <li>unknown subcommand of a container: {@code -ERR unknown subcommand 'FOO'. Try CONFIG HELP.};
     *   <li>argument count outside the arity: {@code -ERR wrong number of arguments for 'get' command}.
     * </ul>
     *
     * <p>Each of these is answered with {@link #reject}, which also counts it and tells the
     * interceptors.
     *
     * <p>Redis: {@code server.c}, {@code processCommand} ({@code commandCheckExistence},
     * {@code commandCheckArity}).
     *
     * @param argv the request, command name first; never empty
     */
    public void processCommand(Client client, List<byte[]> argv) {
        // BEGIN SOLUTION
        CommandSpec spec = table.lookup(argv);
        if (spec == null) {
            String name = new String(argv.get(0), StandardCharsets.ISO_8859_1);
            reject(client, null, table.isContainer(name)
                    ? ErrorReplies.unknownSubcommand(argv) : ErrorReplies.unknownCommand(argv));
            return;
        }
        if (!spec.arityAccepts(argv.size())) {
            reject(client, spec, ErrorReplies.wrongArity(spec.name()));
            return;
        }
        call(client, spec, argv);
        // END SOLUTION
        // STUB: throw new UnsupportedOperationException("TODO(lab1): stage 1: look the command up, check its arity (refuse with reject()), run it with call()");
    }

    /**
     * Refuses a command before it runs: counts it as rejected (if it is known), tells every
     * {@link CommandInterceptor} (inside {@code MULTI}, a refusal dooms the transaction, and may
     * change the error), and answers the error.
     *
     * <p>Redis: {@code server.c}, {@code rejectCommand} ({@code flagTransaction},
     * {@code rejected_calls++}, {@code execCommandAbort} or {@code addReplyErrorObject}).
     *
     * @param spec the command, or {@code null} if it is unknown
     * @param error the error text without the leading {@code -}, e.g. {@code ERR syntax error}
     */
    public void reject(Client client, CommandSpec spec, String error) {
        if (spec != null) {
            table.stats(spec).recordRejected();
        }
        String reply = error;
        for (CommandInterceptor interceptor : interceptors) {
            reply = interceptor.rejected(client, spec, reply);
        }
        client.reply().error(reply);
        if (callDepth == 0) {
            afterReply(client);
        }
    }

    /**
     * Runs a command that has been looked up and checked: the handler, then the after-command work
     * (statistics, propagation). Lab 5's {@code EXEC} calls it for each queued command.
     *
     * <p>For a command a client sent (not one {@code EXEC} runs), the admission checks
     * ({@link #addAdmissionCheck}) come first and may refuse it ({@link #reject}); then the
     * interceptors ({@link #addInterceptor}) may take it instead of letting it run. A
     * {@link RedisError} from the handler becomes the reply: whatever the handler had written of
     * its reply is dropped first. Any other exception is a bug and leaves this method.
     *
     * <p>A command that changed the data is propagated when the outermost call ends, unless it
     * asked not to be ({@link CommandCall#preventPropagation}, as {@code EXEC} does: what it ran
     * propagates instead). Then the after-command work runs ({@link #addAfterCommand}).
     *
     * <p>Redis: {@code server.c}, {@code call}.
     */
    public void call(Client client, CommandSpec spec, List<byte[]> argv) {
        ReplyWriter reply = client.reply();
        if (callDepth == 0) {
            for (AdmissionCheck check : admissionChecks) {
                String refusal = check.refuse(client, spec);
                if (refusal != null) {
                    reject(client, spec, refusal);
                    return;
                }
            }
            for (CommandInterceptor interceptor : interceptors) {
                if (interceptor.intercept(client, spec, argv)) {
                    afterReply(client);
                    return;
                }
            }
        }
        int replyMark = reply.size();
        long dirtyBefore = dirty.getAsLong();
        long errorsBefore = reply.errorReplies();
        CommandCall call = new CommandCall(client, argv);
        long start = System.nanoTime();
        callDepth++;
        try {
            spec.handler().execute(call);
        } catch (RedisError e) {
            reply.truncate(replyMark);
            reply.error(e.replyText());
        } finally {
            callDepth--;
        }
        table.stats(spec).recordCall(System.nanoTime() - start, reply.errorReplies() != errorsBefore);
        if (dirty.getAsLong() != dirtyBefore && !call.propagationPrevented()) {
            pending.add(new Pending(client.db(), call.propagated()));
        }
        if (callDepth == 0) {
            propagatePending();
            for (Runnable work : afterCommand) {
                work.run();
            }
            afterReply(client);
        }
    }

    private void afterReply(Client client) {
        for (Consumer<Client> check : afterReply) {
            check.accept(client);
        }
    }

    /**
     * Propagates an effect that is not a command's own: a key deleted by lazy or active expiry
     * ({@code DEL key}). Inside a command it waits and goes out before that command's own
     * propagation; outside one it goes out now.
     *
     * <p>Redis: {@code server.c}, {@code alsoPropagate}; {@code db.c}, {@code propagateDeletion}.
     *
     * @param db the database
     * @param argv the command to propagate, name first
     */
    public void alsoPropagate(int db, List<byte[]> argv) {
        pending.add(new Pending(db, argv));
        if (callDepth == 0) {
            propagatePending();
        }
    }

    /**
     * Sends what one command (or one effect outside a command) propagated. More than one entry, such
     * as a key lazy expiry deleted and then the {@code SET} that found it expired, goes out wrapped in
     * {@code MULTI} … {@code EXEC}, so that a replica or a replayed append-only file applies them
     * together, as they happened.
     */
    private void propagatePending() {
        if (pending.isEmpty()) {
            return;
        }
        boolean transaction = pending.size() > 1;
        if (transaction) {
            send(pending.get(0).db(), MULTI);
        }
        for (Pending p : pending) {
            send(p.db(), p.argv());
        }
        if (transaction) {
            send(pending.get(pending.size() - 1).db(), EXEC);
        }
        pending.clear();
    }

    private void send(int db, List<byte[]> argv) {
        for (PropagationListener listener : listeners) {
            listener.propagate(db, argv);
        }
    }
}
