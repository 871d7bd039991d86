package dev.redisfromscratch.replication;

import dev.redisfromscratch.client.Client;
import dev.redisfromscratch.client.ClientFlag;
import dev.redisfromscratch.command.AclCategory;
import dev.redisfromscratch.command.CommandCall;
import dev.redisfromscratch.command.CommandFlag;
import dev.redisfromscratch.command.CommandSpec;
import dev.redisfromscratch.command.ErrorReplies;
import dev.redisfromscratch.protocol.Numbers;
import java.time.Clock;

/**
 * {@code WAIT numreplicas timeout}: blocks the client until {@code numreplicas} replicas have
 * acknowledged every write it made so far (the primary's offset right after its last write), or
 * until {@code timeout} ms have passed (0: no limit). Blocking is the event loop's: the client is
 * flagged {@code BLOCKED} and answered later ({@link WaitingClients}); no thread waits.
 *
 * <pre>
 *   enough replicas acknowledged already, or inside MULTI      :&lt;count&gt; at once
 *   otherwise                                                  :&lt;count&gt; once enough did, or at the timeout
 *   on a replica         -ERR WAIT cannot be used with replica instances. Please also note that ...
 *   numreplicas not an integer    -ERR value is not an integer or out of range
 *   timeout not an integer        -ERR timeout is not an integer or out of range
 *   timeout negative              -ERR timeout is negative
 * </pre>
 *
 * <p>Redis: {@code replication.c}, {@code waitCommand}; {@code timeout.c},
 * {@code getTimeoutFromObjectOrReply} ({@code UNIT_MILLISECONDS}); arity 3, noscript.
 */
public final class WaitCommand {
    /** Redis's error on a replica, without the leading {@code -}. */
    public static final String ON_REPLICA = "ERR WAIT cannot be used with replica instances. Please also note that"
            + " since Redis 4.0 if a replica is configured to be writable (which is not the default) writes to"
            + " replicas are just local and are not propagated.";

    private final Replicas replicas;
    private final WaitingClients waiting;
    private final WriteOffsets offsets;
    private final ReplicationInfo role;
    private final Clock clock;

    private WaitCommand(Replicas replicas, WaitingClients waiting, WriteOffsets offsets, ReplicationInfo role,
                        Clock clock) {
        this.replicas = replicas;
        this.waiting = waiting;
        this.offsets = offsets;
        this.role = role;
        this.clock = clock;
    }

    /**
     * @param replicas whose acknowledgements are counted
     * @param waiting where a client that must wait is blocked
     * @param offsets each client's offset after its last write
     * @param role whether this server is a replica
     * @param clock the server's clock: the deadline
     * @return the table row of {@code wait}
     */
    public static CommandSpec spec(Replicas replicas, WaitingClients waiting, WriteOffsets offsets,
                                   ReplicationInfo role, Clock clock) {
        WaitCommand command = new WaitCommand(replicas, waiting, offsets, role, clock);
        return CommandSpec.builder("wait", 3)
                .flags(CommandFlag.NOSCRIPT)
                .acl(AclCategory.CONNECTION)
                .tips("request_policy:all_shards", "response_policy:agg_min")
                .docs("Wait for the synchronous replication of all the write commands sent in the context of the"
                        + " current connection", "3.0.0", "generic", "O(1)")
                .handler(command::execute)
                .build();
    }

    private void execute(CommandCall call) {
        if (role.isReplica()) {
            call.reply().error(ON_REPLICA);
            return;
        }
        long numReplicas;
        long timeout;
        try {
            numReplicas = Numbers.string2ll(call.arg(1));
        } catch (Numbers.NotANumber e) {
            call.reply().error(ErrorReplies.NOT_AN_INTEGER);
            return;
        }
        try {
            timeout = Numbers.string2ll(call.arg(2));
        } catch (Numbers.NotANumber e) {
            call.reply().error("ERR timeout is not an integer or out of range");
            return;
        }
        if (timeout < 0) {
            call.reply().error("ERR timeout is negative");
            return;
        }
        long now = clock.millis();
        if (timeout > 0 && timeout > Long.MAX_VALUE - now) {
            call.reply().error("ERR timeout is out of range");
            return;
        }
        wait(call.client(), call, numReplicas, timeout == 0 ? 0 : now + timeout);
    }

    /**
     * Answers at once if {@code numReplicas} replicas have already acknowledged the client's last
     * write ({@link WriteOffsets#of}) or if the client is inside {@code MULTI} (it may not block);
     * otherwise blocks it until they have, or until the deadline ({@link WaitingClients#block}).
     *
     * @param deadlineMillis Unix ms, or 0 for no timeout
     */
    private void wait(Client client, CommandCall call, long numReplicas, long deadlineMillis) {
        // BEGIN SOLUTION
        long offset = offsets.of(client);
        int acks = replicas.countAcks(offset);
        if (acks >= numReplicas || client.has(ClientFlag.MULTI)) {
            call.reply().integer(acks); // :<count>\r\n
            return;
        }
        waiting.block(client, offset, numReplicas, deadlineMillis);
        // END SOLUTION
        // STUB: throw new UnsupportedOperationException("TODO(lab8): stage 3: WaitCommand.wait: count the replicas that acknowledged the client's write offset; enough (or in MULTI): reply the count, else block the client");
    }
}
