package dev.redisfromscratch.replica;

import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/**
 * The replica's side of the handshake with its primary, as a state machine that never blocks: the
 * link sends what {@link #start()} returns once the connection is made, then hands it each reply
 * line as it arrives ({@link #onReply}); each answer says what to do next.
 *
 * <pre>
 *   replica                                         primary
 *   *1 $4 PING                               →
 *                                            ←      +PONG            (-NOAUTH, -NOPERM tolerated)
 *   *3 REPLCONF listening-port &lt;port&gt;
 *   *5 REPLCONF capa eof capa psync2         →      (one write)
 *                                            ←      +OK              (an error: logged, not fatal)
 *                                            ←      +OK              (an error: logged, not fatal)
 *   *3 PSYNC &lt;replid&gt; &lt;offset+1&gt;           →      (PSYNC ? -1 with no cached primary)
 *                                            ←      +FULLRESYNC &lt;replid&gt; &lt;offset&gt;
 *                                                   or +CONTINUE [&lt;new replid&gt;]
 *                                                   (empty lines before it: keep-alives)
 * </pre>
 *
 * <p>One instance per connection attempt. Replies are given without their {@code \r\n}.
 *
 * <p>Redis: {@code replication.c}, {@code syncWithMaster} (states {@code REPL_STATE_RECEIVE_PING_REPLY}
 * ... {@code REPL_STATE_RECEIVE_PSYNC_REPLY}), {@code slaveTryPartialResynchronization}.
 */
public final class Handshake {
    /** Where the handshake stands: which reply it waits for. */
    public enum State {
        /** {@link #start()} not called yet. */
        NOT_STARTED,
        /** PING sent. */
        RECEIVE_PING_REPLY,
        /** REPLCONF listening-port and REPLCONF capa sent; waits for the first's reply. */
        RECEIVE_PORT_REPLY,
        /** Waits for REPLCONF capa's reply. */
        RECEIVE_CAPA_REPLY,
        /** PSYNC sent. */
        RECEIVE_PSYNC_REPLY,
        /** The primary chose a full or a partial resynchronization. */
        DONE,
        /** The primary refused; the link is dropped and retried a second later. */
        FAILED
    }

    /**
     * What the link does after a reply.
     *
     * @param send bytes to write to the primary now (RESP), or {@code null}
     * @param fullResync set when the primary answered {@code +FULLRESYNC}: its replication ID and
     *     the offset its snapshot stands at
     * @param fullResyncOffset that offset (meaningful with {@code fullResync})
     * @param partialResync set when the primary answered {@code +CONTINUE}: the replication ID to
     *     continue with (the primary's new one, or the cached one if it sent none)
     * @param failure set when the handshake failed: the log line saying why
     */
    public record Step(byte[] send, String fullResync, long fullResyncOffset, String partialResync, String failure) {
        static final Step WAIT = new Step(null, null, 0, null, null);

        static Step send(byte[] bytes) {
            return new Step(bytes, null, 0, null, null);
        }

        static Step full(String replid, long offset) {
            return new Step(null, replid, offset, null, null);
        }

        static Step partial(String replid) {
            return new Step(null, null, 0, replid, null);
        }

        static Step fail(String why) {
            return new Step(null, null, 0, null, why);
        }

        /** @return whether the handshake is over, either way */
        public boolean finished() {
            return fullResync != null || partialResync != null || failure != null;
        }
    }

    private final int listeningPort;
    private final String cachedReplid;
    private final long cachedOffset;
    private final Consumer<String> log;
    private State state = State.NOT_STARTED;

    /**
     * @param listeningPort this server's own port, told to the primary (its {@code INFO} shows it)
     * @param cachedReplid the replication ID of the primary this server last replicated from
     *     (a dropped link, a promoted replica), or {@code null}: then {@code PSYNC ? -1}
     * @param cachedOffset the offset applied from it, bytes; {@code PSYNC} asks for the next one
     * @param log receives Redis's log lines ("Master replied to PING, replication can continue...")
     */
    public Handshake(int listeningPort, String cachedReplid, long cachedOffset, Consumer<String> log) {
        this.listeningPort = listeningPort;
        this.cachedReplid = cachedReplid;
        this.cachedOffset = cachedOffset;
        this.log = log;
    }

    /** @return where the handshake stands */
    public State state() {
        return state;
    }

    /**
     * The connection is made: the first command to send.
     *
     * @return {@code *1\r\n$4\r\nPING\r\n}
     */
    public byte[] start() {
        state = State.RECEIVE_PING_REPLY;
        return command("PING");
    }

