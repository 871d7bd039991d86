package dev.redisfromscratch.clients;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import redis.clients.jedis.Jedis;

/**
 * Waits for a client to be blocked in {@code BLPOP} and the like, as a real client sees it:
 * {@code blocked_clients} in {@code INFO clients} (Redis: {@code server.c},
 * {@code genRedisInfoString}), asked again and again on a connection of its own. Each ask is a
 * round trip to the server, so this waits on the server, with a deadline, never on a sleep. The
 * waiting client is watched too: if its call ends first (an error reply, a closed connection),
 * the wait stops at once with what it got.
 */
final class BlockedClients {
    private static final Pattern FIELD = Pattern.compile("(?m)^blocked_clients:(\\d+)\\r?$");
    /** How long a client may take to show in {@code blocked_clients}. */
    static final Duration WAIT = Duration.ofSeconds(5);

    private BlockedClients() {
    }

    /** @return {@code blocked_clients} of the server {@code jedis} is connected to */
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
        await(port, n, () -> false, () -> "");
    }

    /**
     * Returns once {@code blocked_clients} is {@code n}, while {@code waiter} (the call that should
     * block) has not returned.
     *
     * @throws AssertionError if the call returns first, with its result or exception, or if the
     *     count is not {@code n} within {@link #WAIT}
     */
    static void await(int port, int n, Future<?> waiter) {
        await(port, n, waiter::isDone, () -> {
            try {
                return "the blocking call returned " + waiter.get();
            } catch (ExecutionException e) {
                return "the blocking call failed: " + e.getCause();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return "interrupted";
            }
        });
    }

    /** The same, {@code waiter} being a running {@code redis-cli}. */
    static void await(int port, int n, RunningTool waiter) {
        await(port, n, () -> !waiter.isRunning(), () -> waiter + " ended; it printed: " + String.join("\n", drain(waiter)));
    }

    private static List<String> drain(RunningTool tool) {
        List<String> lines = new ArrayList<>();
        try {
            while (true) {
                lines.add(tool.nextLine());
            }
        } catch (AssertionError ended) {
            return lines;
        }
    }

    private static void await(int port, int n, BooleanSupplier gaveUp, Supplier<String> why) {
        try (Jedis jedis = new Jedis("127.0.0.1", port)) {
            long deadline = System.nanoTime() + WAIT.toNanos();
            int seen;
            while ((seen = count(jedis)) != n) {
                if (gaveUp.getAsBoolean()) {
                    throw new AssertionError("expected blocked_clients:" + n + ", but " + why.get());
                }
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("blocked_clients stayed at " + seen + ", expected " + n + " within " + WAIT);
                }
            }
        }
    }
}
