package dev.redisfromscratch.testkit.blackbox;

import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/**
 * The grader's own client: sends exact request bytes, then checks the replies byte for byte. It
 * never uses the code under test, so it can grade a server written in any language.
 *
 * <p>When a reply is wrong, the failure message is the lesson: the request as typed into
 * {@code redis-cli}, the bytes sent, expected and received (escaped, so {@code \r\n} shows),
 * where they first differ, and a hint for the usual mistake ({@link Diagnosis}).
 *
 * <p>A reply is awaited for at most the reply timeout (a bound on waiting, never a sleep). Bytes
 * that arrive beyond the reply being checked are kept for the next check, so pipelined replies
 * can arrive in any number of reads.
 */
public final class WireClient implements Closeable {
    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private final String address;
    private final Duration replyTimeout;
    /** Bytes received and not yet matched against an expected reply. */
    private byte[] pending = new byte[0];
    private List<Request> batch = List.of();
    private String batchHow = "";
    private int nextReply;
    private int repliesMatched;

    private WireClient(Socket socket, String address, Duration replyTimeout) throws IOException {
        this.socket = socket;
        this.in = socket.getInputStream();
        this.out = socket.getOutputStream();
        this.address = address;
        this.replyTimeout = replyTimeout;
        socket.setTcpNoDelay(true);
        socket.setSoTimeout((int) replyTimeout.toMillis());
    }

    /**
     * Connects to the server under test.
     *
     * @param replyTimeout how long to wait for each reply (and for a connect)
     * @throws AssertionError if nothing listens there, with a hint
     */
    public static WireClient connect(String host, int port, Duration replyTimeout) throws IOException {
        Socket s = new Socket();
        try {
            s.connect(new InetSocketAddress(host, port), (int) replyTimeout.toMillis());
        } catch (ConnectException | SocketTimeoutException e) {
            s.close();
            throw new AssertionError("could not connect to " + host + ":" + port + ": " + e.getMessage()
                    + "\n  hint: " + Diagnosis.CONNECT_REFUSED, e);
        }
        return new WireClient(s, host + ":" + port, replyTimeout);
    }

    /** Sends the requests in one write: a pipeline when there are several. */
    public WireClient send(Request... requests) throws IOException {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        for (Request r : requests) {
            all.writeBytes(r.bytes());
        }
        write(all.toByteArray(), requests, requests.length > 1 ? "all " + requests.length + " requests in one write" : "");
        return this;
    }

    /** Sends the request one byte per write: the server must reassemble it from many reads. */
    public WireClient sendByteByByte(Request request) throws IOException {
        startBatch(new Request[] {request}, "one byte per write");
        for (byte b : request.bytes()) {
            out.write(b);
            out.flush();
        }
        return this;
    }

    /** Shorthand: sends one inline command (a line of text, as typed into {@code nc}). */
    public WireClient inline(String line) throws IOException {
        return send(Request.inline(line));
    }

    /** Shorthand: sends one RESP command (a multibulk of bulk strings, as clients send). */
    public WireClient command(String... args) throws IOException {
        return send(Request.resp(args));
    }

    /**
     * Checks the next replies, one per request of the last {@code send}, byte for byte.
     *
     * @param replies the exact expected bytes of each reply, as Latin-1 text
     * @throws AssertionError with the teaching message when a reply differs, is incomplete when
     *     the reply timeout passes, or the connection closes first
     */
    public WireClient expect(String... replies) throws IOException {
        for (String reply : replies) {
            expectOne(reply.getBytes(StandardCharsets.ISO_8859_1));
        }
        return this;
    }

