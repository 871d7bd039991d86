package dev.redisfromscratch.testkit;

import dev.redisfromscratch.testkit.blackbox.LocalServer;
import java.io.Closeable;
import java.io.IOException;
import java.util.Arrays;
import java.util.function.Supplier;

/**
 * The server of a round-trip benchmark, chosen by name so that ours and a real Redis are measured
 * in the same JMH run: {@code ours} is the lab's server (a {@link LocalServer} on a background
 * thread of this JVM), {@code redis} a real {@code redis-server} ({@link RealRedis}). Both listen
 * on a free loopback port; one connection is opened and kept.
 */
public final class RoundTripTarget implements Closeable {
    private final LocalServer ours;
    private final RealRedis redis;
    private final RawClient client;
    private final int replyLength;

    private RoundTripTarget(LocalServer ours, RealRedis redis, RawClient client, int replyLength) {
        this.ours = ours;
        this.redis = redis;
        this.client = client;
        this.replyLength = replyLength;
    }

    /**
     * Starts the named server, connects, and checks one round trip.
     *
     * @param target {@code oursName} or {@code redis}
     * @param oursName what the lab's own server is called, e.g. {@code lab1}
     * @param ours starts the lab's own server
     * @param request the request of every round trip
     * @param reply its exact expected reply; each round trip reads that many bytes
     * @throws IllegalStateException if the target is unknown, {@code redis-server} is not
     *     installed, or the first reply is not {@code reply}
     */
    public static RoundTripTarget open(String target, String oursName, Supplier<LocalServer> ours, byte[] request,
            byte[] reply) throws Exception {
        LocalServer server = null;
        RealRedis redis = null;
        int port;
        if (target.equals(oursName)) {
            server = ours.get();
            port = server.start();
        } else if (target.equals("redis")) {
            if (ExternalTool.find("redis-server").isEmpty()) {
                throw new IllegalStateException("redis-server is not installed (Debian: apt-get install "
                        + ExternalTool.debianPackage("redis-server") + "); run with -p target=" + oursName);
            }
            redis = RealRedis.start();
            port = redis.port();
        } else {
            throw new IllegalStateException("unknown target " + target + ": use " + oursName + " or redis");
        }
        RoundTripTarget t = new RoundTripTarget(server, redis, RawClient.connect(port), reply.length);
        if (!Arrays.equals(t.roundTrip(request), reply)) {
            t.close();
            throw new IllegalStateException(target + " did not answer " + RawClient.show(reply));
        }
        return t;
    }

    /** Sends {@code request} in one write and reads the reply's bytes. */
    public byte[] roundTrip(byte[] request) throws IOException {
        return client.send(request).readExactly(replyLength);
    }

    /** Closes the connection and stops the server. */
    @Override
    public void close() throws IOException {
        client.close();
        if (ours != null) {
            ours.close();
        }
        if (redis != null) {
            redis.close();
        }
    }
}
