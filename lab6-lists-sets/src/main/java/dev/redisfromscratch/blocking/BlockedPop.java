package dev.redisfromscratch.blocking;

import dev.redisfromscratch.client.Client;
import dev.redisfromscratch.command.PropagationListener;
import dev.redisfromscratch.encoding.EncodingLimits;
import dev.redisfromscratch.lists.ListEnd;
import dev.redisfromscratch.lists.ListOps;
import dev.redisfromscratch.protocol.RedisError;
import dev.redisfromscratch.protocol.ReplyWriter;
import dev.redisfromscratch.store.DataStore;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * What a blocked client is waiting to do, kept from the moment it blocks until a list appears
 * under one of its keys: the blocking command's own arguments (which end, how many, where to push).
 * {@link #serve} does it for the client, on the pusher's thread: it pops, writes the reply into
 * the blocked client's reply buffer, and propagates the pop as its non-blocking form, in the
 * client's database.
 *
 * <pre>
 *   Pop      BLPOP / BRPOP     *2 key element               propagated as LPOP key / RPOP key
 *   MultiPop BLMPOP            *2 key *n elements           propagated as LPOP key n / RPOP key n
 *   Move     BLMOVE            $element                     propagated as LMOVE src dst left right
 *            BRPOPLPUSH        $element                     propagated as RPOPLPUSH src dst
 * </pre>
 *
 * <p>Redis: {@code t_list.c}, {@code serveClientBlockedOnList}; the client's {@code bpop} fields
 * ({@code blockpos}, {@code count}, {@code target}) in {@code server.h}.
 */
public sealed interface BlockedPop permits BlockedPop.Pop, BlockedPop.MultiPop, BlockedPop.Move {
    /**
     * Serves the client from the non-empty list now under {@code key}: pops, replies, propagates
     * (with {@link ListOps}, which deletes a list left empty). A {@code Move} whose destination holds another type answers
     * {@code -WRONGTYPE ...} and pops nothing (the client is unblocked all the same).
     *
     * @param client the blocked client (its reply buffer gets the reply)
     * @param store the client's database
     * @param db that database's number, for propagation
     * @param key the key that became ready, holding a non-empty list
     * @param out where the pop propagates ({@code CommandPipeline.alsoPropagate})
     */
    void serve(Client client, DataStore store, int db, byte[] key, PropagationListener out);

    /**
     * {@code BLPOP} ({@code LEFT}) or {@code BRPOP}: one element, answered with the key.
     *
     * @param end the end to pop from
     */
    record Pop(ListEnd end) implements BlockedPop {
        @Override
        public void serve(Client client, DataStore store, int db, byte[] key, PropagationListener out) {
            byte[] element = ListOps.pop(store, key, end);
            client.reply().arrayHeader(2).bulk(key).bulk(element); // *2\r\n $key $element
            out.propagate(db, List.of(popName(end), key));
        }
    }

    /**
     * {@code BLMPOP}: up to {@code count} elements from one end, answered with the key.
     *
     * @param end the end to pop from
     * @param count how many at most, &ge; 1
     */
    record MultiPop(ListEnd end, long count) implements BlockedPop {
        @Override
        public void serve(Client client, DataStore store, int db, byte[] key, PropagationListener out) {
            List<byte[]> elements = ListOps.pop(store, key, end, count);
            reply(client.reply(), key, elements);
            out.propagate(db, List.of(popName(end), key, ascii(Integer.toString(elements.size()))));
        }

        /** {@code *2\r\n $key *n\r\n} then n bulks: BLMPOP's and LMPOP's reply. */
        static void reply(ReplyWriter reply, byte[] key, List<byte[]> elements) {
            reply.arrayHeader(2).bulk(key).arrayHeader(elements.size());
            for (byte[] e : elements) {
                reply.bulk(e);
            }
        }
    }

    /**
     * {@code BLMOVE} or {@code BRPOPLPUSH}: one element popped and pushed onto {@code destination},
     * answered alone.
     *
     * @param destination the key to push onto
     * @param from the end of the source to pop from
     * @param to the end of the destination to push at
     * @param rpoplpush whether the client sent {@code BRPOPLPUSH} (propagated as {@code RPOPLPUSH})
     * @param limits the list encoding's limits, for the push
     */
    record Move(byte[] destination, ListEnd from, ListEnd to, boolean rpoplpush, EncodingLimits limits)
            implements BlockedPop {
        @Override
        public void serve(Client client, DataStore store, int db, byte[] key, PropagationListener out) {
            byte[] element;
            try {
                element = ListOps.move(store, key, from, destination, to, limits);
            } catch (RedisError wrongType) {
                client.reply().error(wrongType.replyText()); // -WRONGTYPE ...: nothing moved
                return;
            }
            client.reply().bulk(element); // $<len>\r\n<element>\r\n
            out.propagate(db, rpoplpush
                    ? List.of(ascii("RPOPLPUSH"), key, destination)
                    : List.of(ascii("LMOVE"), key, destination, sideName(from), sideName(to)));
        }
    }

    /** @return {@code LPOP} or {@code RPOP}, as Redis's shared objects spell them */
    private static byte[] popName(ListEnd end) {
        return ascii(end == ListEnd.LEFT ? "LPOP" : "RPOP");
    }

    /** @return {@code left} or {@code right}: how a served BLMOVE's LMOVE names the ends (Redis's {@code shared.left}) */
    private static byte[] sideName(ListEnd end) {
        return ascii(end == ListEnd.LEFT ? "left" : "right");
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