    /**
     * Checks that the next reply, one per request of the last {@code send}, is an integer reply
     * ({@code :<n>\r\n}, RESP's {@code :}), and returns its value: for replies that depend on the
     * time passed, such as TTL and PTTL, which the caller then checks against a range
     * ({@link TtlWindow}). Redis: {@code networking.c}, {@code addReplyLongLong}.
     *
     * @return the integer
     * @throws AssertionError with the teaching message when the reply is of another type, is not a
     *     64-bit decimal number, or is incomplete when the reply timeout passes or the connection closes
     */
    public long expectIntegerReply() throws IOException {
        Ending ending = Ending.DATA;
        while (true) {
            int eol = indexOfCrlf(pending);
            boolean typeWrong = pending.length > 0 && pending[0] != ':';
            if (typeWrong || eol >= 0) {
                if (typeWrong) {
                    drainAvailable();
                }
                String line = new String(pending, 0, Math.max(eol, 0), StandardCharsets.ISO_8859_1);
                Long value = typeWrong ? null : integer(line.substring(1));
                if (value == null) {
                    byte[] example = ":0\r\n".getBytes(StandardCharsets.ISO_8859_1);
                    fail(example, "an integer reply, \":<digits>\\r\\n\"", ending, firstDifference(example, pending));
                }
                pending = Arrays.copyOfRange(pending, eol + 2, pending.length);
                nextReply++;
                repliesMatched++;
                return value;
            }
            if (ending != Ending.DATA) {
                // what came so far, completed as the integer it seems to be: the hint then names what is missing
                String soFar = new String(pending, StandardCharsets.ISO_8859_1).stripTrailing();
                byte[] example = ((soFar.isEmpty() ? ":0" : soFar) + "\r\n").getBytes(StandardCharsets.ISO_8859_1);
                fail(example, "an integer reply, \":<digits>\\r\\n\"", ending, firstDifference(example, pending));
            }
            ending = readMore();
        }
    }

    /**
     * Checks that the next reply, one per request of the last {@code send}, is a bulk string
     * ({@code $<n>\r\n<n bytes>\r\n}), and returns its payload: for replies whose text varies from
     * server to server, such as {@code INFO}'s, which the caller then searches for the field it
     * needs (a test waiting for a client to block reads {@code blocked_clients:1} in
     * {@code INFO clients}, as Redis's own tests do). Redis: {@code networking.c},
     * {@code addReplyBulk}.
     *
     * @return the payload, as Latin-1 text (one char per byte)
     * @throws AssertionError with the teaching message when the reply is of another type (a null
     *     bulk {@code $-1} included), has a malformed length, or is incomplete when the reply
     *     timeout passes or the connection closes
     */
    public String expectBulkReply() throws IOException {
        Ending ending = Ending.DATA;
        byte[] example = "$0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1);
        String what = "a bulk string reply, \"$<length>\\r\\n<bytes>\\r\\n\"";
        while (true) {
            int eol = indexOfCrlf(pending);
            boolean typeWrong = pending.length > 0 && pending[0] != '$';
            Long length = eol >= 0 ? integer(new String(pending, 1, eol - 1, StandardCharsets.ISO_8859_1)) : null;
            if (typeWrong || (eol >= 0 && (length == null || length < 0 || length > Integer.MAX_VALUE - 64))) {
                drainAvailable();
                fail(example, what, ending, firstDifference(example, pending));
            }
            if (eol >= 0) {
                int end = eol + 2 + length.intValue();
                if (pending.length >= end + 2) {
                    if (pending[end] != '\r' || pending[end + 1] != '\n') {
                        fail(example, what + " (its payload is not followed by \\r\\n)", ending, end);
                    }
                    String payload = new String(pending, eol + 2, length.intValue(), StandardCharsets.ISO_8859_1);
                    pending = Arrays.copyOfRange(pending, end + 2, pending.length);
                    nextReply++;
                    repliesMatched++;
                    return payload;
                }
            }
            if (ending != Ending.DATA) {
                fail(example, what, ending, pending.length);
            }
            ending = readMore();
        }
    }

