package dev.redisfromscratch.server;

import static dev.redisfromscratch.server.ReplicationNode.Kind.OURS;
import static dev.redisfromscratch.server.ReplicationNode.Kind.REAL;
import static org.assertj.core.api.Assertions.assertThat;

import dev.redisfromscratch.server.ReplicationNode.Kind;
import dev.redisfromscratch.testkit.LinkProxy;
import dev.redisfromscratch.testkit.grading.Points;
import dev.redisfromscratch.testkit.grading.Stage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Pipeline;
import redis.clients.jedis.Response;

/**
 * The faults of a replication link, each made by testkit's {@link LinkProxy} between the replica
 * and its primary (issue item 5): a link cut in the middle of a command, a backlog overrun, a
 * replica killed during its full sync, a primary restarted with a new replication ID, a stalled
 * replica past its output-buffer limit, and {@code WAIT} with a replica that does not answer.
 *
 * <p>Each runs for four pairs: a real Redis primary and replica (which shows the test itself is
 * right), our primary with a real replica, a real primary with our replica, and ours with ours.
 * The outcome is read from outside, as an operator would: {@code INFO stats}' {@code sync_full},
 * {@code sync_partial_ok}, {@code sync_partial_err}, {@code INFO replication}, and the data.
 *
 * <p>Redis: {@code replication.c}, {@code masterTryPartialResynchronization}, {@code syncCommand},
 * {@code replicationCron} (the replica reconnects once a second); {@code networking.c},
 * {@code checkClientOutputBufferLimits}; {@code replication.c}, {@code waitCommand}.
 */
@Stage(lab = 8, value = 3) // the reconnection's PSYNC, the acknowledgements; full syncs alone are stage 2's
class ReplicationFaultsTest {
    /** A primary and a replica: which of them is real Redis and which is ours. */
    enum Pair {
        REAL_REAL(REAL, REAL), OURS_PRIMARY(OURS, REAL), OURS_REPLICA(REAL, OURS), OURS_OURS(OURS, OURS);

        final Kind primary;
        final Kind replica;

        Pair(Kind primary, Kind replica) {
            this.primary = primary;
            this.replica = replica;
        }

        @Override
        public String toString() {
            return primary.title() + " primary, " + replica.title() + " replica";
        }
    }

    /**
     * @return every {@link Pair}, or only those named in the system property {@code lab8.pairs}
     *     (comma-separated, e.g. {@code -Dlab8.pairs=REAL_REAL}) to run one pair while working on it
     */
    static Stream<Pair> pairs() {
        String only = System.getProperty("lab8.pairs", "");
        return only.isBlank() ? Stream.of(Pair.values())
                : Stream.of(only.split(",")).map(String::trim).map(Pair::valueOf);
    }

