package dev.redisfromscratch.tools.profiling;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * What the load generator sends: a cycle of requests in the protocol a lab speaks, using only
 * commands that lab has.
 *
 * <ul>
 *   <li>{@link #INLINE_PING} (lab 1): {@code PING}, {@code ECHO <64 bytes>} as inline lines.
 *   <li>{@link #INLINE_STRINGS} (lab 2): {@code SET key:N <64 bytes>}, {@code GET key:N},
 *       {@code PING} as inline lines, over {@value #KEYS} keys.
 *   <li>{@link #RESP_STRINGS} (lab 3 on): the same commands as RESP multibulks, as client
 *       libraries send them.
 * </ul>
 */
public enum Workload {
    /** Lab 1: inline PING and ECHO. */
    INLINE_PING(false, false),
    /** Lab 2: inline SET, GET, PING. */
    INLINE_STRINGS(false, true),
    /** Lab 3 and later: RESP SET, GET, PING. */
    RESP_STRINGS(true, true);

    /** How many distinct keys the SET/GET workloads touch. */
    public static final int KEYS = 1000;
    /** The size of every SET and ECHO value, in bytes. */
    public static final int VALUE_BYTES = 64;

    private final boolean resp;
    private final boolean strings;

    Workload(boolean resp, boolean strings) {
        this.resp = resp;
        this.strings = strings;
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

    /** @return one cycle of encoded requests; the generator sends them in order, round and round */
    public List<byte[]> requests() {
        String value = "v".repeat(VALUE_BYTES);
        List<byte[]> requests = new ArrayList<>();
        if (!strings) {
            requests.add(encode("PING"));
            requests.add(encode("ECHO", value));
            return requests;
        }
        for (int k = 0; k < KEYS; k++) {
            String key = "key:" + k;
            requests.add(encode("SET", key, value));
            requests.add(encode("GET", key));
            requests.add(encode("PING"));
        }
        return requests;
    }

    private byte[] encode(String... args) {
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