    /**
     * Checks that the next reply is a simple string ({@code +<text>\r\n}) and returns its text: for
     * replies with a part that varies, such as a primary's {@code +FULLRESYNC <replid> <offset>},
     * which the caller then checks. Redis: {@code networking.c}, {@code addReplyStatus}.
     *
     * @return the text after the {@code +}, without the CRLF
     * @throws AssertionError with the teaching message when the reply is of another type, or is
     *     incomplete when the reply timeout passes or the connection closes
     */
    public String expectSimpleStringReply() throws IOException {
        Ending ending = Ending.DATA;
        byte[] example = "+OK\r\n".getBytes(StandardCharsets.ISO_8859_1);
        String what = "a simple string reply, \"+<text>\\r\\n\"";
        while (true) {
            int eol = indexOfCrlf(pending);
            if (pending.length > 0 && pending[0] != '+') {
                drainAvailable();
                fail(example, what, ending, 0);
            }
            if (eol >= 0) {
                String text = new String(pending, 1, eol - 1, StandardCharsets.ISO_8859_1);
                pending = Arrays.copyOfRange(pending, eol + 2, pending.length);
                nextReply++;
                repliesMatched++;
                return text;
            }
            if (ending != Ending.DATA) {
                fail(example, what, ending, pending.length);
            }
            ending = readMore();
        }
    }

    /**
     * Checks that a snapshot comes next as a primary sends it after {@code +FULLRESYNC}: a bulk
     * length and that many bytes, with no CRLF after them ({@code $<len>\r\n<len bytes>}), and
     * returns the bytes. Redis: {@code replication.c}, {@code sendBulkToSlave}.
     *
     * @return the payload (an RDB file)
     * @throws AssertionError when the header is not {@code $<len>\r\n}, or fewer bytes come
     *     before the reply timeout or the end of the connection
     */
    public byte[] expectBulkWithoutCrlf() throws IOException {
        Ending ending = Ending.DATA;
        byte[] example = "$18\r\n".getBytes(StandardCharsets.ISO_8859_1);
        String what = "a snapshot, \"$<length>\\r\\n\" then that many bytes and no \\r\\n";
        while (true) {
            int eol = indexOfCrlf(pending);
            boolean typeWrong = pending.length > 0 && pending[0] != '$';
            Long length = eol >= 0 ? integer(new String(pending, 1, eol - 1, StandardCharsets.ISO_8859_1)) : null;
            if (typeWrong || (eol >= 0 && (length == null || length < 0 || length > Integer.MAX_VALUE - 64))) {
                drainAvailable();
                fail(example, what, ending, firstDifference(example, pending));
            }
            if (eol >= 0 && pending.length >= eol + 2 + length) {
                int end = eol + 2 + length.intValue();
                byte[] payload = Arrays.copyOfRange(pending, eol + 2, end);
                pending = Arrays.copyOfRange(pending, end, pending.length);
                nextReply++;
                repliesMatched++;
                return payload;
            }
            if (ending != Ending.DATA) {
                fail(example, what, ending, pending.length);
            }
            ending = readMore();
        }
    }

    /**
     * Checks that a command comes next as a client sends it, or a primary sends it to its replicas
     * in the replication stream: a multibulk of bulk strings ({@code *<n>\r\n}, then
     * {@code $<len>\r\n<bytes>\r\n} for each argument), and returns its arguments. Only this exact
     * encoding is accepted, so the bytes received are those that {@link Request#resp} would send
     * for the returned arguments. Redis: {@code replication.c}, {@code replicationFeedSlaves}.
     *
     * @return the arguments, the command's name first, as Latin-1 text (one char per byte)
     * @throws AssertionError when another encoding comes, or it is incomplete when the reply
     *     timeout passes or the connection closes
     */
    public List<String> expectCommand() throws IOException {
        Ending ending = Ending.DATA;
        byte[] example = "*1\r\n$4\r\nPING\r\n".getBytes(StandardCharsets.ISO_8859_1);
        String what = "a command, \"*<n>\\r\\n\" then n \"$<length>\\r\\n<bytes>\\r\\n\"";
        while (true) {
            int[] at = {0};
            List<String> args = parseCommand(at);
            if (args == null) {
                drainAvailable();
                fail(example, what, ending, at[0]);
            }
            if (!args.isEmpty()) {
                pending = Arrays.copyOfRange(pending, at[0], pending.length);
                nextReply++;
                repliesMatched++;
                return args;
            }
            if (ending != Ending.DATA) {
                fail(example, what, ending, pending.length);
            }
            ending = readMore();
        }
    }

