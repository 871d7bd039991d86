package dev.redisfromscratch.server;

import dev.redisfromscratch.resp.BulkString;
import dev.redisfromscratch.resp.ReplyFormatter;
import dev.redisfromscratch.resp.RespArray;
import dev.redisfromscratch.resp.RespInteger;
import dev.redisfromscratch.resp.RespValue;
import dev.redisfromscratch.resp.SimpleError;
import dev.redisfromscratch.resp.client.RespClient;
import dev.redisfromscratch.testkit.RealRedis;
import dev.redisfromscratch.testkit.grading.Points;
import dev.redisfromscratch.testkit.grading.Stage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import net.jqwik.api.lifecycle.BeforeTry;

/**
 * A model-based property test (jqwik): random sequences of list and set commands over a few keys,
 * sent to lab 6 and to a real {@code redis-server} 7.0.15, the real one being the model. Every
 * reply must be the same, but where Redis's reply has no fixed order or is random:
 * <ul>
 *   <li>{@code SMEMBERS}, {@code SINTER}, {@code SUNION} and {@code SDIFF} are compared as sets
 *       (a server lists a set's members in the order of its encoding);
 *   <li>{@code SRANDMEMBER} by its properties: the same kind of reply and size, members of the set,
 *       distinct for a positive count (each member is looked up in lab 6's set);
 *   <li>{@code SPOP} is left out: which member it removes is random, and the two keyspaces would
 *       part ways (its replies are checked by the parity and black-box tests).
 * </ul>
 * The keys are shared between the commands of every type ({@code K}), and {@code GET},
 * {@code SET}, {@code INCR} and {@code APPEND} go to any key, so the sequences hit
 * {@code -WRONGTYPE} both ways, and emptied collections must have lost their keys for
 * {@code EXISTS}, {@code TYPE} and the next push to agree.
 *
 * <p>When a sequence fails, jqwik shrinks it to a short one that still fails and prints it; the
 * failure message is the transcript, one command a line, then both servers' replies to the command
 * that differs (as {@code redis-cli} prints them). One real redis-server and one lab 6 server serve
 * every try, each emptied by {@code FLUSHALL} before it, so a property runs in seconds.
 */
class ListsSetsModelPropertyTest {
    private static final int TRIES = 100;
    private static final int MAX_COMMANDS = 30;

    private static RealRedis redis;
    private static IntegratedServerFixture lab6;
    private static RespClient toRedis;
    private static RespClient toLab6;

    /** How a command's replies are compared. */
    enum Compare {
        /** byte for byte (as parsed values) */
        EXACT,
        /** an array's elements as a multiset; anything else exactly */
        AS_SET,
        /** {@code SRANDMEMBER}: by its properties */
        RANDOM_MEMBERS
    }

    /** One command of a sequence: its words, as typed into {@code redis-cli}. */
    record Command(List<String> args, Compare compare) {
        @Override
        public String toString() {
            return String.join(" ", args);
        }
    }

    @BeforeContainer
    static void startServers() throws IOException {
        redis = RealRedis.start();
        lab6 = IntegratedServerFixture.start(ListsSetsServer.extensions());
        toRedis = new RespClient("127.0.0.1", redis.port());
        toLab6 = new RespClient("127.0.0.1", lab6.port);
    }

    @AfterContainer
    static void stopServers() throws IOException {
        if (toRedis != null) {
            toRedis.close();
        }
        if (toLab6 != null) {
            toLab6.close();
        }
        if (lab6 != null) {
            lab6.close();
        }
        if (redis != null) {
            redis.close();
        }
    }

    /** Each try starts from two empty keyspaces, on fresh connections if the last try broke one. */
    @BeforeTry
    void flushBoth() throws IOException {
        if (serverDeath != null) {
            return; // serverStopped() reports it
        }
        toRedis = flushed(toRedis, redis.port());
        try {
            toLab6 = flushed(toLab6, lab6.port);
        } catch (IOException e) {
            throw explained(e);
        }
    }

