package dev.redisfromscratch.server;

import dev.redisfromscratch.testkit.RawClient;
import dev.redisfromscratch.testkit.blackbox.Request;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Several raw connections to one server, taking turns: what a test needs to check what one client
 * sees of another's commands (a {@code PUBLISH} arriving at a subscriber, a {@code SET} touching a
 * {@code WATCH}ed key) byte for byte, on our server and on a real redis-server alike.
 *
 * <p>{@link #send} writes a request on one connection, then {@code PING <marker>}, and reads up to
 * the marker's echo: whatever the connection received before it (replies, pushes) is the step's
 * transcript. Each step is thus complete before the next one starts, with no sleep: a message
 * published on connection 1 is in connection 0's stream before connection 0's next marker. The
 * marker's own reply ({@code $n marker}, or in subscribed mode {@code *2 $4 pong $n marker}) is
 * left out. Inside {@code MULTI} the marker would be queued, so a step must end outside it: send
 * {@code MULTI} … {@code EXEC} as one step ({@link #sendRaw}).
 *
 * <pre>
 * try (Dialogue d = Dialogue.open(port, 2)) {
 *     d.send(0, "SUBSCRIBE", "news");        // "*3\r\n$9\r\nsubscribe\r\n$4\r\nnews\r\n:1\r\n"
 *     d.send(1, "PUBLISH", "news", "hi");    // ":1\r\n"
 *     d.send(0);                             // "*3\r\n$7\r\nmessage\r\n$4\r\nnews\r\n$2\r\nhi\r\n"
 * }
 * </pre>
 */
public final class Dialogue implements AutoCloseable {
    private final List<RawClient> connections = new ArrayList<>();
    private int markers;

    private Dialogue() {
    }

    /** Opens {@code count} connections to {@code 127.0.0.1:port}. */
    public static Dialogue open(int port, int count) throws IOException {
        Dialogue d = new Dialogue();
        for (int i = 0; i < count; i++) {
            d.connections.add(RawClient.connect(port));
        }
        return d;
    }

    /**
     * Sends {@code args} as a multibulk on connection {@code conn} (nothing if {@code args} is
     * empty: just collect what arrived), then reads up to the marker.
     *
     * @return what the connection received, as Latin-1 text
     */
    public String send(int conn, String... args) throws IOException {
        byte[] request = args.length == 0 ? new byte[0] : Request.resp(args).bytes();
        return sendRaw(conn, new String(request, StandardCharsets.ISO_8859_1));
    }

    /** The same with the request's exact bytes (an inline command, several requests at once). */
    public String sendRaw(int conn, String request) throws IOException {
        String marker = "marker-" + (++markers);
        RawClient c = connections.get(conn);
        c.send(request + "PING " + marker + "\r\n");
        String end = "$" + marker.length() + "\r\n" + marker + "\r\n";
        StringBuilder got = new StringBuilder();
        while (!endsWith(got, end)) {
            got.append(c.readLine());
        }
        got.setLength(got.length() - end.length());
        String pong = "*2\r\n$4\r\npong\r\n"; // the subscribed-mode shape of the marker's PING
        if (endsWith(got, pong)) {
            got.setLength(got.length() - pong.length());
        }
        return got.toString();
    }

    /** @return connection {@code conn}, for a test that reads or closes it itself */
    public RawClient connection(int conn) {
        return connections.get(conn);
    }

    /**
     * Runs steps on {@code count} new connections and returns what each step received, prefixed by
     * the step, for comparing a real redis-server's transcript with ours. A step is the
     * connection's number then the request's arguments, or then one string holding several raw
     * requests (any step with {@code \r\n} in it).
     */
    public static List<String> transcript(int port, int count, List<String[]> steps) throws IOException {
        List<String> out = new ArrayList<>();
        try (Dialogue d = open(port, count)) {
            for (String[] step : steps) {
                int conn = Integer.parseInt(step[0]);
                String[] args = java.util.Arrays.copyOfRange(step, 1, step.length);
                String got = args.length == 1 && args[0].contains("\r\n") ? d.sendRaw(conn, args[0]) : d.send(conn, args);
                out.add(conn + "> " + String.join(" ", args).replace("\r\n", "; ") + "\n" + RawClient.show(
                        got.getBytes(StandardCharsets.ISO_8859_1)));
            }
        }
        return out;
    }

    private static boolean endsWith(StringBuilder sb, String suffix) {
        int from = sb.length() - suffix.length();
        return from >= 0 && sb.indexOf(suffix, from) == from;
    }

    @Override
    public void close() throws IOException {
        for (RawClient c : connections) {
            c.close();
        }
    }
}
