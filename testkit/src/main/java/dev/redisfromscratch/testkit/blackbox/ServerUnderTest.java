package dev.redisfromscratch.testkit.blackbox;

import java.io.IOException;
import java.time.Duration;
import java.util.Random;

/**
 * The server a black-box test talks to, and the test's own random source: keys and values come
 * from {@link #key} and {@link #value}, derived from the run's seed and the test's identity, so a
 * failing run is reproduced exactly with the same seed, whatever the order of tests.
 */
public final class ServerUnderTest {
    private final String host;
    private final int port;
    private final boolean remote;
    private final Duration replyTimeout;
    private final Random random;

    ServerUnderTest(String host, int port, boolean remote, Duration replyTimeout, long seed) {
        this.host = host;
        this.port = port;
        this.remote = remote;
        this.replyTimeout = replyTimeout;
        this.random = new Random(seed);
    }

    /** Opens a new connection; the caller closes it (try-with-resources). */
    public WireClient connect() throws IOException {
        return WireClient.connect(host, port, replyTimeout);
    }

    /** @return the server's TCP port */
    public int port() {
        return port;
    }

    /**
     * A fresh key, unlikely to exist on a shared server: {@code bb:<name>:<8 random letters>}.
     *
     * @param name what the key is for, to make failure messages readable
     */
    public String key(String name) {
        return "bb:" + name + ":" + letters(8);
    }

    /** A random printable value of 1–40 bytes (letters, digits, space and punctuation). */
    public String value() {
        int n = 1 + random.nextInt(40);
        StringBuilder sb = new StringBuilder(n);
        for (int i = 0; i < n; i++) {
            sb.append((char) (' ' + random.nextInt(95)));
        }
        return sb.toString();
    }

    /** {@code n} random bytes 0–255, as Latin-1 text: {@code \r\n} and NUL included. */
    public String binary(int n) {
        StringBuilder sb = new StringBuilder(n);
        for (int i = 0; i < n; i++) {
            sb.append((char) random.nextInt(256));
        }
        return sb.toString();
    }

    /** A random word of {@code n} lowercase letters. */
    public String letters(int n) {
        StringBuilder sb = new StringBuilder(n);
        for (int i = 0; i < n; i++) {
            sb.append((char) ('a' + random.nextInt(26)));
        }
        return sb.toString();
    }

    @Override
    public String toString() {
        return host + ":" + port + (remote ? " (given with --server)" : " (the lab's own server)");
    }
}