    private static RespClient flushed(RespClient client, int port) throws IOException {
        try {
            if (client.call("FLUSHALL") instanceof SimpleError e) {
                throw new AssertionError("FLUSHALL failed: " + e.message());
            }
            return client;
        } catch (IOException broken) {
            client.close();
            RespClient fresh = new RespClient("127.0.0.1", port);
            fresh.call("FLUSHALL");
            return fresh;
        }
    }

    // ---------------------------------------------------------------- the properties

    @Property(tries = TRIES, edgeCases = EdgeCasesMode.NONE)
    @Stage(lab = 6, value = 1)
    @Points(4)
    void listCommandsAnswerAsRedisDoes(@ForAll("listSequences") List<Command> commands) throws IOException {
        check("lists", commands, 1, List.of("RPUSH probe a b"), List.of("LRANGE probe 0 -1"), List.of("LPOP probe"));
    }

    @Property(tries = TRIES, edgeCases = EdgeCasesMode.NONE)
    @Stage(lab = 6, value = 2)
    @Points(4)
    void listAndSetCommandsAnswerAsRedisDoes(@ForAll("listAndSetSequences") List<Command> commands) throws IOException {
        check("lists and sets", commands, 2, List.of("SADD probe 1 2"), List.of("SISMEMBER probe 2"),
                List.of("SINTER probe probe"));
    }

    /** One try of a property: its stage's probe (once), then the sequence on both servers. */
    @SafeVarargs
    private static void check(String property, List<Command> commands, int stage, List<String>... probe)
            throws IOException {
        if (serverStopped(property)) {
            return;
        }
        try {
            probeOnce(stage, probe);
            runBoth(commands);
        } catch (AssertionError e) {
            if (e == serverDeath) {
                REPORTED.add(property);
            }
            throw e;
        }
    }

    private static final boolean[] PROBED = new boolean[3];
    /** Why lab 6's server stopped (a stub still to write), once a try has seen it. */
    private static AssertionError serverDeath;
    private static final java.util.Set<String> REPORTED = new java.util.HashSet<>();

    /**
     * Once the server has stopped, each property fails once with the reason, and every later call
     * (jqwik shrinking the failing sequence) returns at once: shrinking against a stopped server
     * would only take time.
     *
     * @return true if the property must not run (it already failed with the reason)
     * @throws AssertionError the reason, the first time a property asks
     */
    private static boolean serverStopped(String property) {
        if (serverDeath == null) {
            return false;
        }
        if (REPORTED.add(property)) {
            throw serverDeath;
        }
        return true;
    }

    /**
     * Before a property's first try: the commands of its stage, once, on lab 6 alone, so that a
     * stub still to write fails the property at once with its {@code TODO(lab6)} text instead of
     * a hundred tries against a stopped server (jqwik properties do not get the Jupiter extension
     * that names a dead server thread). The probe's key is deleted again.
     */
    @SafeVarargs
    private static void probeOnce(int stage, List<String>... commands) throws IOException {
        if (PROBED[stage]) {
            return;
        }
        try {
            for (List<String> command : commands) {
                toLab6.call(command.get(0).split(" "));
            }
            toLab6.call("DEL", "probe");
        } catch (IOException e) {
            throw explained(e);
        }
        PROBED[stage] = true;
    }

    /**
     * @return an error naming the server's death ({@code server bug, stopping: ... TODO(lab6) ...},
     *     from its log) if it died, else {@code failure} itself
     */
    private static AssertionError explained(Throwable failure) {
        for (String line : lab6.log) {
            if (line.startsWith("server bug")) {
                serverDeath = new AssertionError("lab 6's server stopped: " + line, failure);
                return serverDeath;
            }
        }
        return failure instanceof AssertionError a ? a : new AssertionError(failure);
    }

