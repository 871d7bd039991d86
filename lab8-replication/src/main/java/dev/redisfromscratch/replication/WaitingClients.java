package dev.redisfromscratch.replication;

import dev.redisfromscratch.client.Client;
import dev.redisfromscratch.client.ClientFlag;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * The clients blocked in {@code WAIT}: each waits until enough replicas have acknowledged the
 * stream up to its offset, or until its timeout. Either way it is answered with the number of
 * replicas that acknowledged, unblocked, and its connection sends the reply (and runs the
 * requests that waited behind it).
 *
 * <p>Used on the server thread only.
 *
 * <p>Redis: {@code replication.c}, {@code processClientsWaitingReplicas},
 * {@code replicationRequestAckFromSlaves}; {@code blocked.c}, {@code BLOCKED_WAIT},
 * {@code replyToBlockedClientTimedOut}; {@code server.clients_waiting_acks}.
 */
public final class WaitingClients {
    /** One blocked {@code WAIT}. */
    private record Waiting(Client client, long offset, long replicas, long deadlineMillis) {
    }

    private final Replicas replicas;
    private final List<Waiting> waiting = new ArrayList<>();
    private boolean ackWanted;

    /** @param replicas whose acknowledgements are counted */
    public WaitingClients(Replicas replicas) {
        this.replicas = replicas;
    }

    /**
     * Blocks {@code client} ({@link ClientFlag#BLOCKED}) until {@code numReplicas} replicas have
     * acknowledged {@code offset}, and asks the replicas for an acknowledgement before the loop
     * sleeps.
     *
     * @param deadlineMillis Unix ms at which it is answered anyway; 0 for never
     */
    public void block(Client client, long offset, long numReplicas, long deadlineMillis) {
        client.set(ClientFlag.BLOCKED);
        waiting.add(new Waiting(client, offset, numReplicas, deadlineMillis));
        ackWanted = true;
    }

    /** @return how many clients are waiting */
    public int size() {
        return waiting.size();
    }

    /**
     * @return whether a {@code WAIT} asked for acknowledgements since the last call (then
     *     {@code REPLCONF GETACK *} is fed to the replicas, once per pass of the loop); resets it
     */
    public boolean takeAckRequest() {
        boolean wanted = ackWanted;
        ackWanted = false;
        return wanted;
    }

    /**
     * Answers every waiting client whose replicas have acknowledged enough (before the loop sleeps).
     *
     * <p>Redis: {@code processClientsWaitingReplicas}.
     */
    public void answerAcknowledged() {
        for (Iterator<Waiting> it = waiting.iterator(); it.hasNext(); ) {
            Waiting w = it.next();
            int acks = replicas.countAcks(w.offset());
            if (acks >= w.replicas()) {
                it.remove();
                answer(w.client(), acks);
            }
        }
    }

    /**
     * Answers every waiting client whose deadline has passed, with the count that did acknowledge
     * (from the cron).
     *
     * @param nowMillis the server's clock, Unix ms
     */
    public void answerTimedOut(long nowMillis) {
        for (Iterator<Waiting> it = waiting.iterator(); it.hasNext(); ) {
            Waiting w = it.next();
            if (w.deadlineMillis() != 0 && nowMillis >= w.deadlineMillis()) {
                it.remove();
                answer(w.client(), replicas.countAcks(w.offset()));
            }
        }
    }

    /** A client left: it waits no more. */
    public void remove(Client client) {
        waiting.removeIf(w -> w.client() == client);
    }

    private static void answer(Client client, int acks) {
        client.clear(ClientFlag.BLOCKED);
        client.reply().integer(acks); // :<replicas that acknowledged>\r\n
        client.requestWrite();
    }
}
