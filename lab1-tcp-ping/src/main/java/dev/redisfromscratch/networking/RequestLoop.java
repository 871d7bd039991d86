package dev.redisfromscratch.networking;

import dev.redisfromscratch.client.Client;
import dev.redisfromscratch.client.ClientFlag;
import dev.redisfromscratch.command.CommandPipeline;
import dev.redisfromscratch.protocol.ProtocolException;
import dev.redisfromscratch.protocol.RequestFramer;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;

/**
 * The request loop: turns the bytes in a client's query buffer into commands and runs them, the
 * same in every lab whatever drives it (one blocking thread, a thread per client, or an event loop).
 *
 * <pre>
 *   (the server read some bytes into client.query())
 *   processInputBuffer(client)
 *     while (the framer finds a whole request)     several per read: pipelining
 *       pipeline.processCommand(client, argv)     its reply is appended to client.reply()
 *   (the server sends client.reply(), all of it in one write when it can)
 * </pre>
 *
 * <p>A request that cannot be framed gets Redis's {@code -ERR Protocol error: ...}, after the
 * replies to the requests before it, and the client is flagged to close. So does QUIT, after its
 * {@code +OK}. A client that disconnects mid-command just leaves; its half command is dropped.
 *
 * <p><b>Before replies leave.</b> Work registered with {@link #addBeforeReply} runs before any
 * client's replies are sent (each client's reply buffer calls {@link #beforeReply()}), so a reply
 * never leaves before, for example, the append-only file holds the write it acknowledges (lab 4).
 * One read's replies leave in one write, so one such run covers a whole pipelined batch.
 *
 * <p>Redis: {@code networking.c}, {@code readQueryFromClient} → {@code processInputBuffer} →
 * {@code processCommandAndResetClient}.
 */
public final class RequestLoop {
    private final Supplier<RequestFramer> framers;
    private final CommandPipeline pipeline;
    private final List<Runnable> beforeReply = new CopyOnWriteArrayList<>();

    /**
     * @param framers makes each new client's framer: {@code InlineFramer::new} in labs 1 and 2,
     *     RESP in lab 3
     * @param pipeline runs the commands
     */
    public RequestLoop(Supplier<RequestFramer> framers, CommandPipeline pipeline) {
        this.framers = framers;
        this.pipeline = pipeline;
    }

    /**
     * @param address the peer's address, {@code ip:port}
     * @return a new client with its own buffers and framer
     */
    public Client newClient(String address) {
        Client client = new Client(address, framers.get());
        client.reply().beforeSend(this::beforeReply);
        return client;
    }

    /**
     * Adds work that must finish before any reply is sent, such as writing (and under
     * {@code appendfsync always}, fsyncing) the append-only file. It runs on the thread that sends.
     *
     * <p>Redis: {@code server.c}, {@code beforeSleep}.
     */
    public void addBeforeReply(Runnable work) {
        beforeReply.add(work);
    }

    /**
     * Runs the work added with {@link #addBeforeReply}, in order. A client's reply buffer calls it
     * before each send; an event loop (lab 7) may call it once per pass, before its writes.
     */
    public void beforeReply() {
        for (Runnable work : beforeReply) {
            work.run();
        }
    }

    /**
     * Runs every complete request in the client's query buffer and appends their replies to its
     * reply buffer. Bytes of an incomplete request stay for the next read. A client that a command
     * left {@linkplain ClientFlag#BLOCKED blocked} (lab 6's {@code BLPOP}) runs nothing more: its
     * later requests wait in the buffer until it is unblocked and this is called again, as in Redis.
     *
     * @return {@code false} if the client must be closed once its replies are sent (QUIT, a
     *     protocol error), else {@code true}
     */
    public boolean processInputBuffer(Client client) {
        // BEGIN SOLUTION
        while (!client.has(ClientFlag.CLOSE_AFTER_REPLY)) {
            if (client.has(ClientFlag.BLOCKED)) {
                return true; // lab 6: the rest waits until a push or the timeout unblocks it
            }
            List<byte[]> argv;
            try {
                argv = client.framer().next(client.query());
            } catch (ProtocolException e) {
                client.reply().error(e.replyText());
                client.query().clear();
                client.closeAfterReply();
                break;
            }
            if (argv == null) {
                return true; // need more bytes
            }
            if (!argv.isEmpty()) { // an empty line or *0: Redis ignores it silently
                pipeline.processCommand(client, argv);
            }
        }
        return false;
        // END SOLUTION
        // STUB: throw new UnsupportedOperationException("TODO(lab1): stage 2: run every whole request in the client's query buffer: frame it, process it, until one is incomplete");
    }
}