    /**
     * Sends each command to both servers in turn and compares the replies.
     *
     * @throws AssertionError with the transcript up to the first reply that differs
     */
    private static void runBoth(List<Command> commands) throws IOException {
        for (int i = 0; i < commands.size(); i++) {
            Command c = commands.get(i);
            RespValue expected = toRedis.call(c.args().toArray(String[]::new));
            RespValue actual;
            try {
                actual = toLab6.call(c.args().toArray(String[]::new));
            } catch (IOException e) {
                throw explained(e);
            }
            String difference = difference(c, expected, actual);
            if (difference != null) {
                StringBuilder sb = new StringBuilder("lab 6 and Redis part ways at command ").append(i + 1)
                        .append(" of ").append(commands.size()).append(" (").append(difference).append("):\n");
                for (int j = 0; j <= i; j++) {
                    sb.append(String.format("  %2d. %s%n", j + 1, commands.get(j)));
                }
                sb.append("  Redis answered:\n").append(indent(ReplyFormatter.format(expected)))
                        .append("  lab 6 answered:\n").append(indent(ReplyFormatter.format(actual)));
                throw new AssertionError(sb.toString());
            }
        }
    }

    private static String indent(String text) {
        StringBuilder sb = new StringBuilder();
        text.lines().forEach(line -> sb.append("      ").append(line).append('\n'));
        return sb.toString();
    }

    /** @return what differs, in a few words, or null when lab 6's reply is right */
    private static String difference(Command c, RespValue expected, RespValue actual) throws IOException {
        switch (c.compare()) {
            case AS_SET:
                if (expected instanceof RespArray e && actual instanceof RespArray a) {
                    return sorted(e).equals(sorted(a)) ? null : "other members";
                }
                return expected.equals(actual) ? null : "another reply";
            case RANDOM_MEMBERS:
                return randomMembersDifference(c, expected, actual);
            default:
                return expected.equals(actual) ? null : "another reply";
        }
    }

    private static List<String> sorted(RespArray array) {
        List<String> texts = new ArrayList<>();
        for (RespValue v : array.elements()) {
            texts.add(v instanceof BulkString b ? new String(b.bytes(), StandardCharsets.ISO_8859_1) : v.toString());
        }
        texts.sort(null);
        return texts;
    }

    /**
     * {@code SRANDMEMBER key [count]}: an error, nil or empty array exactly as Redis; else a member
     * (or as many members as Redis gave, distinct when the count is positive) of lab 6's set.
     */
    private static String randomMembersDifference(Command c, RespValue expected, RespValue actual) throws IOException {
        String key = c.args().get(1);
        if (expected instanceof BulkString) {
            if (!(actual instanceof BulkString member)) {
                return "not a member";
            }
            return isMember(key, List.of(member)) ? null : "a member that is not in the set";
        }
        if (expected instanceof RespArray e && e.size() > 0) {
            if (!(actual instanceof RespArray a) || a.size() != e.size()) {
                return "not " + e.size() + " members";
            }
            boolean positive = Long.parseLong(c.args().get(2)) > 0;
            if (positive && new HashSet<>(a.elements()).size() != a.size()) {
                return "a member twice for a positive count";
            }
            return isMember(key, a.elements()) ? null : "a member that is not in the set";
        }
        return expected.equals(actual) ? null : "another reply";
    }

    private static boolean isMember(String key, List<RespValue> members) throws IOException {
        List<byte[]> args = new ArrayList<>();
        args.add("SMISMEMBER".getBytes(StandardCharsets.US_ASCII));
        args.add(key.getBytes(StandardCharsets.UTF_8));
        for (RespValue m : members) {
            args.add(((BulkString) m).bytes());
        }
        RespValue answer = toLab6.call(args);
        return answer instanceof RespArray flags && flags.elements().stream().allMatch(new RespInteger(1)::equals);
    }

    // ---------------------------------------------------------------- the generators

