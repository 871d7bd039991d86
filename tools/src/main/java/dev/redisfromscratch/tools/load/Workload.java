package dev.redisfromscratch.tools.load;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * What the load generator sends: a cycle of {@link Request}s, each with the replies it accepts.
 *
 * <p>The profiler's workloads ({@code ./lab profile N}) speak the protocol a lab speaks and use only
 * commands that lab has; they accept any reply that is not an error:
 * <ul>
 *   <li>{@link #INLINE_PING} (lab 1): {@code PING}, {@code ECHO <64 bytes>} as inline lines.
 *   <li>{@link #INLINE_STRINGS} (lab 2): {@code SET key:N <64 bytes>}, {@code GET key:N},
 *       {@code PING} as inline lines, over {@value #KEYS} keys.
 *   <li>{@link #RESP_STRINGS} (lab 3 on): the same commands as RESP multibulks, as client
 *       libraries send them.
 * </ul>
 *
 * <p>{@link #setGet(int, int, int)} is {@code ./lab load}'s workload, the one every server is
 * compared with (as {@code redis-benchmark -t set,get}): RESP {@code SET key:N <16 bytes>} and
 * {@code GET key:N}, each checked byte for byte: a {@code SET} must get {@code +OK}, a {@code GET}
 * the key's own value or, before any {@code SET} of it, the null bulk string {@code $-1}.
 */
public enum Workload {
    /** Lab 1: inline PING and ECHO. */
    INLINE_PING(false, false),
    /** Lab 2: inline SET, GET, PING. */
    INLINE_STRINGS(false, true),
    /** Lab 3 and later: RESP SET, GET, PING. */
    RESP_STRINGS(true, true);

    /** How many distinct keys the profiler's SET/GET workloads touch. */
    public static final int KEYS = 1000;
    /** The size of every profiler SET and ECHO value, in bytes. */
    public static final int VALUE_BYTES = 64;
    /** The size of {@link #setGet}'s values, in bytes: redis-benchmark's {@code -d} default is 3, the 16. */
    public static final int LOAD_VALUE_BYTES = 16;

    private final boolean resp;
    private final boolean strings;

    Workload(boolean resp, boolean strings) {
        this.resp = resp;
        this.strings = strings;
    }

    /**
     * One request and what may come back.
     *
     * @param bytes the encoded request, sent as is
     * @param accepted the whole replies (bytes, CRLFs included) that are right; empty: any reply
     *     that is not an error ({@code -...})
     */
    public record Request(byte[] bytes, List<byte[]> accepted) {
        /** @return whether {@code reply} (one whole reply) is right for this request */
        public boolean accepts(byte[] reply) {
            if (accepted.isEmpty()) {
                return reply.length == 0 || reply[0] != '-';
            }
            for (byte[] a : accepted) {
                if (Arrays.equals(a, reply)) {
                    return true;
                }
            }
            return false;
        }

        /** @return the request as text, for messages */
        public String text() {
            return new String(bytes, StandardCharsets.UTF_8);
        }
    }

    /** @return the workload for lab {@code n}: the newest commands and protocol it speaks */
    public static Workload forLab(int n) {
        if (n <= 1) {
            return INLINE_PING;
        }
        return n == 2 ? INLINE_STRINGS : RESP_STRINGS;
    }

    /** @return e.g. {@code SET/GET/PING as RESP} */
    public String describe() {
        return (strings ? "SET/GET/PING" : "PING/ECHO") + " as " + (resp ? "RESP" : "inline commands");
    }

    /** @return one cycle of encoded requests, accepting any non-error reply; sent in order, round and round */
    public List<Request> requests() {
        String value = "v".repeat(VALUE_BYTES);
        List<Request> requests = new ArrayList<>();
        if (!strings) {
            requests.add(anyReply(encode(resp, "PING")));
            requests.add(anyReply(encode(resp, "ECHO", value)));
            return requests;
        }
        for (int k = 0; k < KEYS; k++) {
            String key = "key:" + k;
            requests.add(anyReply(encode(resp, "SET", key, value)));
            requests.add(anyReply(encode(resp, "GET", key)));
            requests.add(anyReply(encode(resp, "PING")));
        }
        return requests;
    }

    /**
     * {@code ./lab load}'s cycle: for each of {@code keys} keys, {@code sets} {@code SET}s of it, then
     * {@code gets} {@code GET}s of it, in RESP; every value is {@value #LOAD_VALUE_BYTES} bytes and
     * names its key ({@link #valueOf}), so that a {@code GET} answered with another key's value is
     * caught.
     *
     * @param sets SETs per key in the cycle (the ratio's first number), &ge; 0
     * @param gets GETs per key (the second), &ge; 0; not both 0
     * @param keys the keyspace, &ge; 1
     * @throws IllegalArgumentException for a ratio of 0:0 or a negative count
     */
    public static List<Request> setGet(int sets, int gets, int keys) {
        if (sets < 0 || gets < 0 || sets + gets == 0 || keys < 1) {
            throw new IllegalArgumentException("need a set:get ratio with a non-zero side and keys >= 1 (got "
                    + sets + ":" + gets + ", " + keys + " keys)");
        }
        byte[] ok = ascii("+OK\r\n");
        byte[] nil = ascii("$-1\r\n");
        List<Request> requests = new ArrayList<>();
        for (int k = 0; k < keys; k++) {
            String key = "key:" + k;
            String value = valueOf(k);
            for (int i = 0; i < sets; i++) {
                requests.add(new Request(encode(true, "SET", key, value), List.of(ok)));
            }
            byte[] found = ascii("$" + LOAD_VALUE_BYTES + "\r\n" + value + "\r\n");
            for (int i = 0; i < gets; i++) {
                requests.add(new Request(encode(true, "GET", key), List.of(found, nil)));
            }
        }
        return requests;
    }

    /** @return key {@code k}'s value: {@value #LOAD_VALUE_BYTES} bytes, {@code v000000000000042} for key 42 */
    public static String valueOf(int k) {
        String digits = Integer.toString(k);
        return "v" + "0".repeat(LOAD_VALUE_BYTES - 1 - digits.length()) + digits;
    }

    private static Request anyReply(byte[] bytes) {
        return new Request(bytes, List.of());
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    /** RESP: {@code *<n>\r\n} then {@code $<len>\r\n<arg>\r\n} per argument; inline: the words and CRLF. */
    private static byte[] encode(boolean resp, String... args) {
        StringBuilder out = new StringBuilder();
        if (resp) {
            out.append('*').append(args.length).append("\r\n");
            for (String arg : args) {
                out.append('$').append(arg.getBytes(StandardCharsets.UTF_8).length).append("\r\n").append(arg).append("\r\n");
            }
        } else {
            out.append(String.join(" ", Arrays.asList(args))).append("\r\n");
        }
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }
}
