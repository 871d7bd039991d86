package dev.redisfromscratch.client;

import dev.redisfromscratch.protocol.QueryBuffer;
import dev.redisfromscratch.protocol.ReplyWriter;
import dev.redisfromscratch.protocol.RequestFramer;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * One connected client, as the server sees it: Redis's {@code client} struct.
 *
 * <ul>
 *   <li>an id (unique, increasing from 1 in each JVM, as {@code CLIENT ID}), its address and an
 *       optional name ({@code CLIENT SETNAME});
 *   <li>its flags ({@link ClientFlag}) and selected database;
 *   <li>its own query buffer (bytes received, not yet framed), request framer (which may keep
 *       state between reads) and reply buffer (bytes to send).
 * </ul>
 * The client knows nothing of sockets: a blocking server (labs 1–5) and an event loop (lab 7) both
 * fill its query buffer, run the {@link RequestLoop} and send its reply buffer.
 *
 * <p>Later labs keep their own per-client state (lab 5's MULTI queue, lab 8's replica offset) in
 * {@link #state}, keyed by its class, instead of adding fields here.
 *
 * <p>Used by one thread at a time.
 *
 * <p>Redis: {@code server.h}, {@code typedef struct client}; {@code networking.c}, {@code createClient}.
 */
public final class Client {
    private static final AtomicLong NEXT_ID = new AtomicLong(1);

    private final long id;
    private final String address;
    private final QueryBuffer query = new QueryBuffer();
    private final ReplyWriter reply = new ReplyWriter();
    private final RequestFramer framer;
    private final EnumSet<ClientFlag> flags = EnumSet.noneOf(ClientFlag.class);
    private final Map<Class<?>, Object> state = new HashMap<>(4);
    private String name;
    private int db;
    private Runnable writeHandler = () -> { };

    /**
     * @param address the peer's address as {@code ip:port}, for logs and {@code CLIENT LIST}
     * @param framer this client's own request framer
     */
    public Client(String address, RequestFramer framer) {
        this.id = NEXT_ID.getAndIncrement();
        this.address = address;
        this.framer = framer;
    }

    /** @return the client's id, unique in this JVM */
    public long id() {
        return id;
    }

    /** @return the peer's address, {@code ip:port} */
    public String address() {
        return address;
    }

    /** @return the name set with {@code CLIENT SETNAME}, or {@code null} */
    public String name() {
        return name;
    }

    /** Sets the client's name; {@code null} clears it. */
    public void name(String newName) {
        this.name = newName;
    }

    /** @return the selected database (0 until lab 5 adds {@code SELECT}) */
    public int db() {
        return db;
    }

    /** Selects a database. */
    public void db(int index) {
        this.db = index;
    }

    /** @return the bytes received and not yet framed (Redis: {@code c->querybuf}) */
    public QueryBuffer query() {
        return query;
    }

    /** @return the replies not yet sent (Redis: {@code c->buf}, {@code c->bufpos}, {@code c->sentlen}) */
    public ReplyWriter reply() {
        return reply;
    }

    /** @return this client's request framer */
    public RequestFramer framer() {
        return framer;
    }

    /** @return whether the client has {@code flag} */
    public boolean has(ClientFlag flag) {
        return flags.contains(flag);
    }

    /** Sets a flag. */
    public void set(ClientFlag flag) {
        flags.add(flag);
    }

    /** Clears a flag. */
    public void clear(ClientFlag flag) {
        flags.remove(flag);
    }

    /** Asks for the connection to close once the pending replies are written (QUIT, a protocol error). */
    public void closeAfterReply() {
        flags.add(ClientFlag.CLOSE_AFTER_REPLY);
    }

    /**
     * A later lab's own per-client state, created on first use.
     *
     * @param type the state's class, which is also its key
     * @param create makes the state the first time
     * @return the client's instance of {@code type}
     */
    public <T> T state(Class<T> type, Supplier<T> create) {
        return type.cast(state.computeIfAbsent(type, t -> create.get()));
    }

    /**
     * Installs what {@link #requestWrite()} runs: how this client's connection gets its reply buffer
     * sent when the bytes were not produced by a request of its own. Lab 5 wakes the client's
     * thread; lab 7 puts the client on the event loop's list of pending writes. By default nothing
     * happens, which is right for a server that sends a client's replies only after its requests.
     *
     * <p>Redis: {@code networking.c}, {@code clientInstallWriteHandler}.
     */
    public void onWriteRequested(Runnable handler) {
        this.writeHandler = handler;
    }

    /**
     * Says that something other than this client's own request appended to its reply buffer (a
     * {@code PUBLISH} from another client delivering a message), so the connection must send it.
     *
     * <p>Redis: {@code networking.c}, {@code putClientInPendingWriteQueue}.
     */
    public void requestWrite() {
        writeHandler.run();
    }

    @Override
    public String toString() {
        return "client id=" + id + " addr=" + address + (name == null ? "" : " name=" + name);
    }
}
