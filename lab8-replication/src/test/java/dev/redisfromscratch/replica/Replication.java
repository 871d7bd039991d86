package dev.redisfromscratch.replica;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import redis.clients.jedis.Jedis;

/** Waiting for a replica, over the wire: polls with a deadline, never a fixed sleep. */
final class Replication {
    static final long DEADLINE_MILLIS = 10_000;

    private Replication() {
    }

    /** Polls {@code condition} every few ms until it holds; fails with {@code what} after the deadline. */
    static void await(String what, BooleanSupplier condition) {
        long end = System.nanoTime() + DEADLINE_MILLIS * 1_000_000;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("timed out waiting for " + what);
            }
            LockSupport.parkNanos(5_000_000);
        }
    }

    /** @return the value of {@code name:} in an INFO text, or {@code null} */
    static String field(String info, String name) {
        for (String line : info.split("\r\n")) {
            if (line.startsWith(name + ":")) {
                return line.substring(name.length() + 1);
            }
        }
        return null;
    }

    static void awaitLinkUp(Jedis replica) {
        await("master_link_status:up", () -> "up".equals(field(replica.info("replication"), "master_link_status")));
    }

    static long masterOffset(Jedis primary) {
        return Long.parseLong(field(primary.info("replication"), "master_repl_offset"));
    }

    /** Waits until the replica has applied the stream up to {@code offset}. */
    static void awaitOffset(Jedis replica, long offset) {
        await("slave_repl_offset >= " + offset, () -> {
            String applied = field(replica.info("replication"), "slave_repl_offset");
            return applied != null && Long.parseLong(applied) >= offset;
        });
    }

    /** Sends one command as RESP and returns its reply's first line, with its CRLF. */
    static String raw(int port, String... args) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(5000);
            socket.getOutputStream().write(Handshake.command(args));
            InputStream in = socket.getInputStream();
            StringBuilder line = new StringBuilder();
            int b;
            while ((b = in.read()) >= 0) {
                line.append((char) b);
                if (b == '\n') {
                    break;
                }
            }
            return line.toString();
        }
    }
}