    /** List keys, a set key's place taken by the key every type shares. */
    private static final List<String> LIST_KEYS = List.of("L1", "L2", "K");
    private static final List<String> SET_KEYS = List.of("S1", "S2", "K");
    private static final List<String> ALL_KEYS = List.of("L1", "L2", "S1", "S2", "K");

    @Provide
    Arbitrary<List<Command>> listSequences() {
        return oneOfWeighted(listCommands(Arbitraries.of(LIST_KEYS)), generic(Arbitraries.of(LIST_KEYS)))
                .list().ofMaxSize(MAX_COMMANDS);
    }

    @Provide
    Arbitrary<List<Command>> listAndSetSequences() {
        Arbitrary<String> anyKey = Arbitraries.of(ALL_KEYS);
        return oneOfWeighted(listCommands(Arbitraries.of(LIST_KEYS)), setCommands(Arbitraries.of(SET_KEYS)), generic(anyKey))
                .list().ofMaxSize(MAX_COMMANDS);
    }

    /** A few short members, integers among them (an intset's), and one past a listpack's 64 bytes. */
    private static Arbitrary<String> element() {
        return Arbitraries.frequencyOf(Tuple.of(8, Arbitraries.of("a", "b", "c", "1", "2", "3")),
                Tuple.of(1, Arbitraries.of("-7", "10000000000", "v".repeat(65))));
    }

    /** An index or count near the ends, now and then one that is not a number. */
    private static Arbitrary<String> index() {
        return Arbitraries.frequencyOf(Tuple.of(20, Arbitraries.integers().between(-4, 4).map(String::valueOf)),
                Tuple.of(1, Arbitraries.just("x")));
    }

    private static Arbitrary<String> count() {
        return Arbitraries.integers().between(-1, 4).map(String::valueOf);
    }

    private static Arbitrary<String> end() {
        return Arbitraries.of("LEFT", "RIGHT");
    }

    /** @return the words {@code part} gives, or none */
    private static Arbitrary<List<String>> optional(Arbitrary<List<String>> part) {
        return Arbitraries.frequencyOf(Tuple.of(1, Arbitraries.just(List.<String>of())), Tuple.of(1, part));
    }

    private static Arbitrary<List<String>> option(String name, Arbitrary<String> value) {
        return optional(value.map(v -> List.of(name, v)));
    }

    /** {@code n} keys preceded by their count, as LMPOP and SINTERCARD take them */
    private static Arbitrary<List<String>> numkeys(Arbitrary<String> key) {
        return key.list().ofMinSize(1).ofMaxSize(2).map(ks -> {
            List<String> words = new ArrayList<>();
            words.add(Integer.toString(ks.size()));
            words.addAll(ks);
            return words;
        });
    }

    /**
     * A command: its name, then the words of each part in order. A part is a literal word (a
     * {@code String}), or an {@code Arbitrary} of a word or of a list of words.
     */
    private static Arbitrary<Command> command(Compare compare, String name, Object... parts) {
        List<Arbitrary<List<String>>> words = new ArrayList<>();
        for (Object part : parts) {
            words.add(words(part));
        }
        return Combinators.combine(words).as(lists -> {
            List<String> args = new ArrayList<>();
            args.add(name);
            lists.forEach(args::addAll);
            return new Command(List.copyOf(args), compare);
        });
    }

    private static Arbitrary<Command> command(String name, Object... parts) {
        return command(Compare.EXACT, name, parts);
    }

    @SuppressWarnings("unchecked")
    private static Arbitrary<List<String>> words(Object part) {
        if (part instanceof String word) {
            return Arbitraries.just(List.of(word));
        }
        return ((Arbitrary<Object>) part).map(v -> v instanceof List<?> list ? (List<String>) list : List.of((String) v));
    }

    private static Tuple.Tuple2<Integer, Arbitrary<Command>> weighted(int weight, Arbitrary<Command> command) {
        return Tuple.of(weight, command);
    }

    @SafeVarargs
    private static Arbitrary<Command> oneOfWeighted(Tuple.Tuple2<Integer, Arbitrary<Command>>... choices) {
        return Arbitraries.frequencyOf(List.of(choices));
    }