    /**
     * Takes one reply line from the primary and moves on.
     *
     * <ul>
     *   <li>PING's reply: an error other than {@code -NOAUTH}, {@code -NOPERM} or
     *       {@code -ERR operation not permitted} fails ("Error reply to PING from master: '...'");
     *       otherwise logs "Master replied to PING, replication can continue..." and sends
     *       {@code REPLCONF listening-port <port>} and {@code REPLCONF capa eof capa psync2} in one write.
     *   <li>Each REPLCONF's reply: an error is logged ("(Non critical) Master does not understand
     *       REPLCONF listening-port: ..." / "... REPLCONF capa: ...") and the handshake goes on;
     *       after the second, sends {@code PSYNC <cached replid> <cached offset + 1>} (logging
     *       "Trying a partial resynchronization (request <id>:<offset+1>).") or {@code PSYNC ? -1}
     *       ("Partial resynchronization not possible (no cached master)").
     *   <li>PSYNC's reply: an empty line is a keep-alive (wait); {@code +FULLRESYNC <replid> <offset>}
     *       logs "Full resync from master: <replid>:<offset>"; {@code +CONTINUE} or
     *       {@code +CONTINUE <replid>} logs "Successful partial resynchronization with master."
     *       and continues with the new ID if one came, else the cached one; {@code -NOMASTERLINK} or
     *       {@code -LOADING} fails ("Master is currently unable to PSYNC but should be in the
     *       future: ..."); any other error fails ("Unexpected reply to PSYNC from master: ...").
     * </ul>
     *
     * @param line the reply without its {@code \r\n}, e.g. {@code +PONG}
     * @return what to do next
     * @throws IllegalStateException if the handshake is not waiting for a reply
     */
    public Step onReply(String line) {
        // BEGIN SOLUTION
        switch (state) {
            case RECEIVE_PING_REPLY -> {
                if (line.startsWith("-") && !line.startsWith("-NOAUTH") && !line.startsWith("-NOPERM")
                        && !line.startsWith("-ERR operation not permitted")) {
                    state = State.FAILED;
                    return Step.fail("Error reply to PING from master: '" + line + "'");
                }
                log.accept("Master replied to PING, replication can continue...");
                state = State.RECEIVE_PORT_REPLY;
                byte[] port = command("REPLCONF", "listening-port", Integer.toString(listeningPort));
                byte[] capa = command("REPLCONF", "capa", "eof", "capa", "psync2");
                byte[] both = new byte[port.length + capa.length];
                System.arraycopy(port, 0, both, 0, port.length);
                System.arraycopy(capa, 0, both, port.length, capa.length);
                return Step.send(both);
            }
            case RECEIVE_PORT_REPLY -> {
                if (line.startsWith("-")) {
                    log.accept("(Non critical) Master does not understand REPLCONF listening-port: " + line);
                }
                state = State.RECEIVE_CAPA_REPLY;
                return Step.WAIT;
            }
            case RECEIVE_CAPA_REPLY -> {
                if (line.startsWith("-")) {
                    log.accept("(Non critical) Master does not understand REPLCONF capa: " + line);
                }
                state = State.RECEIVE_PSYNC_REPLY;
                if (cachedReplid != null) {
                    String next = Long.toString(cachedOffset + 1);
                    log.accept("Trying a partial resynchronization (request " + cachedReplid + ":" + next + ").");
                    return Step.send(command("PSYNC", cachedReplid, next));
                }
                log.accept("Partial resynchronization not possible (no cached master)");
                return Step.send(command("PSYNC", "?", "-1"));
            }
            case RECEIVE_PSYNC_REPLY -> {
                if (line.isEmpty()) {
                    return Step.WAIT; // the primary sends newlines while it prepares the snapshot
                }
                if (line.startsWith("+FULLRESYNC")) {
                    String[] parts = line.split(" ");
                    if (parts.length < 3 || parts[1].length() != 40) {
                        state = State.FAILED;
                        return Step.fail("Master replied with wrong +FULLRESYNC syntax.");
                    }
                    long offset;
                    try {
                        offset = Long.parseLong(parts[2]);
                    } catch (NumberFormatException e) {
                        state = State.FAILED;
                        return Step.fail("Master replied with wrong +FULLRESYNC syntax.");
                    }
                    log.accept("Full resync from master: " + parts[1] + ":" + offset);
                    state = State.DONE;
                    return Step.full(parts[1], offset);
                }
                if (line.startsWith("+CONTINUE")) {
                    String rest = line.substring("+CONTINUE".length()).trim();
                    log.accept("Successful partial resynchronization with master.");
                    state = State.DONE;
                    return Step.partial(rest.length() == 40 ? rest : cachedReplid);
                }
                state = State.FAILED;
                if (line.startsWith("-NOMASTERLINK") || line.startsWith("-LOADING")) {
                    return Step.fail("Master is currently unable to PSYNC but should be in the future: " + line);
                }
                return Step.fail("Unexpected reply to PSYNC from master: " + line);
            }
            default -> throw new IllegalStateException("no reply expected in state " + state);
        }
        // END SOLUTION
        // STUB: throw new UnsupportedOperationException("TODO(lab8): stage 1: the handshake: check PING's reply, send both REPLCONFs, after their replies send PSYNC, then read +FULLRESYNC or +CONTINUE");
    }

    /**
     * Encodes a command as the RESP array of bulk strings a server reads.
     *
     * @param args the command name, then its arguments
     * @return {@code *<n>\r\n} then {@code $<len>\r\n<arg>\r\n} for each
     */
    public static byte[] command(String... args) {
        StringBuilder out = new StringBuilder();
        out.append('*').append(args.length).append("\r\n");
        for (String arg : args) {
            byte[] bytes = arg.getBytes(StandardCharsets.UTF_8);
            out.append('$').append(bytes.length).append("\r\n").append(arg).append("\r\n");
        }
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }
}
