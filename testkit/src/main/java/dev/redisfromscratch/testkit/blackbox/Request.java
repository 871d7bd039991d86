package dev.redisfromscratch.testkit.blackbox;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * One request as it goes on the wire, with the way a person would type it into {@code redis-cli}
 * (for failure messages).
 *
 * @param bytes the exact bytes sent
 * @param typed the command as typed at a {@code redis-cli} prompt, or a description for bytes no
 *     client would type (malformed requests)
 */
public record Request(byte[] bytes, String typed) {

    /**
     * A RESP request: a multibulk of bulk strings, as {@code redis-cli} and every client library
     * send commands. Arguments are Latin-1, so any byte 0–255 can be written as a char.
     *
     * <pre>  *&lt;argc&gt;\r\n  then per argument  $&lt;len&gt;\r\n &lt;bytes&gt; \r\n</pre>
     *
     * Redis: {@code networking.c}, {@code processMultibulkBuffer}.
     */
    public static Request resp(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(("*" + args.length + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
        for (String arg : args) {
            byte[] b = arg.getBytes(StandardCharsets.ISO_8859_1);
            out.writeBytes(("$" + b.length + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
            out.writeBytes(b);
            out.writeBytes(new byte[] {'\r', '\n'});
        }
        return new Request(out.toByteArray(), typedForm(List.of(args)));
    }

    /**
     * An inline command: one line of text ending in {@code \r\n}, as typed into {@code nc} or
     * {@code telnet}. Redis: {@code networking.c}, {@code processInlineBuffer}.
     *
     * @param line the line without its line ending
     */
    public static Request inline(String line) {
        return new Request((line + "\r\n").getBytes(StandardCharsets.ISO_8859_1), line + "   (inline, as typed into nc)");
    }

    /**
     * Bytes no client would type, e.g. a malformed header.
     *
     * @param bytes Latin-1 text of the exact bytes
     * @param description what they are, for failure messages
     */
    public static Request raw(String bytes, String description) {
        return new Request(bytes.getBytes(StandardCharsets.ISO_8859_1), description);
    }

    /**
     * The command as {@code redis-cli} would show it: plain words bare, anything else in double
     * quotes with {@code \r}, {@code \n}, {@code \"}, {@code \\} and {@code \xHH} escapes.
     */
    static String typedForm(List<String> args) {
        StringBuilder sb = new StringBuilder();
        for (String arg : args) {
            if (sb.length() > 0) {
                sb.append(' ');
            }
            boolean plain = !arg.isEmpty() && arg.chars().allMatch(c -> c > ' ' && c < 127 && c != '"' && c != '\'' && c != '\\');
            sb.append(plain ? arg : Wire.quote(arg.getBytes(StandardCharsets.ISO_8859_1), Integer.MAX_VALUE));
        }
        return sb.toString();
    }
}