    /**
     * Parses one multibulk of bulk strings at the start of {@link #pending}.
     *
     * @param at out: the index just past it when complete; where it went wrong when malformed
     * @return its arguments; an empty list when incomplete; null when malformed
     */
    private List<String> parseCommand(int[] at) {
        int eol = indexOfCrlf(pending);
        if (pending.length > 0 && pending[0] != '*') {
            return null;
        }
        if (eol < 0) {
            return List.of();
        }
        Long count = integer(new String(pending, 1, eol - 1, StandardCharsets.ISO_8859_1));
        if (count == null || count < 1 || count > 1024 * 1024) {
            at[0] = 1;
            return null;
        }
        java.util.ArrayList<String> args = new java.util.ArrayList<>();
        int pos = eol + 2;
        for (long i = 0; i < count; i++) {
            if (pos >= pending.length) {
                return List.of();
            }
            if (pending[pos] != '$') {
                at[0] = pos;
                return null;
            }
            int lineEnd = -1;
            for (int j = pos; j + 1 < pending.length; j++) {
                if (pending[j] == '\r' && pending[j + 1] == '\n') {
                    lineEnd = j;
                    break;
                }
            }
            if (lineEnd < 0) {
                return List.of();
            }
            Long length = integer(new String(pending, pos + 1, lineEnd - pos - 1, StandardCharsets.ISO_8859_1));
            if (length == null || length < 0 || length > Integer.MAX_VALUE - 64) {
                at[0] = pos + 1;
                return null;
            }
            int end = lineEnd + 2 + length.intValue();
            if (pending.length < end + 2) {
                return List.of();
            }
            if (pending[end] != '\r' || pending[end + 1] != '\n') {
                at[0] = end;
                return null;
            }
            args.add(new String(pending, lineEnd + 2, length.intValue(), StandardCharsets.ISO_8859_1));
            pos = end + 2;
        }
        at[0] = pos;
        return args;
    }

    /** @return the value of a RESP integer's digits (an optional '-', then 0-9), or null if they are not one */
    private static Long integer(String digits) {
        if (!digits.matches("-?[0-9]{1,19}")) {
            return null;
        }
        try {
            return Long.parseLong(digits);
        } catch (NumberFormatException overflow) {
            return null;
        }
    }

    private static int indexOfCrlf(byte[] bytes) {
        for (int i = 0; i + 1 < bytes.length; i++) {
            if (bytes[i] == '\r' && bytes[i + 1] == '\n') {
                return i;
            }
        }
        return -1;
    }

    /**
     * Checks that the server closes the connection (after any replies already checked), as Redis
     * does after QUIT and after a protocol error.
     *
     * @throws AssertionError if more bytes arrive or the connection stays open for the reply timeout
     */
    public void expectClosed() throws IOException {
        if (pending.length > 0) {
            throw new AssertionError(header(null, null) + "expected the server to close the connection, but it sent more: "
                    + Wire.quote(pending));
        }
        Ending ending = readMore();
        if (ending == Ending.DATA) {
            throw new AssertionError(header(null, null) + "expected the server to close the connection, but it sent more: "
                    + Wire.quote(pending));
        }
        if (ending == Ending.TIMEOUT) {
            throw new AssertionError(header(null, null) + "expected the server to close the connection; it stayed open for "
                    + replyTimeout.toMillis() + " ms\n  hint: " + Diagnosis.SHOULD_CLOSE);
        }
    }

    /** Closes the connection; the server reads end of stream. */
    @Override
    public void close() throws IOException {
        socket.close();
    }

    private void write(byte[] bytes, Request[] requests, String how) throws IOException {
        startBatch(requests, how);
        out.write(bytes);
        out.flush();
    }

    private void startBatch(Request[] requests, String how) {
        batch = List.of(requests);
        batchHow = how;
        nextReply = 0;
    }

