package dev.redisfromscratch.replication;

import dev.redisfromscratch.command.AclCategory;
import dev.redisfromscratch.command.CommandCall;
import dev.redisfromscratch.command.CommandFlag;
import dev.redisfromscratch.command.CommandSpec;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code ROLE}: this server's place in replication.
 *
 * <pre>
 *   a primary:  *3  $6 master  :&lt;offset&gt;  *&lt;n&gt; of *3 $&lt;ip&gt; $&lt;port&gt; $&lt;acknowledged offset&gt;  (online replicas)
 *   a replica:  *5  $5 slave  $&lt;host&gt;  :&lt;port&gt;  $&lt;link state&gt;  :&lt;offset&gt;   (the replica's side writes it)
 * </pre>
 *
 * <p>Redis: {@code replication.c}, {@code roleCommand}; arity 1, noscript loading stale fast.
 */
public final class RoleCommand {
    private RoleCommand() {
    }

    /**
     * @param state the primary's offset
     * @param replicas its replicas
     * @param role whether this server is a replica (then {@link ReplicationInfo#writeReplicaRole} answers)
     * @return the table row of {@code role}
     */
    public static CommandSpec spec(ReplicationState state, Replicas replicas, ReplicationInfo role) {
        return CommandSpec.builder("role", 1)
                .flags(CommandFlag.NOSCRIPT, CommandFlag.LOADING, CommandFlag.STALE, CommandFlag.FAST)
                .acl(AclCategory.ADMIN, AclCategory.DANGEROUS)
                .docs("Return the role of the instance in the context of replication", "2.8.12", "server", "O(1)")
                .handler(call -> execute(call, state, replicas, role))
                .build();
    }

    private static void execute(CommandCall call, ReplicationState state, Replicas replicas, ReplicationInfo role) {
        if (role.isReplica()) {
            role.writeReplicaRole(call.reply());
            return;
        }
        List<Replica> online = new ArrayList<>();
        for (Replica r : replicas.all()) {
            if (r.state() == Replica.SyncState.ONLINE) {
                online.add(r);
            }
        }
        call.reply().arrayHeader(3).bulk("master").integer(state.offset()).arrayHeader(online.size());
        for (Replica r : online) {
            call.reply().arrayHeader(3).bulk(r.ip()).bulk(Integer.toString(r.listeningPort()))
                    .bulk(Long.toString(r.ackOffset()));
        }
    }
}