    private final List<AutoCloseable> opened = new ArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        for (int i = opened.size() - 1; i >= 0; i--) {
            opened.get(i).close();
        }
    }

    private ReplicationNode start(Kind kind) throws IOException {
        return start(kind, 0);
    }

    private ReplicationNode start(Kind kind, int replicaOf) throws IOException {
        ReplicationNode node = ReplicationNode.start(kind, replicaOf);
        opened.add(node);
        return node;
    }

    private LinkProxy proxyTo(ReplicationNode primary) {
        LinkProxy proxy = LinkProxy.start(primary.port());
        opened.add(proxy);
        return proxy;
    }

    /** Starts the replica and makes it a replica of the primary, through the proxy, then waits for the end of the full sync. */
    private ReplicationNode replicaThrough(Kind kind, LinkProxy proxy, ReplicationNode primary) throws IOException {
        ReplicationNode replica = start(kind);
        try (Jedis j = replica.client()) {
            assertThat(j.replicaof("127.0.0.1", proxy.port())).isEqualTo("OK");
        }
        awaitInSync(primary, replica);
        return replica;
    }

    // ------------------------------------------------------------------ the faults

    /**
     * The link is cut in the middle of a command of the stream (the replica has some of its bytes,
     * which it must not apply); writes go on while it is down; the replica comes back with
     * {@code PSYNC <replid> <offset+1>} and the primary answers {@code +CONTINUE}: one more
     * {@code sync_partial_ok}, no more {@code sync_full}, and the data is the primary's.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("pairs")
    @Points(3)
    void aLinkCutMidStreamEndsInAPartialResync(Pair pair) throws Exception {
        ReplicationNode primary = start(pair.primary);
        seed(primary);
        LinkProxy proxy = proxyTo(primary);
        ReplicationNode replica = replicaThrough(pair.replica, proxy, primary);
        long fullBefore = primary.infoLong("stats", "sync_full");
        long partialBefore = primary.infoLong("stats", "sync_partial_ok");

        String big = "v".repeat(1000);
        proxy.stallAt(proxy.bytesToClient() + 100); // inside the SET below (after a SELECT, if one comes first)
        try (Jedis p = primary.client()) {
            p.set("cut", big);
            awaitStalled(proxy);
            proxy.refuse();
            for (int i = 0; i < 10; i++) {
                p.incr("counter");
            }
            p.rpush("list", "during");
        }
        try (Jedis r = replica.client()) {
            assertThat(r.exists("cut")).as("a command the replica has only part of is not applied").isFalse();
        }
        proxy.resume();
        proxy.admit();
        awaitInSync(primary, replica);
        try (Jedis r = replica.client()) {
            assertThat(r.get("cut")).isEqualTo(big);
            assertThat(r.get("counter")).isEqualTo("10");
        }
        assertThat(primary.infoLong("stats", "sync_partial_ok")).as("sync_partial_ok").isEqualTo(partialBefore + 1);
        assertThat(primary.infoLong("stats", "sync_full")).as("sync_full").isEqualTo(fullBefore);
    }

    /**
     * While the link is down, the primary writes more than its backlog holds (16 kB): the replica's
     * {@code PSYNC} asks for an offset the backlog no longer covers, and the primary answers
     * {@code +FULLRESYNC}: one more {@code sync_full} and one {@code sync_partial_err}.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("pairs")
    @Points(3)
    void aBacklogOverrunEndsInAFullResync(Pair pair) throws Exception {
        ReplicationNode primary = start(pair.primary);
        try (Jedis p = primary.client()) {
            assertThat(p.configSet("repl-backlog-size", "16384")).isEqualTo("OK");
        }
        seed(primary);
        LinkProxy proxy = proxyTo(primary);
        ReplicationNode replica = replicaThrough(pair.replica, proxy, primary);
        long fullBefore = primary.infoLong("stats", "sync_full");
        long partialErrorsBefore = primary.infoLong("stats", "sync_partial_err"); // a new replica may count one

        proxy.refuse();
        awaitConnectedReplicas(primary, 0);
        try (Jedis p = primary.client()) {
            String kilobyte = "o".repeat(1024);
            for (int i = 0; i < 64; i++) {
                p.set("overrun:" + i, kilobyte);
            }
        }
        proxy.admit();
        awaitInSync(primary, replica);
        assertThat(primary.infoLong("stats", "sync_full")).as("sync_full").isEqualTo(fullBefore + 1);
        assertThat(primary.infoLong("stats", "sync_partial_ok")).as("sync_partial_ok").isZero();
        assertThat(primary.infoLong("stats", "sync_partial_err")).as("sync_partial_err")
                .isEqualTo(partialErrorsBefore + 1);
    }

    /**
     * The replica is killed with SIGKILL in the middle of its full sync (the link stalled at a byte
     * inside the snapshot); started again on the same directory, it syncs again and mirrors the
     * primary.
     */
    @Stage(lab = 8, value = 2) // a full sync only: no cached primary, no acknowledgements
    @ParameterizedTest(name = "{0}")
    @MethodSource("pairs")
    @Points(3)
    void aReplicaKilledDuringItsFullSyncRecoversOnRestart(Pair pair) throws Exception {
        ReplicationNode primary = start(pair.primary);
        seed(primary);
        int keys = populate(primary, 2000, 100);
        LinkProxy proxy = proxyTo(primary);
        proxy.stallAt(4096); // the handshake's replies are under 100 bytes: this is inside the snapshot
        Kind kind = pair.replica.killable();
        ReplicationNode replica = ReplicationNode.start(kind, proxy.port());
        opened.add(replica);
        awaitStalled(proxy);
        Map<String, String> during = replica.info("replication");
        assertThat(during.get("master_link_status")).as("master_link_status during the sync").isEqualTo("down");
        assertThat(during.get("master_sync_in_progress")).as("master_sync_in_progress during the sync").isEqualTo("1");
        replica.kill();
        proxy.cut();
        proxy.resume();

        ReplicationNode restarted = ReplicationNode.startIn(kind, replica.dir(), proxy.port());
        opened.add(restarted);
        awaitInSync(primary, restarted);
        try (Jedis r = restarted.client()) {
            assertThat(r.dbSize()).isEqualTo(keys + seededKeys());
        }
        assertThat(primary.infoLong("stats", "sync_full")).as("sync_full: the killed sync and the new one").isEqualTo(2);
        awaitConnectedReplicas(primary, 1); // the killed replica's connection is gone
    }

    /**
     * The link is cut in the middle of the snapshot: the replica drops what it had of it (it loads
     * nothing partial) and syncs again, fully, and then mirrors the primary.
     */
    @Stage(lab = 8, value = 2) // a full sync only: no cached primary, no acknowledgements
    @ParameterizedTest(name = "{0}")
    @MethodSource("pairs")
    @Points(2)
    void aLinkCutDuringTheSnapshotEndsInANewFullSync(Pair pair) throws Exception {
        ReplicationNode primary = start(pair.primary);
        seed(primary);
        int keys = populate(primary, 2000, 100);
        LinkProxy proxy = proxyTo(primary);
        proxy.stallAt(4096); // inside the snapshot
        ReplicationNode replica = start(pair.replica);
        try (Jedis r = replica.client()) {
            assertThat(r.replicaof("127.0.0.1", proxy.port())).isEqualTo("OK");
        }
        awaitStalled(proxy);
        proxy.cut();
        proxy.resume();
        awaitInSync(primary, replica);
        try (Jedis r = replica.client()) {
            assertThat(r.dbSize()).isEqualTo(keys + seededKeys());
        }
        assertThat(primary.infoLong("stats", "sync_full")).as("sync_full: the cut sync and the new one").isEqualTo(2);
    }

    /**
     * Writes made while the snapshot is on its way (the link stalled inside it) reach the replica
     * after the snapshot, in order: the replica ends with the primary's data and offset.
     */
    @Stage(lab = 8, value = 2) // a full sync only: no cached primary, no acknowledgements
    @ParameterizedTest(name = "{0}")
    @MethodSource("pairs")
    @Points(2)
    void writesDuringAFullSyncReachTheReplicaAfterTheSnapshot(Pair pair) throws Exception {
        ReplicationNode primary = start(pair.primary);
        seed(primary);
        populate(primary, (int) (2 * socketSendBufferMax() / 500) + 1000, 500); // more than a socket holds: still sending
        LinkProxy proxy = proxyTo(primary);
        proxy.stallAt(4096); // inside the snapshot
        ReplicationNode replica = start(pair.replica);
        try (Jedis r = replica.client()) {
            assertThat(r.replicaof("127.0.0.1", proxy.port())).isEqualTo("OK");
        }
        awaitStalled(proxy);
        assertThat(primary.info("replication", "slave0")).as("the replica's state while its snapshot is on its way")
                .doesNotContain("state=online"); // Redis: wait_bgsave (diskless) or send_bulk
        try (Jedis p = primary.client()) {
            p.set("string", "changed during the sync");
            p.rpush("list", "d");
            p.del("words");
            p.select(2);
            p.set("in db 2", "during the sync");
        }
        proxy.resume();
        awaitInSync(primary, replica);
        try (Jedis r = replica.client()) {
            assertThat(r.get("string")).isEqualTo("changed during the sync");
            assertThat(r.exists("words")).isFalse();
            r.select(2);
            assertThat(r.get("in db 2")).isEqualTo("during the sync");
        }
        assertThat(primary.infoLong("stats", "sync_full")).as("sync_full").isEqualTo(1);
    }

    /**
     * The primary is replaced by another with a new replication ID and other data: the replica's
     * {@code PSYNC <old replid> <offset>} cannot continue, so it gets {@code +FULLRESYNC} and the
     * new primary's data (the old keys are gone).
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("pairs")
    @Points(3)
    void aPrimaryRestartedWithANewReplidGivesAFullResync(Pair pair) throws Exception {
        ReplicationNode first = start(pair.primary);
        seed(first);
        LinkProxy proxy = proxyTo(first);
        ReplicationNode replica = replicaThrough(pair.replica, proxy, first);
        String oldReplid = first.info("replication", "master_replid");

        ReplicationNode second = start(pair.primary);
        try (Jedis p = second.client()) {
            p.set("after", "restart");
        }
        proxy.retarget(second.port());
        first.stop();
        awaitInSync(second, replica);
        String newReplid = second.info("replication", "master_replid"); // a primary may take a new one for its first replica
        assertThat(newReplid).isNotEqualTo(oldReplid);
        assertThat(replica.info("replication", "master_replid")).isEqualTo(newReplid);
        try (Jedis r = replica.client()) {
            assertThat(r.dbSize()).isEqualTo(1);
            assertThat(r.get("after")).isEqualTo("restart");
        }
        assertThat(second.infoLong("stats", "sync_full")).as("sync_full").isEqualTo(1);
        assertThat(second.infoLong("stats", "sync_partial_err")).as("sync_partial_err: the PSYNC with the old ID")
                .isEqualTo(1);
    }

    /**
     * The replica stops reading (the link stalled): the primary's output buffer for it grows past
     * the {@code replica} class's hard limit (here 1 MB), and the primary closes that replica's
     * connection, while it goes on serving its other clients. Once the link flows again the replica
     * comes back and catches up.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("pairs")
    @Points(3)
    void aStalledReplicaPastTheOutputBufferLimitIsDisconnected(Pair pair) throws Exception {
        ReplicationNode primary = start(pair.primary);
        try (Jedis p = primary.client()) {
            assertThat(p.configSet("client-output-buffer-limit", "replica 1mb 0 0")).isEqualTo("OK");
        }
        seed(primary);
        LinkProxy proxy = proxyTo(primary);
        ReplicationNode replica = replicaThrough(pair.replica, proxy, primary);
        awaitConnectedReplicas(primary, 1);

        proxy.stall();
        String value = randomText(new Random(1), 128 * 1024);
        try (Jedis p = primary.client()) {
            for (int i = 0; i < 192 && connectedReplicas(primary) > 0; i++) { // up to 24 MB: socket buffers hold a few
                p.set("stall:" + i, value);
            }
        }
        awaitConnectedReplicas(primary, 0);
        assertThat(primary.logContains("scheduled to be closed ASAP for overcoming of output buffer limits"))
                .as("the primary's log says why it closed the replica:\n" + primary.logTail()).isTrue();
        try (Jedis p = primary.client()) {
            assertThat(p.ping()).isEqualTo("PONG");
            assertThat(p.set("still", "serving")).isEqualTo("OK");
            assertThat(p.get("stall:0")).isEqualTo(value);
        }
        proxy.resume();
        awaitInSync(primary, replica);
    }

    /**
     * Two replicas, one of them stalled (connected, but it answers nothing): {@code WAIT 2 1000}
     * after a write returns 1, the replica that acknowledged, once its timeout has passed;
     * {@code WAIT 1 10000} returns 1 well before its timeout.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("pairs")
    @Points(3)
    void waitWithAReplicaDownReturnsAtItsTimeoutWithTheCountThatAcknowledged(Pair pair) throws Exception {
        ReplicationNode primary = start(pair.primary);
        seed(primary);
        LinkProxy up = proxyTo(primary);
        LinkProxy down = proxyTo(primary);
        replicaThrough(pair.replica, up, primary);
        replicaThrough(pair.replica, down, primary);
        awaitConnectedReplicas(primary, 2);

        down.stall();
        try (Jedis p = primary.client()) {
            p.set("acknowledged", "by one");
            long start = System.nanoTime();
            long count = p.waitReplicas(2, 1000);
            long elapsedMillis = (System.nanoTime() - start) / 1_000_000;
            assertThat(count).as("replicas that acknowledged").isEqualTo(1);
            assertThat(elapsedMillis).as("WAIT returned after its timeout (ms)").isBetween(1000L, 6000L);

            p.set("again", "by one");
            start = System.nanoTime();
            assertThat(p.waitReplicas(1, 10_000)).isEqualTo(1);
            assertThat((System.nanoTime() - start) / 1_000_000).as("WAIT 1 returned before its timeout (ms)")
                    .isLessThan(10_000L);
        }
        assertThat(connectedReplicas(primary)).as("the stalled replica is still connected").isEqualTo(2);
        down.resume();
    }

    // ------------------------------------------------------------------ waiting, failing fast

    /**
     * Polls {@code condition} as {@link ReplicationNode#await} does, but fails at once when a
     * server of this test has met a {@code TODO(lab8)} stub (a starter branch): its own log says
     * so, or a real Redis logs the error reply ours sent it. A server of ours whose loop died
     * fails the poll's connection at once, and testkit's {@code ServerThreadFailures} names the
     * stub.
     */
    private void await(String what, BooleanSupplier condition, Supplier<String> detail) {
        ReplicationNode.await(what, () -> {
            failOnStub();
            return condition.getAsBoolean();
        }, detail);
    }

    private void failOnStub() {
        for (AutoCloseable c : opened) {
            if (c instanceof ReplicationNode node) {
                node.lineContaining("TODO(lab8)").ifPresent(line -> {
                    throw new AssertionError("the " + node + " met a stub: " + line);
                });
            }
        }
    }

    private void awaitStalled(LinkProxy proxy) {
        await("the link to stall at its byte (" + proxy.bytesToClient() + " forwarded so far)", proxy::isStalled,
                () -> "");
    }

    // ------------------------------------------------------------------ data and agreement

    private static final int SEEDED_KEYS = 6;

    private static int seededKeys() {
        return SEEDED_KEYS;
    }

    /** Strings (text and integer), a list, sets (intset and hashtable), a key with a TTL, in db 0. */
    private static void seed(ReplicationNode primary) {
        try (Jedis p = primary.client()) {
            p.set("string", "hello");
            p.set("integer", "12345");
            p.rpush("list", "a", "b", "c");
            p.sadd("ints", "1", "2", "3");
            p.sadd("words", "x", "y", "z");
            p.psetex("ttl", 600_000, "expires later");
        }
    }

    /**
     * @return the most bytes the kernel buffers for one TCP socket's sends (the maximum of
     *     {@code net.ipv4.tcp_wmem}, 4 MB by default), so that a snapshot can be made larger than that
     */
    private static long socketSendBufferMax() {
        try {
            String[] fields = Files.readString(Path.of("/proc/sys/net/ipv4/tcp_wmem")).trim().split("\\s+");
            return Long.parseLong(fields[2]);
        } catch (IOException | RuntimeException unknown) {
            return 4 << 20;
        }
    }

    /** Adds {@code keys} strings of {@code bytes} random letters (LZF cannot shrink them). */
    private static int populate(ReplicationNode primary, int keys, int bytes) {
        Random random = new Random(8);
        try (Jedis p = primary.client()) {
            Pipeline pipe = p.pipelined();
            for (int i = 0; i < keys; i++) {
                pipe.set("bulk:" + i, randomText(random, bytes));
            }
            pipe.sync();
        }
        return keys;
    }

    private static String randomText(Random random, int length) {
        char[] text = new char[length];
        for (int i = 0; i < length; i++) {
            text[i] = (char) ('a' + random.nextInt(26));
        }
        return new String(text);
    }

    private static long connectedReplicas(ReplicationNode primary) {
        return primary.infoLong("replication", "connected_slaves");
    }

    private void awaitConnectedReplicas(ReplicationNode primary, int n) {
        await("connected_slaves:" + n + " on the " + primary,
                () -> connectedReplicas(primary) == n, () -> describe(primary));
    }

    /**
     * Waits until the replica's link is up, its offset is the primary's, and it holds the same data
     * (every key's type, value and whether it has a TTL).
     */
    private void awaitInSync(ReplicationNode primary, ReplicationNode replica) {
        await("the " + replica + " to mirror the " + primary, () -> {
            Map<String, String> r = replica.info("replication");
            if (!"up".equals(r.get("master_link_status"))) {
                return false;
            }
            String offset = primary.info("replication", "master_repl_offset");
            return offset.equals(r.get("slave_repl_offset")) && dbSize(primary) == dbSize(replica)
                    && snapshot(primary).equals(snapshot(replica));
        }, () -> describe(primary) + "\n" + describe(replica) + "\nprimary's keys: " + abbreviate(snapshot(primary))
                + "\nreplica's keys: " + abbreviate(snapshot(replica)));
    }

    /** Every key of db 0 with its type and value (sets sorted), and "ttl" if it has one; read in pipelines. */
    private static Map<String, String> snapshot(ReplicationNode node) {
        Map<String, String> keys = new TreeMap<>();
        try (Jedis j = node.client()) {
            List<String> names = new ArrayList<>(j.keys("*"));
            Pipeline types = j.pipelined();
            List<Response<String>> typeOf = new ArrayList<>();
            for (String key : names) {
                typeOf.add(types.type(key));
            }
            types.sync();
            Pipeline values = j.pipelined();
            List<Response<?>> valueOf = new ArrayList<>();
            List<Response<Long>> ttlOf = new ArrayList<>();
            for (int i = 0; i < names.size(); i++) {
                String key = names.get(i);
                valueOf.add(switch (typeOf.get(i).get()) {
                    case "string" -> values.get(key);
                    case "list" -> values.lrange(key, 0, -1);
                    case "set" -> values.smembers(key);
                    default -> values.type(key);
                });
                ttlOf.add(values.pttl(key));
            }
            values.sync();
            for (int i = 0; i < names.size(); i++) {
                Object value = valueOf.get(i).get();
                String text = value instanceof java.util.Set<?> set ? new TreeSet<>(set).toString() : String.valueOf(value);
                keys.put(names.get(i), typeOf.get(i).get() + " " + text.hashCode() + (ttlOf.get(i).get() > 0 ? " ttl" : ""));
            }
        }
        return keys;
    }

    private static long dbSize(ReplicationNode node) {
        try (Jedis j = node.client()) {
            return j.dbSize();
        }
    }

    private static String abbreviate(Map<String, String> keys) {
        String text = keys.toString();
        return text.length() > 600 ? text.substring(0, 600) + "... (" + keys.size() + " keys)" : text;
    }

    private static String describe(ReplicationNode node) {
        return node + ": " + node.info("replication") + "\n" + node + "'s log:\n" + node.logTail();
    }
}
