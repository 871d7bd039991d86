package dev.redisfromscratch.bench;

import dev.redisfromscratch.protocol.ReplyWriter;
import dev.redisfromscratch.store.MemoryReport;
import dev.redisfromscratch.testkit.ExternalTool;
import dev.redisfromscratch.testkit.RawClient;
import dev.redisfromscratch.testkit.RealRedis;
import java.io.Closeable;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * The Redis side of lab 4's benchmarks: a real {@code redis-server} (testkit's {@link RealRedis},
 * in a temp directory of its own, {@code --save ""}) holding exactly the keys of the lab's store,
 * and one connection to it for timed round trips.
 *
 * <p>The keys are {@code key:1 .. key:N} with the 10-byte value {@code vvvvvvvvvv}, as
 * {@link MemoryReport#filledStore} makes them, sent as pipelined {@code SET}s in batches of
 * {@value #BATCH} ({@code DEBUG POPULATE} would be quicker but writes {@code value:N}, values of
 * another size).
 */
final class RedisPeer implements Closeable {
    /** SETs per pipelined write while filling. */
    static final int BATCH = 10_000;
    private static final byte[] SET = ascii("SET");
    private static final byte[] OK = ascii("+OK\r\n");

    private final RealRedis redis;
    private final RawClient client;
    private final Thread stopAtExit;

    private RedisPeer(RealRedis redis, RawClient client) {
        this.redis = redis;
        this.client = client;
        // a failing benchmark ends its JVM without the trial's teardown: stop Redis anyway
        this.stopAtExit = new Thread(this::stopAndDelete, "stop-redis-server");
        Runtime.getRuntime().addShutdownHook(stopAtExit);
    }

    /**
     * Starts {@code redis-server} with its defaults (no persistence) plus {@code extraArgs}.
     *
     * @param otherTarget the value of {@code -p target=} that runs without Redis, for the message
     * @throws IllegalStateException if {@code redis-server} is not installed
     */
    static RedisPeer start(String otherTarget, String... extraArgs) throws IOException {
        if (ExternalTool.find("redis-server").isEmpty()) {
            throw new IllegalStateException("redis-server is not installed (Debian: apt-get install "
                    + ExternalTool.debianPackage("redis-server") + "); run with -p target=" + otherTarget);
        }
        RealRedis redis = RealRedis.start(extraArgs);
        try {
            return new RedisPeer(redis, RawClient.connect(redis.port()));
        } catch (IOException | RuntimeException e) {
            redis.close();
            throw e;
        }
    }

    /**
     * Stores {@code key:1 .. key:keys}, each with {@code value}, with pipelined {@code SET}s, then
     * checks {@code DBSIZE}.
     *
     * @throws IllegalStateException if a reply is not {@code +OK} or the count is wrong
     */
    void fill(int keys, byte[] value) throws IOException {
        for (int first = 1; first <= keys; first += BATCH) {
            int last = Math.min(keys, first + BATCH - 1);
            ReplyWriter batch = new ReplyWriter();
            for (int i = first; i <= last; i++) {
                batch.arrayHeader(3).bulk(SET).bulk(MemoryReport.key(i, 0)).bulk(value);
            }
            client.send(batch.toByteArray());
            byte[] replies = client.readExactly(OK.length * (last - first + 1));
            for (int at = 0; at < replies.length; at += OK.length) {
                if (!Arrays.equals(replies, at, at + OK.length, OK, 0, OK.length)) {
                    throw new IllegalStateException("redis-server refused a SET: "
                            + RawClient.show(Arrays.copyOfRange(replies, at, Math.min(replies.length, at + 80))));
                }
            }
        }
        String size = command("DBSIZE");
        if (!size.equals(":" + keys)) {
            throw new IllegalStateException("redis-server holds " + size + " keys, not " + keys);
        }
    }

    /**
     * One round trip whose reply is known: sends {@code request} in one write and reads exactly
     * {@code reply.length} bytes, the way a timed benchmark method should (no line scanning).
     *
     * @throws IllegalStateException if the reply differs (an error, say)
     */
    byte[] roundTrip(byte[] request, byte[] reply) throws IOException {
        byte[] got = client.send(request).readExactly(reply.length);
        if (!Arrays.equals(got, reply)) {
            throw new IllegalStateException("redis-server answered " + RawClient.show(got) + "..., not "
                    + RawClient.show(reply));
        }
        return got;
    }

    /**
     * Sends an inline command and reads a one-line reply (status, error or integer), for setup work.
     *
     * @return the line without its {@code \r\n}
     */
    String command(String inline) throws IOException {
        return client.send(inline + "\r\n").readLine().stripTrailing();
    }

    /**
     * @param section an {@code INFO} section, e.g. {@code stats}
     * @param field a field of it, e.g. {@code latest_fork_usec}
     * @return the field's value
     * @throws IllegalStateException if the reply has no such field
     */
    String info(String section, String field) throws IOException {
        String header = client.send("INFO " + section + "\r\n").readLine();
        if (!header.startsWith("$")) {
            throw new IllegalStateException("INFO answered " + RawClient.show(header.getBytes(StandardCharsets.ISO_8859_1)));
        }
        int length = Integer.parseInt(header.substring(1).strip());
        String text = new String(client.readExactly(length + 2), StandardCharsets.ISO_8859_1);
        for (String line : text.split("\r\n")) {
            if (line.startsWith(field + ":")) {
                return line.substring(field.length() + 1);
            }
        }
        throw new IllegalStateException("INFO " + section + " has no " + field);
    }

    /**
     * Waits until no background save is running (INFO's {@code rdb_bgsave_in_progress:0}): the
     * child has exited and Redis's cron has reaped it, which takes up to 1/hz s (100 ms) after it
     * exits. Polls every 2 ms.
     */
    void awaitNoBackgroundSave() throws IOException, InterruptedException {
        while (!info("persistence", "rdb_bgsave_in_progress").equals("0")) {
            Thread.sleep(2);
        }
        if (!info("persistence", "rdb_last_bgsave_status").equals("ok")) {
            throw new IllegalStateException("redis-server's BGSAVE failed: see " + redis.dir().resolve("redis.log"));
        }
    }

    /** @return the size in bytes of {@code name} in the server's {@code dir} */
    long fileBytes(String name) throws IOException {
        return Files.size(redis.dir().resolve(name));
    }

    /** @return the server's {@code dir} */
    Path dir() {
        return redis.dir();
    }

    /** Closes the connection, stops the server and deletes its directory. */
    @Override
    public void close() throws IOException {
        try {
            client.close();
        } finally {
            Runtime.getRuntime().removeShutdownHook(stopAtExit);
            redis.close(); // also deletes its directory
        }
    }

    private void stopAndDelete() {
        redis.close();
    }

    static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
