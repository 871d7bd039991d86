package dev.redisfromscratch.bench;

import dev.redisfromscratch.resp.Protocol;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * The commands the parse benchmarks frame, each in both request formats a server accepts.
 *
 * <pre>
 *   GET        *2\r\n$3\r\nGET\r\n$7\r\nuser:42\r\n                       GET user:42\r\n
 *   SET_16B    *3\r\n$3\r\nSET\r\n$7\r\nuser:42\r\n$16\r\n&lt;16 bytes&gt;\r\n   SET user:42 &lt;16 bytes&gt;\r\n
 *   SET_1KB    the same with a 1024-byte value
 *   SET_100KB  the same with a 102400-byte value
 * </pre>
 * Values are the letter {@code v} repeated, so the inline form needs no quoting.
 */
public enum CommandFrame {
    GET(-1), SET_16B(16), SET_1KB(1024), SET_100KB(100 * 1024);

    private final int valueBytes;

    CommandFrame(int valueBytes) {
        this.valueBytes = valueBytes;
    }

    /** @return the command's arguments */
    public List<byte[]> args() {
        byte[] key = ascii("user:42");
        if (valueBytes < 0) {
            return List.of(ascii("GET"), key);
        }
        byte[] value = new byte[valueBytes];
        Arrays.fill(value, (byte) 'v');
        return List.of(ascii("SET"), key, value);
    }

    /** @return the RESP multibulk a client library sends */
    public byte[] resp() {
        return Protocol.encodeCommand(args());
    }

    /** @return the inline line telnet would send: arguments joined by spaces, then CRLF */
    public byte[] inline() {
        StringBuilder line = new StringBuilder();
        for (byte[] arg : args()) {
            line.append(line.length() == 0 ? "" : " ").append(new String(arg, StandardCharsets.US_ASCII));
        }
        return ascii(line.append("\r\n").toString());
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
