package dev.redisfromscratch.clients;

import dev.redisfromscratch.client.Client;
import dev.redisfromscratch.client.ClientFlag;
import dev.redisfromscratch.config.ServerConfig;
import java.time.Clock;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Redis's output buffer limits: a client whose replies pile up because it does not read them (a
 * subscriber that fell behind, a stuck replica) is closed before it eats the server's memory.
 *
 * <pre>
 *   client-output-buffer-limit  normal 0 0 0   replica 256mb 64mb 60   pubsub 32mb 8mb 60
 *                               class  hard soft soft-seconds
 *
 *   pending output ≥ hard                              → closed
 *   pending output ≥ soft, continuously for > seconds  → closed
 *   0 means no limit
 * </pre>
 *
 * <p>A client's class comes from its flags: {@code REPLICA} is a replica, {@code PUBSUB} (subscribed
 * to something) a pubsub client, anything else normal. The limits are read from the
 * {@code client-output-buffer-limit} parameter on each check (Redis's syntax; sizes such as
 * {@code 32mb}), so {@code CONFIG SET} takes effect at once; classes it does not name keep
 * Redis's defaults.
 *
 * <p>It is checked where output is appended to a client that is not the one being served
 * ({@link #closeAsyncIfReached}: lab 5's {@code PUBLISH}, lab 8's replication stream) and by the
 * cron ({@link #closeIfReached}). Closing is immediate for the socket; the client's own thread (or
 * lab 7's event loop) then forgets it. A client whose close was scheduled gets nothing more
 * appended ({@link #isClosing}).
 *
 * <p>Used under the global lock (lab 5) or on the event loop's thread (lab 7).
 *
 * <p>Redis: {@code networking.c}, {@code checkClientOutputBufferLimits},
 * {@code closeClientOnOutputBufferLimitReached}, {@code getClientType}; {@code server.c},
 * {@code clientsCron}; {@code config.c}, {@code client-output-buffer-limit}.
 */
public final class OutputBufferLimit {
    /** The parameter's name. */
    public static final String PARAMETER = "client-output-buffer-limit";
    /** Redis's default, as {@code CONFIG GET} shows it. */
    public static final String DEFAULT = "normal 0 0 0 slave 268435456 67108864 60 pubsub 33554432 8388608 60";

    /** A client's class for output buffer limits (Redis: {@code CLIENT_TYPE_*}). */
    public enum ClientClass {
        NORMAL, REPLICA, PUBSUB;

        /** @return the class of {@code client}, by its flags (Redis: {@code getClientType}) */
        public static ClientClass of(Client client) {
            if (client.has(ClientFlag.REPLICA)) {
                return REPLICA;
            }
            return client.has(ClientFlag.PUBSUB) ? PUBSUB : NORMAL;
        }
    }

    /**
     * One class's limits.
     *
     * @param hardBytes closed at once at this many pending bytes; 0 for none
     * @param softBytes closed when over this for longer than {@code softSeconds}; 0 for none
     * @param softSeconds how long the soft limit may be exceeded
     */
    public record Limit(long hardBytes, long softBytes, long softSeconds) {
    }

    /** One client's soft-limit clock and whether its close was scheduled (in {@code client.state}). */
    private static final class Usage {
        long softReachedSeconds;
        boolean closing;
    }

    private final ServerConfig config;
    private final Clock clock;
    private final Consumer<String> log;
    private Function<ClientConnection, String> describe = OutputBufferLimit::brief;
    private final java.util.List<Consumer<ClientConnection>> onClose = new java.util.concurrent.CopyOnWriteArrayList<>();
    private String parsedFrom;
    private Map<ClientClass, Limit> limits;

    /**
     * @param config where {@value #PARAMETER} is read (Redis's default if absent)
     * @param clock the server's clock: the soft limit's seconds
     * @param log receives Redis's warning when a client is closed
     */
    public OutputBufferLimit(ServerConfig config, Clock clock, Consumer<String> log) {
        this.config = config;
        this.clock = clock;
        this.log = log;
    }

    /**
     * Sets how a client is shown in the log line: Redis writes its {@code CLIENT LIST} line
     * ({@code catClientInfoString}). By default, {@code id=... addr=... laddr=... fd=... name=...}.
     */
    public void describeWith(Function<ClientConnection, String> describer) {
        this.describe = describer;
    }

    /**
     * Registers work to do for each client this closes, right after its socket was closed: lab 7's
     * event loop frees it (forgets it in the client list) before it waits again, as Redis frees the
     * clients {@code freeClientAsync} queued in {@code beforeSleep}. Lab 5's client thread notices
     * the close itself.
     *
     * <p>Redis: {@code networking.c}, {@code freeClientAsync}, {@code freeClientsInAsyncFreeQueue}.
     */
    public void onClose(Consumer<ClientConnection> closed) {
        onClose.add(closed);
    }

    /**
     * After output was appended to {@code connection}'s client from elsewhere: if it is over its
     * class's limit, schedules its close and logs
     * {@code Client <info> scheduled to be closed ASAP for overcoming of output buffer limits.}
     *
     * <p>Redis: {@code networking.c}, {@code closeClientOnOutputBufferLimitReached(c, 1)}.
     *
     * @return whether the client is (now or already) to be closed
     */
    public boolean closeAsyncIfReached(ClientConnection connection) {
        return closeIfOver(connection, " scheduled to be closed ASAP for overcoming of output buffer limits.");
    }

    /**
     * The cron's check: the same, with Redis's other log line,
     * {@code Client <info> closed for overcoming of output buffer limits.}
     *
     * <p>Redis: {@code server.c}, {@code clientsCron} → {@code closeClientOnOutputBufferLimitReached(c, 0)}.
     *
     * @return whether the client is (now or already) to be closed
     */
    public boolean closeIfReached(ClientConnection connection) {
        return closeIfOver(connection, " closed for overcoming of output buffer limits.");
    }

    /** @return whether {@code client}'s close was scheduled for its output: append nothing more to it */
    public boolean isClosing(Client client) {
        return usage(client).closing;
    }

    /**
     * Whether the client is over its limit now, updating its soft-limit clock: the soft limit
     * counts only once it has been exceeded continuously for more than its seconds.
     *
     * <p>Redis: {@code networking.c}, {@code checkClientOutputBufferLimits}.
     */
    public boolean reached(ClientConnection connection) {
        Client client = connection.client();
        Limit limit = limits().get(ClientClass.of(client));
        long used = connection.pendingOutputBytes();
        boolean hard = limit.hardBytes() > 0 && used >= limit.hardBytes();
        boolean soft = limit.softBytes() > 0 && used >= limit.softBytes();
        Usage usage = usage(client);
        long nowSeconds = clock.millis() / 1000;
        if (soft) {
            if (usage.softReachedSeconds == 0) {
                usage.softReachedSeconds = nowSeconds; // the first time: the clock starts
                soft = false;
            } else if (nowSeconds - usage.softReachedSeconds <= limit.softSeconds()) {
                soft = false;
            }
        } else {
            usage.softReachedSeconds = 0;
        }
        return hard || soft;
    }

    /** @return the limits in force, from {@value #PARAMETER} */
    public Map<ClientClass, Limit> limits() {
        String text = config.all().getOrDefault(PARAMETER, DEFAULT);
        if (!text.equals(parsedFrom)) {
            limits = parse(text);
            parsedFrom = text;
        }
        return limits;
    }

    /**
     * Parses Redis's syntax: {@code <class> <hard> <soft> <seconds>} repeated, class
     * {@code normal}, {@code replica} (or {@code slave}) or {@code pubsub}, sizes in bytes or with
     * a unit ({@code 32mb}, {@code 1gb}, {@code 64k}). Classes not named keep {@link #DEFAULT}'s.
     *
     * @throws IllegalArgumentException for anything else
     */
    public static Map<ClientClass, Limit> parse(String text) {
        Map<ClientClass, Limit> parsed = new EnumMap<>(ClientClass.class);
        if (!text.equals(DEFAULT)) {
            parsed.putAll(parse(DEFAULT));
        }
        String[] words = text.trim().split("\\s+");
        if (words.length % 4 != 0) {
            throw new IllegalArgumentException("Wrong number of arguments in buffer limit configuration.");
        }
        for (int i = 0; i < words.length; i += 4) {
            ClientClass cls = switch (words[i].toLowerCase(Locale.ROOT)) {
                case "normal" -> ClientClass.NORMAL;
                case "replica", "slave" -> ClientClass.REPLICA;
                case "pubsub" -> ClientClass.PUBSUB;
                default -> throw new IllegalArgumentException("Invalid client class specified in buffer limit configuration.");
            };
            long hard = memory(words[i + 1]);
            long soft = memory(words[i + 2]);
            long seconds = Long.parseLong(words[i + 3]);
            if (hard < 0 || soft < 0 || seconds < 0) {
                throw new IllegalArgumentException("Error in hard, soft or soft_seconds setting in buffer limit configuration.");
            }
            parsed.put(cls, new Limit(hard, soft, seconds));
        }
        return parsed;
    }

    private boolean closeIfOver(ClientConnection connection, String what) {
        Usage usage = usage(connection.client());
        if (usage.closing) {
            return true;
        }
        if (!reached(connection)) {
            return false;
        }
        usage.closing = true;
        String info = describe.apply(connection);
        connection.client().closeAfterReply(); // runs nothing more: its pipelined requests would only add output
        connection.close();
        log.accept("Client " + info + what);
        for (Consumer<ClientConnection> closed : onClose) {
            closed.accept(connection);
        }
        return true;
    }

    private static Usage usage(Client client) {
        return client.state(Usage.class, Usage::new);
    }

    /** Redis's memory sizes: a number, optionally with {@code k}, {@code kb}, {@code m}, {@code mb}, {@code g}, {@code gb}. */
    private static long memory(String word) {
        String w = word.toLowerCase(Locale.ROOT);
        long unit = 1;
        String[][] units = {{"gb", "1073741824"}, {"mb", "1048576"}, {"kb", "1024"}, {"g", "1000000000"},
                {"m", "1000000"}, {"k", "1000"}, {"b", "1"}};
        for (String[] u : units) {
            if (w.endsWith(u[0])) {
                unit = Long.parseLong(u[1]);
                w = w.substring(0, w.length() - u[0].length());
                break;
            }
        }
        try {
            return Long.parseLong(w) * unit;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("Error in hard, soft or soft_seconds setting in buffer limit configuration.");
        }
    }

    private static String brief(ClientConnection c) {
        Client client = c.client();
        return "id=" + client.id() + " addr=" + client.address() + " laddr=" + c.localAddress() + " fd=" + c.fd()
                + " name=" + (client.name() == null ? "" : client.name());
    }
}
