package dev.redisfromscratch.tcp;

import dev.redisfromscratch.command.CommandTable;
import dev.redisfromscratch.protocol.ProtocolException;
import dev.redisfromscratch.protocol.QueryBuffer;
import dev.redisfromscratch.protocol.ReplyWriter;
import dev.redisfromscratch.protocol.RequestFramer;
import java.io.IOException;
import java.util.List;

/**
 * The request loop of one client, the same in every blocking lab:
 *
 * <pre>
 *   loop {
 *     read()                      whatever bytes arrived: part of a command, or several
 *     while (a whole request)     framed by the lab's RequestFramer
 *       execute, append reply
 *     write(replies)              all replies of this read in one write (pipelining)
 *   }
 * </pre>
 *
 * <p>A request that cannot be framed gets Redis's {@code -ERR Protocol error: ...}, after the
 * replies to the requests before it, and the connection closes. So does QUIT, after its {@code +OK}.
 * A client that disconnects mid-command just leaves; its half command is dropped.
 *
 * <p>Redis: {@code networking.c}, {@code readQueryFromClient} → {@code processInputBuffer} →
 * {@code processCommandAndResetClient}; replies leave in {@code writeToClient}.
 */
public final class CommandConnection implements ConnectionHandler {
    private final RequestFramer framer;
    private final CommandTable commands;

    /**
     * @param framer turns bytes into requests: {@code InlineFramer} in labs 1 and 2, RESP in lab 3;
     *     shared by all connections, so it must keep no per-connection state
     * @param commands the command table requests are dispatched through
     */
    public CommandConnection(RequestFramer framer, CommandTable commands) {
        this.framer = framer;
        this.commands = commands;
    }

    @Override
    public void serve(ClientConnection connection) throws IOException {
        QueryBuffer query = new QueryBuffer();
        ReplyWriter replies = new ReplyWriter();
        while (connection.readInto(query) >= 0) {
            boolean keepOpen = processQuery(query, replies);
            replies.flushTo(connection.output());
            if (!keepOpen) {
                return;
            }
        }
    }

    /**
     * Executes every complete request in {@code query} and appends their replies.
     *
     * @return {@code false} if the connection must now close (QUIT, or a protocol error)
     */
    boolean processQuery(QueryBuffer query, ReplyWriter replies) {
        while (true) {
            List<byte[]> args;
            try {
                args = framer.next(query);
            } catch (ProtocolException e) {
                replies.error(e.replyText());
                query.clear();
                return false;
            }
            if (args == null) {
                return true; // need more bytes
            }
            if (args.isEmpty()) {
                continue; // an empty line or *0: Redis ignores it silently
            }
            if (!commands.dispatch(args, replies)) {
                return false;
            }
        }
    }
}
