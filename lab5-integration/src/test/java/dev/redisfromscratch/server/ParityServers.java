package dev.redisfromscratch.server;

import dev.redisfromscratch.resp.BulkString;
import dev.redisfromscratch.resp.RespArray;
import dev.redisfromscratch.resp.RespValue;
import dev.redisfromscratch.resp.client.RespClient;
import dev.redisfromscratch.testkit.RawClient;
import dev.redisfromscratch.testkit.RealRedis;
import dev.redisfromscratch.testkit.blackbox.Request;
import dev.redisfromscratch.testkit.blackbox.WireAssert;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Lab 5's server and a real redis-server 7.0.15 side by side, for lab 5's parity tests: the same
 * bytes to both, the same replies back.
 */
public final class ParityServers implements AutoCloseable {
    /** Lab 5's server. */
    public final IntegratedServerFixture ours;
    /** The real one. */
    public final RealRedis redis;
    private final List<RespClient> clients = new ArrayList<>();

    private ParityServers(IntegratedServerFixture ours, RealRedis redis) {
        this.ours = ours;
        this.redis = redis;
    }

    /** @return lab 5's server and a real redis-server, both started */
    public static ParityServers start() throws IOException {
        return start(List.of());
    }

    /**
     * @param extensions a later lab's additions (lab 6: {@code ListsSetsServer.extensions()})
     * @return that lab's server and a real redis-server, both started
     */
    public static ParityServers start(List<ServerExtension> extensions) throws IOException {
        RealRedis redis = RealRedis.start();
        try {
            return new ParityServers(IntegratedServerFixture.start(extensions), redis);
        } catch (IOException | RuntimeException e) {
            redis.close();
            throw e;
        }
    }

    /** The multibulk a client sends for {@code args} (text, one char per byte). */
    public static String resp(String... args) {
        return new String(Request.resp(args).bytes(), StandardCharsets.ISO_8859_1);
    }

    /**
     * Sends {@code requests}, then {@code QUIT}, on a new connection to each server, and checks that
     * the replies are the same bytes. The connection starts in database 0.
     */
    public void assertSameReplies(String requests) throws IOException {
        String quitting = requests + resp("QUIT");
        WireAssert.sameReplies(quitting, RawClient.exchangeUntilClosed(redis.port(), quitting),
                RawClient.exchangeUntilClosed(ours.port, quitting));
    }

    /** @return a new connection to our server; {@link #close} closes it too (closing it before is harmless) */
    public RespClient ourClient() throws IOException {
        return opened(new RespClient("127.0.0.1", ours.port));
    }

    /** @return a new connection to the real redis-server; {@link #close} closes it too */
    public RespClient redisClient() throws IOException {
        return opened(new RespClient("127.0.0.1", redis.port()));
    }

    private RespClient opened(RespClient client) {
        clients.add(client);
        return client;
    }

    /** The elements of an array of bulk strings, as text (one char per byte). */
    public static List<String> texts(RespValue array) {
        List<String> texts = new ArrayList<>();
        for (RespValue element : ((RespArray) array).elements()) {
            texts.add(text(element));
        }
        return texts;
    }

    public static String text(RespValue bulk) {
        return new String(((BulkString) bulk).bytes(), StandardCharsets.ISO_8859_1);
    }

    /** Closes the connections {@link #ourClient} and {@link #redisClient} opened, then both servers. */
    @Override
    public void close() {
        for (RespClient client : clients) {
            try {
                client.close();
            } catch (IOException e) {
                // the server goes next anyway
            }
        }
        ours.close();
        redis.close();
    }
}
