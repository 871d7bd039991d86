package dev.redisfromscratch.replication;

import dev.redisfromscratch.client.Client;
import dev.redisfromscratch.client.ClientFlag;
import dev.redisfromscratch.command.CommandCall;
import dev.redisfromscratch.command.CommandFlag;
import dev.redisfromscratch.command.CommandSpec;
import dev.redisfromscratch.command.ErrorReplies;
import dev.redisfromscratch.protocol.Numbers;
import dev.redisfromscratch.protocol.ReplyWriter;
import java.time.Clock;

/**
 * {@code REPLCONF option value [option value ...]}: what a replica tells its primary during the
 * handshake, and its acknowledgements afterwards.
 *
 * <pre>
 *   REPLCONF listening-port &lt;port&gt;     +OK   (the port INFO's slaveN line and ROLE show)
 *   REPLCONF ip-address &lt;ip&gt;           +OK   (shown instead of the connection's address)
 *   REPLCONF capa eof|psync2|&lt;other&gt;   +OK   (others ignored)
 *   REPLCONF rdb-only 0|1               +OK   (1: the snapshot only, then the link closes)
 *   REPLCONF rdb-filter-only "" | "functions"   +OK   (a snapshot without keys; there are no functions here)
 *   REPLCONF ACK &lt;offset&gt;              no reply: the replica applied the stream up to offset
 *   REPLCONF GETACK *                   no reply: on a replica, its primary asks for an ACK now
 *   an even number of arguments         -ERR syntax error
 *   another option                      -ERR Unrecognized REPLCONF option: &lt;option&gt;
 * </pre>
 *
 * <p>{@code ACK} from a client that is not a replica, or with an offset that is not a number, is
 * ignored, as Redis ignores it.
 *
 * <p>Redis: {@code replication.c}, {@code replconfCommand}; arity -1, admin noscript loading stale allow_busy.
 */
public final class ReplconfCommand {
    private final Replicas replicas;
    private final ReplicationInfo role;
    private final Clock clock;

    private ReplconfCommand(Replicas replicas, ReplicationInfo role, Clock clock) {
        this.replicas = replicas;
        this.role = role;
        this.clock = clock;
    }

    /**
     * @param replicas the replicas, whose acknowledgements {@code ACK} records
     * @param role answers {@code GETACK} when this server is a replica ({@link ReplicationInfo#onGetAck})
     * @param clock the server's clock: the time of each acknowledgement
     * @return the table row of {@code replconf}
     */
    public static CommandSpec spec(Replicas replicas, ReplicationInfo role, Clock clock) {
        ReplconfCommand command = new ReplconfCommand(replicas, role, clock);
        return CommandSpec.builder("replconf", -1)
                .flags(CommandFlag.ADMIN, CommandFlag.NOSCRIPT, CommandFlag.LOADING, CommandFlag.STALE)
                .docs("An internal command for configuring the replication stream", "3.0.0", "server", "O(1)")
                .handler(command::execute)
                .build();
    }

    private void execute(CommandCall call) {
        if (call.argc() % 2 == 0) {
            call.reply().error(ErrorReplies.SYNTAX);
            return;
        }
        Client client = call.client();
        for (int j = 1; j < call.argc(); j += 2) {
            String option = call.argString(j);
            switch (option.toLowerCase(java.util.Locale.ROOT)) {
                case "listening-port" -> {
                    long port;
                    try {
                        port = Numbers.string2ll(call.arg(j + 1));
                    } catch (Numbers.NotANumber e) {
                        call.reply().error(ErrorReplies.NOT_AN_INTEGER);
                        return;
                    }
                    Replica.listeningPort(client, (int) port);
                }
                case "ip-address" -> {
                    String ip = call.argString(j + 1);
                    if (ip.length() >= 46) { // NET_HOST_STR_LEN
                        call.reply().error("ERR REPLCONF ip-address provided by replica instance is too long: "
                                + ip.length() + " bytes");
                        return;
                    }
                    Replica.ipAddress(client, ip);
                }
                case "capa" -> Replica.capability(client, call.argString(j + 1));
                case "rdb-only" -> {
                    long only;
                    try {
                        only = Numbers.string2ll(call.arg(j + 1));
                    } catch (Numbers.NotANumber e) {
                        call.reply().error(ErrorReplies.NOT_AN_INTEGER);
                        return;
                    }
                    if (only < 0 || only > 1) {
                        call.reply().error("ERR value is out of range, value must between 0 and 1");
                        return;
                    }
                    Replica.rdbOnly(client, only == 1);
                }
                case "rdb-filter-only" -> {
                    for (String filter : call.argString(j + 1).trim().split("\\s+")) {
                        if (!filter.isEmpty() && !filter.equalsIgnoreCase("functions")) {
                            call.reply().error("ERR Unsupported rdb-filter-only option: " + filter);
                            return;
                        }
                    }
                    Replica.excludeData(client); // the keys are left out; functions would stay, but there are none
                }
                case "ack" -> {
                    // REPLCONF ACK <offset>: no reply, ever
                    Replica replica = replicas.of(client);
                    if (!client.has(ClientFlag.REPLICA) || replica == null) {
                        return;
                    }
                    long offset;
                    try {
                        offset = Numbers.string2ll(call.arg(j + 1));
                    } catch (Numbers.NotANumber e) {
                        return;
                    }
                    replica.acknowledge(offset, clock.millis());
                    return;
                }
                case "getack" -> {
                    role.getAck(client); // a replica answers its primary with REPLCONF ACK; no reply here
                    return;
                }
                default -> {
                    call.reply().error("ERR Unrecognized REPLCONF option: " + option);
                    return;
                }
            }
        }
        call.reply().raw(ReplyWriter.OK);
    }
}
