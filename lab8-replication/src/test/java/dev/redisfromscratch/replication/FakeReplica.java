package dev.redisfromscratch.replication;

import dev.redisfromscratch.testkit.RawClient;
import dev.redisfromscratch.testkit.blackbox.Request;
import java.io.Closeable;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A replica played by the test over a raw socket: it sends the handshake's requests, reads the
 * primary's {@code +FULLRESYNC} / {@code +CONTINUE} line, the {@code $<len>} snapshot, and then the
 * stream one command at a time, counting its bytes as a replica's offset does.
 */
final class FakeReplica implements Closeable {
    final RawClient socket;
    /** Bytes of the stream read so far (a replica's offset, from where its sync began). */
    long streamBytes;

    private FakeReplica(RawClient socket) {
        this.socket = socket;
    }

    /** Connects and says {@code REPLCONF listening-port <port>} and {@code capa eof capa psync2}, expecting {@code +OK}s. */
    static FakeReplica handshake(int primaryPort, int listeningPort) throws IOException {
        FakeReplica r = new FakeReplica(RawClient.connect(primaryPort));
        r.socket.send(Request.resp("REPLCONF", "listening-port", Integer.toString(listeningPort)).bytes()).read("+OK\r\n");
        r.socket.send(Request.resp("REPLCONF", "capa", "eof", "capa", "psync2").bytes()).read("+OK\r\n");
        return r;
    }

    /** Sends {@code PSYNC replid offset}; @return the first line of the answer, without its CRLF */
    String psync(String replid, long offset) throws IOException {
        socket.send(Request.resp("PSYNC", replid, Long.toString(offset)).bytes());
        return line();
    }

    /** Reads {@code $<len>\r\n} and the snapshot's bytes (no CRLF after them), skipping keep-alive newlines. */
    byte[] readSnapshot() throws IOException {
        String header = line().replaceFirst("^\n+", "");
        if (!header.startsWith("$")) {
            throw new IOException("expected $<len>, got " + header);
        }
        return socket.readExactly(Integer.parseInt(header.substring(1)));
    }

    /** Reads one command of the stream, counting its bytes. */
    List<String> readCommand() throws IOException {
        String header = line();
        long bytes = header.length() + 2;
        if (!header.startsWith("*")) {
            throw new IOException("expected *<n>, got " + header);
        }
        int n = Integer.parseInt(header.substring(1));
        List<String> argv = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            String len = line();
            int size = Integer.parseInt(len.substring(1));
            byte[] arg = socket.readExactly(size + 2);
            argv.add(new String(arg, 0, size, StandardCharsets.ISO_8859_1));
            bytes += len.length() + 2 + size + 2;
        }
        streamBytes += bytes;
        return argv;
    }

    /** Reads commands until one whose name is {@code name} (any case); @return it */
    List<String> readUntil(String name) throws IOException {
        while (true) {
            List<String> c = readCommand();
            if (c.get(0).equalsIgnoreCase(name)) {
                return c;
            }
        }
    }

    /** Sends {@code REPLCONF ACK <offset>} (no reply comes). */
    void ack(long offset) throws IOException {
        socket.send(Request.resp("REPLCONF", "ACK", Long.toString(offset)).bytes());
    }

    String line() throws IOException {
        String l = socket.readLine();
        return l.endsWith("\r\n") ? l.substring(0, l.length() - 2) : l;
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
