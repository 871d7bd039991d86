package dev.redisfromscratch.clients;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import redis.clients.jedis.Jedis;

/**
 * Waits for clients to be blocked in {@code BLPOP} and the like, as a real client sees it:
 * {@code blocked_clients} in {@code INFO clients} (Redis: {@code server.c},
 * {@code genRedisInfoString}), asked again and again on a connection of its own. Each ask is a
 * round trip to the server, so this waits on the server, with a deadline, never on a sleep.
 */
final class BlockedClients {
    private static final Pattern FIELD = Pattern.compile("(?m)^blocked_clients:(\\d+)\\r?$");
    static final Duration WAIT = Duration.ofSeconds(10);

    private BlockedClients() {
    }

    /** @return {@code blocked_clients} of the server at {@code 127.0.0.1:port} */
    static int count(Jedis jedis) {
        Matcher m = FIELD.matcher(jedis.info("clients"));
        if (!m.find()) {
            throw new AssertionError("INFO clients has no blocked_clients field");
        }
        return Integer.parseInt(m.group(1));
    }

    /**
     * Returns once {@code blocked_clients} is {@code n}.
     *
     * @throws AssertionError if it is not within {@link #WAIT}
     */
    static void await(int port, int n) {
        try (Jedis jedis = new Jedis("127.0.0.1", port)) {
            long deadline = System.nanoTime() + WAIT.toNanos();
            int seen;
            while ((seen = count(jedis)) != n) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("blocked_clients stayed at " + seen + ", expected " + n + " within " + WAIT);
                }
            }
        }
    }
}