    private void expectOne(byte[] expected) throws IOException {
        Ending ending = Ending.DATA;
        while (true) {
            int diff = firstDifference(expected, pending);
            if (diff >= 0 && diff < Math.min(expected.length, pending.length)) {
                drainAvailable();
                fail(expected, null, ending, firstDifference(expected, pending));
            }
            if (pending.length >= expected.length) {
                pending = Arrays.copyOfRange(pending, expected.length, pending.length);
                nextReply++;
                repliesMatched++;
                return;
            }
            if (ending != Ending.DATA) {
                fail(expected, null, ending, pending.length);
            }
            ending = readMore();
        }
    }

    /** @return the index of the first byte where {@code received} differs from {@code expected}, or -1 */
    private static int firstDifference(byte[] expected, byte[] received) {
        int n = Math.min(expected.length, received.length);
        for (int i = 0; i < n; i++) {
            if (expected[i] != received[i]) {
                return i;
            }
        }
        return n < expected.length ? n : -1;
    }

    private enum Ending { DATA, TIMEOUT, CLOSED, RESET }

    private Ending readMore() throws IOException {
        byte[] chunk = new byte[8192];
        int n;
        try {
            n = in.read(chunk);
        } catch (SocketTimeoutException e) {
            return Ending.TIMEOUT;
        } catch (IOException e) {
            return Ending.RESET;
        }
        if (n < 0) {
            return Ending.CLOSED;
        }
        append(chunk, n);
        return Ending.DATA;
    }

    /** Takes what has already arrived, without waiting, so a failure shows the whole wrong reply. */
    private void drainAvailable() throws IOException {
        int n = Math.min(in.available(), 64 * 1024);
        if (n > 0) {
            byte[] chunk = new byte[n];
            int got = in.read(chunk);
            if (got > 0) {
                append(chunk, got);
            }
        }
    }

    private void append(byte[] chunk, int n) {
        byte[] joined = Arrays.copyOf(pending, pending.length + n);
        System.arraycopy(chunk, 0, joined, pending.length, n);
        pending = joined;
    }

    private String header(byte[] expected, String expectedWhat) {
        StringBuilder sb = new StringBuilder();
        Request request = nextReply < batch.size() ? batch.get(nextReply) : null;
        if (request != null) {
            sb.append("request:  ").append(request.typed());
            if (batch.size() > 1) {
                sb.append("   (reply ").append(nextReply + 1).append(" of ").append(batch.size()).append(" pipelined requests)");
            }
            sb.append('\n');
        }
        if (!batch.isEmpty()) {
            ByteArrayOutputStream sent = new ByteArrayOutputStream();
            batch.forEach(r -> sent.writeBytes(r.bytes()));
            sb.append("  sent:     ").append(Wire.quote(sent.toByteArray()));
            if (!batchHow.isEmpty()) {
                sb.append("   (").append(batchHow).append(')');
            }
            sb.append('\n');
        }
        sb.append("  server:   ").append(address).append('\n');
        if (expectedWhat != null) {
            sb.append("  expected: ").append(expectedWhat).append('\n');
        } else if (expected != null) {
            sb.append("  expected: ").append(Wire.quote(expected)).append('\n');
        }
        return sb.toString();
    }

    /**
     * @param expected the expected bytes, or an example of them when a range of replies is right
     * @param expectedWhat what is expected, in words, when {@code expected} is only an example; else null
     */
    private void fail(byte[] expected, String expectedWhat, Ending ending, int at) {
        StringBuilder sb = new StringBuilder(header(expected, expectedWhat));
        sb.append("  received: ").append(Wire.quote(pending));
        switch (ending) {
            case TIMEOUT: sb.append("   (then nothing for ").append(replyTimeout.toMillis()).append(" ms)"); break;
            case CLOSED: sb.append("   (then the server closed the connection)"); break;
            case RESET: sb.append("   (then the connection was reset)"); break;
            default: break;
        }
        sb.append('\n');
        sb.append(Diagnosis.explain(expected, pending, at, ending.name(), nextReply, batch.size(), repliesMatched));
        throw new AssertionError(sb.toString());
    }
}
