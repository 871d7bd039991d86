package dev.redisfromscratch.limits;

import dev.redisfromscratch.clients.ClientConnection;
import dev.redisfromscratch.config.ServerConfig;
import dev.redisfromscratch.introspection.ConfigParameter;
import dev.redisfromscratch.protocol.QueryBuffer;
import dev.redisfromscratch.resp.BulkString;
import dev.redisfromscratch.resp.ReplyFormatter;
import dev.redisfromscratch.threaded.GlobalLock;
import java.util.Arrays;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * {@code client-query-buffer-limit}: a client whose query buffer (the bytes it sent that have not
 * run yet, such as a huge bulk argument still arriving) grows past this many bytes is closed
 * before anything in it runs, and nothing is sent to it. Redis's default is 1 GiB, its minimum
 * 1 MiB; {@code CONFIG SET} changes it at once.
 *
 * <pre>
 *   read → query buffer = 1,050,000 bytes &gt; limit 1,048,576
 *        → log: Closing client that reached max query buffer length: id=7 addr=... cmd=NULL ...
 *               (qbuf initial bytes: "xxxxxxxx...")          the first 64 bytes, quoted
 *        → closed
 * </pre>
 *
 * <p>It is a read check of the client list ({@code ClientRegistry.addReadCheck}), so each
 * transport runs it after every read: lab 5's client threads (without the lock: the query buffer
 * is the reading thread's own; the lock is taken only to describe and close the client) and lab
 * 7's event loop. Redis 7.0 keeps no counter of these closes in {@code INFO}, and neither do we.
 *
 * <p>Redis: {@code networking.c}, {@code readQueryFromClient} ({@code sdslen(c->querybuf) >
 * server.client_max_querybuf_len}, {@code sdscatrepr(bytes, c->querybuf, 64)},
 * {@code freeClientAsync}); {@code config.c}, {@code client-query-buffer-limit}
 * ({@code createSizeTConfig}, {@code 1024*1024} to {@code LONG_MAX}, {@code MEMORY_CONFIG}).
 */
public final class QueryBufferLimit implements Predicate<ClientConnection> {
    /** The parameter's name. */
    public static final String PARAMETER = "client-query-buffer-limit";
    /** Redis's default: 1 GiB, in bytes. */
    public static final long DEFAULT_BYTES = 1024L * 1024 * 1024;
    /** The smallest value {@code CONFIG SET} takes: 1 MiB, in bytes. */
    public static final long MIN_BYTES = 1024L * 1024;
    /** How many of the buffer's first bytes the log line shows. */
    public static final int LOGGED_BYTES = 64;

    private static final ConfigParameter.Parser PARSER = ConfigParameter.memory(MIN_BYTES, Long.MAX_VALUE);

    private final GlobalLock lock;
    private final Function<ClientConnection, String> describe;
    private final Consumer<String> log;
    private volatile long limitBytes;

    /**
     * Reads the limit from {@code config} (Redis's units: {@code 1gb}, {@code 64mb}, ...) and sets
     * Redis's default there if it has none, so {@code CONFIG GET} shows it.
     *
     * @param config the server's configuration
     * @param lock the global lock, taken to describe and close a client over the limit
     * @param describe the client's {@code CLIENT LIST} line, for the log
     * @param log receives Redis's warning
     * @throws IllegalArgumentException if the configured value is not a memory value of at least 1 MiB
     */
    public QueryBufferLimit(ServerConfig config, GlobalLock lock, Function<ClientConnection, String> describe,
                            Consumer<String> log) {
        this.lock = lock;
        this.describe = describe;
        this.log = log;
        String configured = config.all().getOrDefault(PARAMETER, Long.toString(DEFAULT_BYTES));
        try {
            String bytes = PARSER.parse(configured);
            config.set(PARAMETER, bytes);
            this.limitBytes = Long.parseLong(bytes);
        } catch (ConfigParameter.InvalidValue e) {
            throw new IllegalArgumentException(PARAMETER + ": " + e.getMessage(), e);
        }
    }

    /**
     * @return the parameter for {@code CONFIG SET}: a memory value from 1 MiB up, Redis's errors
     *     ({@code argument must be a memory value}, {@code argument must be between 1048576 and
     *     9223372036854775807 inclusive}); it applies at once
     */
    public ConfigParameter parameter() {
        return ConfigParameter.modifiable(PARAMETER, PARSER, value -> limitBytes = Long.parseLong(value));
    }

    /** @return the limit in force, bytes */
    public long limitBytes() {
        return limitBytes;
    }

    /**
     * The check after a read: within the limit, {@code true} at once (no lock). Over it, logs
     * Redis's warning, closes the connection and returns {@code false}.
     *
     * @param connection the client that was just read from
     * @return {@code false} if it was closed
     */
    @Override
    public boolean test(ClientConnection connection) {
        QueryBuffer query = connection.client().query();
        if (query.readable() <= limitBytes) {
            return true;
        }
        byte[] first = Arrays.copyOfRange(query.array(), query.start(),
                query.start() + Math.min(LOGGED_BYTES, query.readable()));
        String line;
        lock.lock(); // the CLIENT LIST line reads shared state (subscriptions, MULTI)
        try {
            line = "Closing client that reached max query buffer length: " + describe.apply(connection)
                    + " (qbuf initial bytes: " + ReplyFormatter.format(new BulkString(first)) + ")";
            connection.client().closeAfterReply();
            connection.close();
        } finally {
            lock.unlock();
        }
        log.accept(line);
        return false;
    }
}
