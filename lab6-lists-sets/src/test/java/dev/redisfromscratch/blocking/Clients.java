package dev.redisfromscratch.blocking;

import dev.redisfromscratch.testkit.RawClient;
import dev.redisfromscratch.testkit.blackbox.Request;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Raw connections for the blocking tests, on our server or a real redis-server alike: send a
 * request without waiting for its reply (a blocked client has none yet), read one whole reply,
 * and wait, by round trips on another connection, until the server has blocked a given number of
 * clients ({@code INFO clients}' {@code blocked_clients}). No sleeps: every wait is a read.
 */
final class Clients implements AutoCloseable {
    private final int port;
    private final Supplier<String> log;
    private final List<RawClient> open = new ArrayList<>();
    private final RawClient admin;

    /**
     * @param port the server's port
     * @param log the server's log, shown when a connection closes unexpectedly (a starter's
     *     stub throws: the server stops and logs the TODO)
     */
    Clients(int port, Supplier<String> log) throws IOException {
        this.port = port;
        this.log = log;
        this.admin = connect();
    }

    RawClient connect() throws IOException {
        RawClient c = RawClient.connect(port);
        open.add(c);
        return c;
    }

    /** Sends a request as a multibulk and does not wait. */
    static void send(RawClient c, String... args) throws IOException {
        c.send(Request.resp(args).bytes());
    }

    /**
     * Sends a blocking request on {@code c} without waiting for its reply, then waits until
     * {@code blocked} clients are blocked (this one among them): {@link #send}, then
     * {@link #awaitBlocked}.
     */
    void block(RawClient c, int blocked, String... args) throws IOException {
        send(c, args);
        awaitBlocked(blocked);
    }

    /** Sends a request and reads its whole reply. */
    String call(RawClient c, String... args) throws IOException {
        send(c, args);
        return reply(c);
    }

    /** Sends on the admin connection and reads the reply. */
    String call(String... args) throws IOException {
        return call(admin, args);
    }

    /**
     * Reads one whole reply, as RESP text ({@code *2\r\n$1\r\nk\r\n$1\r\nv\r\n}).
     *
     * @throws AssertionError with the server's log if the connection closed
     */
    String reply(RawClient c) throws IOException {
        try {
            StringBuilder out = new StringBuilder();
            readInto(c, out);
            return out.toString();
        } catch (IOException e) {
            throw new AssertionError("the connection closed; server log: " + log.get(), e);
        }
    }

    private static void readInto(RawClient c, StringBuilder out) throws IOException {
        String line = c.readLine();
        out.append(line);
        char type = line.charAt(0);
        int n = type == '$' || type == '*' ? Integer.parseInt(line.substring(1, line.length() - 2)) : 0;
        if (type == '$' && n >= 0) {
            out.append(new String(c.readExactly(n + 2), java.nio.charset.StandardCharsets.ISO_8859_1));
        } else if (type == '*') {
            for (int i = 0; i < n; i++) {
                readInto(c, out);
            }
        }
    }

    /** @return {@code blocked_clients} from {@code INFO clients} */
    int blockedClients() throws IOException {
        String info = call("INFO", "clients");
        int at = info.indexOf("blocked_clients:");
        int end = info.indexOf("\r\n", at);
        return Integer.parseInt(info.substring(at + "blocked_clients:".length(), end));
    }

    /** Round trips on the admin connection until {@code n} clients are blocked (at most 10 s). */
    void awaitBlocked(int n) throws IOException {
        long until = System.nanoTime() + 10_000_000_000L;
        int now;
        while ((now = blockedClients()) != n) {
            if (System.nanoTime() > until) {
                throw new AssertionError("blocked_clients stayed " + now + ", expected " + n + "; log: " + log.get());
            }
        }
    }

    @Override
    public void close() throws IOException {
        for (RawClient c : open) {
            c.close();
        }
    }

    /** {@code *2\r\n$k\r\n<key>\r\n$e\r\n<element>\r\n}: a BLPOP's reply. */
    static String pair(String key, String element) {
        return "*2\r\n" + bulk(key) + bulk(element);
    }

    static String bulk(String s) {
        return "$" + s.length() + "\r\n" + s + "\r\n";
    }
}
