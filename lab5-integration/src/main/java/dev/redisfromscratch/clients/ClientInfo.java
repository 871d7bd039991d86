package dev.redisfromscratch.clients;

import dev.redisfromscratch.client.Client;
import dev.redisfromscratch.client.ClientFlag;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.function.ToLongFunction;

/**
 * One client described as {@code CLIENT LIST} and {@code CLIENT INFO} describe it, in Redis 7.0's
 * format, field for field:
 *
 * <pre>
 * id=5 addr=127.0.0.1:47580 laddr=127.0.0.1:6379 fd=-1 name= age=0 idle=0 flags=N db=0 sub=0 psub=0 ssub=0
 * multi=-1 qbuf=26 qbuf-free=16358 argv-mem=10 multi-mem=0 rbs=1024 rbp=1024 obl=0 oll=0 omem=0
 * tot-mem=17444 events=r cmd=client|info user=default redir=-1 resp=2
 * </pre>
 * (one line, ending in {@code \n}).
 *
 * <p>What each value is here:
 * <ul>
 *   <li>{@code id}, {@code addr}, {@code laddr}, {@code name}, {@code db}, {@code flags}: as in
 *       Redis. {@code flags} has Redis's letters for the {@link ClientFlag}s a client can have here
 *       ({@code S} replica, {@code M} primary, {@code P} pubsub, {@code x} MULTI, {@code b}
 *       blocked, {@code c} close after reply), {@code N} for none; other features add theirs
 *       ({@code d}, a WATCHed key was touched) with {@link #flag}.
 *   <li>{@code fd}: the connection's descriptor if the server knows it, else {@code -1} (the JDK
 *       does not expose a socket's descriptor).
 *   <li>{@code age}, {@code idle}: whole seconds since it connected and since it last sent bytes,
 *       on the server's clock.
 *   <li>{@code sub}, {@code psub}, {@code ssub}, {@code multi}, {@code multi-mem}: 0, 0, 0, -1 and
 *       0 until publish/subscribe and transactions {@link #provide} them ({@code multi} is -1
 *       outside {@code MULTI} whatever the provider says). {@code ssub} (sharded channels) stays 0.
 *   <li>{@code qbuf}, {@code qbuf-free}: bytes waiting in the query buffer, and the free room after
 *       them in its array.
 *   <li>{@code argv-mem}: the bytes of the arguments of the command running now, so only the
 *       client asking has it, as in Redis.
 *   <li>{@code rbs}, {@code rbp}: the reply buffer's size; it only grows, so it is also its peak.
 *   <li>{@code obl}, {@code oll}, {@code omem}: the reply bytes not sent yet, shown as Redis holds
 *       them: the first 16 KiB in its fixed buffer ({@code obl}), the rest in 16 KiB blocks
 *       ({@code oll} blocks, {@code omem} bytes).
 *   <li>{@code tot-mem}: the sizes of the query buffer, the reply buffer and the arguments (Redis
 *       adds its allocator's overhead and the client structure, which have no equivalent here).
 *   <li>{@code events}: {@code r}, plus {@code w} while the connection waits for the socket to take
 *       more output.
 *   <li>{@code cmd}: the last command ({@link LastCommand}); {@code user=default},
 *       {@code redir=-1} (no client-side caching) and {@code resp=2} (RESP2 only) are constant here.
 * </ul>
 *
 * <p>Redis: {@code networking.c}, {@code catClientInfoString}.
 */
public final class ClientInfo {
    /** Redis's reply chunk ({@code PROTO_REPLY_CHUNK_BYTES}): how {@code obl}/{@code oll}/{@code omem} split output. */
    public static final int REPLY_CHUNK_BYTES = 16 * 1024;
    /** The fields another feature may supply with {@link #provide}. */
    public static final Set<String> PROVIDED = Set.of("sub", "psub", "ssub", "multi", "multi-mem");
    /** Redis's flag letters, in the order it writes them. */
    private static final String FLAG_ORDER = "SOMPxbtRBdcuAUre";

    private final Map<String, ToLongFunction<Client>> provided = new HashMap<>();
    private final Map<Character, Predicate<Client>> extraFlags = new TreeMap<>();