    private static Tuple.Tuple2<Integer, Arbitrary<Command>> listCommands(Arbitrary<String> key) {
        Arbitrary<List<String>> elements = element().list().ofMinSize(1).ofMaxSize(3);
        return weighted(6, oneOfWeighted(
                weighted(4, command("LPUSH", key, elements)),
                weighted(4, command("RPUSH", key, elements)),
                weighted(1, command("LPUSHX", key, element())),
                weighted(1, command("RPUSHX", key, element())),
                weighted(2, command("LPOP", key, optional(count().map(List::of)))),
                weighted(2, command("RPOP", key, optional(count().map(List::of)))),
                weighted(2, command("LRANGE", key, index(), index())),
                weighted(1, command("LINDEX", key, index())),
                weighted(1, command("LSET", key, index(), element())),
                weighted(1, command("LREM", key, Arbitraries.integers().between(-2, 2).map(String::valueOf), element())),
                weighted(1, command("LTRIM", key, index(), index())),
                weighted(1, command("LINSERT", key, Arbitraries.of("BEFORE", "AFTER"), element(), element())),
                weighted(1, command("LPOS", key, element(), option("RANK", Arbitraries.of("1", "2", "-1", "-2", "0")),
                        option("COUNT", Arbitraries.of("0", "1", "2")), option("MAXLEN", Arbitraries.of("0", "1", "3")))),
                weighted(1, command("LMOVE", key, key, end(), end())),
                weighted(1, command("RPOPLPUSH", key, key)),
                weighted(1, command("LMPOP", numkeys(key), end(), option("COUNT", Arbitraries.of("1", "2", "5"))))));
    }

    private static Tuple.Tuple2<Integer, Arbitrary<Command>> setCommands(Arbitrary<String> key) {
        Arbitrary<List<String>> members = element().list().ofMinSize(1).ofMaxSize(3);
        Arbitrary<List<String>> keys = key.list().ofMinSize(1).ofMaxSize(3);
        return weighted(6, oneOfWeighted(
                weighted(5, command("SADD", key, members)),
                weighted(2, command("SREM", key, members)),
                weighted(1, command("SISMEMBER", key, element())),
                weighted(1, command("SMISMEMBER", key, members)),
                weighted(1, command("SCARD", key)),
                weighted(1, command(Compare.AS_SET, "SMEMBERS", key)),
                weighted(1, command(Compare.AS_SET, "SINTER", keys)),
                weighted(1, command(Compare.AS_SET, "SUNION", keys)),
                weighted(1, command(Compare.AS_SET, "SDIFF", keys)),
                weighted(1, command("SINTERSTORE", key, keys)),
                weighted(1, command("SUNIONSTORE", key, keys)),
                weighted(1, command("SDIFFSTORE", key, keys)),
                weighted(1, command("SINTERCARD", numkeys(key), option("LIMIT", Arbitraries.of("0", "1", "2")))),
                weighted(1, command("SMOVE", key, key, element())),
                weighted(1, command(Compare.RANDOM_MEMBERS, "SRANDMEMBER", key, optional(count().map(List::of))))));
    }

    /** TYPE, DEL, EXISTS, and the string commands a program might send to a list or set by mistake. */
    private static Tuple.Tuple2<Integer, Arbitrary<Command>> generic(Arbitrary<String> key) {
        return weighted(2, oneOfWeighted(
                weighted(2, command("TYPE", key)),
                weighted(1, command("DEL", key.list().ofMinSize(1).ofMaxSize(2))),
                weighted(1, command("EXISTS", key.list().ofMinSize(1).ofMaxSize(2))),
                weighted(1, command("GET", key)),
                weighted(1, command("SET", key, Arbitraries.of("1", "a"))),
                weighted(1, command("INCR", key)),
                weighted(1, command("APPEND", key, Arbitraries.of("1", "a")))));
    }
}