    /**
     * Supplies one of the fields other features own: {@code sub} and {@code psub} (channels and
     * patterns subscribed), {@code multi} (commands queued inside {@code MULTI}), {@code multi-mem}
     * (their arguments' bytes).
     *
     * @throws IllegalArgumentException for a field not in {@link #PROVIDED}
     */
    public void provide(String field, ToLongFunction<Client> value) {
        if (!PROVIDED.contains(field)) {
            throw new IllegalArgumentException("CLIENT LIST field " + field + " is not supplied by a feature");
        }
        provided.put(field, value);
    }

    /**
     * Adds a flag letter another feature knows of, shown where Redis shows it: {@code d} (a WATCHed
     * key was changed, so EXEC will fail).
     *
     * @throws IllegalArgumentException for a letter Redis does not use
     */
    public void flag(char letter, Predicate<Client> has) {
        if (FLAG_ORDER.indexOf(letter) < 0) {
            throw new IllegalArgumentException("not a Redis client flag: " + letter);
        }
        extraFlags.put(letter, has);
    }

    /**
     * @param connection the client
     * @param nowMillis the server's clock, Unix ms
     * @param argvBytes the bytes of the arguments of the command it is running now, 0 for a client
     *     that is not the one asking
     * @return its line, without the {@code \n}
     */
    public String line(ClientConnection connection, long nowMillis, long argvBytes) {
        Client c = connection.client();
        long pending = Math.max(0, connection.pendingOutputBytes());
        long obl = Math.min(pending, REPLY_CHUNK_BYTES);
        long omem = pending - obl;
        long oll = (omem + REPLY_CHUNK_BYTES - 1) / REPLY_CHUNK_BYTES;
        int qbuf = c.query().readable();
        int qbufCapacity = c.query().array().length;
        int qbufFree = Math.max(0, qbufCapacity - c.query().end());
        int rbs = c.reply().capacity();
        long multiMem = value("multi-mem", c, 0);
        return new StringBuilder(256)
                .append("id=").append(c.id())
                .append(" addr=").append(c.address())
                .append(" laddr=").append(connection.localAddress())
                .append(" fd=").append(connection.fd())
                .append(" name=").append(c.name() == null ? "" : c.name())
                .append(" age=").append(nowMillis / 1000 - connection.createdMillis() / 1000)
                .append(" idle=").append(nowMillis / 1000 - connection.lastInteractionMillis() / 1000)
                .append(" flags=").append(flags(c))
                .append(" db=").append(c.db())
                .append(" sub=").append(value("sub", c, 0))
                .append(" psub=").append(value("psub", c, 0))
                .append(" ssub=").append(value("ssub", c, 0))
                .append(" multi=").append(c.has(ClientFlag.MULTI) ? value("multi", c, 0) : -1)
                .append(" qbuf=").append(qbuf)
                .append(" qbuf-free=").append(qbufFree)
                .append(" argv-mem=").append(argvBytes)
                .append(" multi-mem=").append(multiMem)
                .append(" rbs=").append(rbs)
                .append(" rbp=").append(rbs)
                .append(" obl=").append(obl)
                .append(" oll=").append(oll)
                .append(" omem=").append(omem)
                .append(" tot-mem=").append((long) qbufCapacity + rbs + argvBytes + multiMem)
                .append(" events=").append(connection.waitingToWrite() ? "rw" : "r")
                .append(" cmd=").append(LastCommand.name(c))
                .append(" user=default redir=-1 resp=2")
                .toString();
    }

    /** Redis's flag letters for {@code c}, or {@code N}. */
    private String flags(Client c) {
        StringBuilder f = new StringBuilder(4);
        for (int i = 0; i < FLAG_ORDER.length(); i++) {
            char letter = FLAG_ORDER.charAt(i);
            if (has(c, letter)) {
                f.append(letter);
            }
        }
        return f.length() == 0 ? "N" : f.toString();
    }

    private boolean has(Client c, char letter) {
        boolean own = switch (letter) {
            case 'S' -> c.has(ClientFlag.REPLICA);
            case 'M' -> c.has(ClientFlag.PRIMARY);
            case 'P' -> c.has(ClientFlag.PUBSUB);
            case 'x' -> c.has(ClientFlag.MULTI);
            case 'b' -> c.has(ClientFlag.BLOCKED);
            case 'c' -> c.has(ClientFlag.CLOSE_AFTER_REPLY);
            default -> false;
        };
        Predicate<Client> extra = extraFlags.get(letter);
        return own || extra != null && extra.test(c);
    }

    private long value(String field, Client c, long otherwise) {
        ToLongFunction<Client> f = provided.get(field);
        return f == null ? otherwise : f.applyAsLong(c);
    }
}
