package dev.redisfromscratch.resp;

/**
 * Prints a reply the way {@code redis-cli} does on a terminal:
 *
 * <pre>
 *   +OK             OK
 *   -ERR oops       (error) ERR oops
 *   :1              (integer) 1
 *   $5 hello        "hello"          (quoted; \n, \r, \t, \", \\ and \xHH escapes)
 *   $-1, *-1        (nil)
 *   *0              (empty array)
 *   *2 a b          1) "a"
 *                   2) "b"           (nested arrays indent under their number)
 * </pre>
 *
 * <p>Redis: {@code redis-cli.c}, {@code cliFormatReplyTTY}; quoting as {@code sds.c},
 * {@code sdscatrepr}.
 */
public final class ReplyFormatter {
    private ReplyFormatter() {
    }

    /** @return the reply as {@code redis-cli} prints it, without a final newline */
    public static String format(RespValue reply) {
        StringBuilder out = new StringBuilder();
        format(reply, "", out);
        if (out.length() > 0 && out.charAt(out.length() - 1) == '\n') {
            out.setLength(out.length() - 1);
        }
        return out.toString();
    }

    private static void format(RespValue reply, String indent, StringBuilder out) {
        // Java 17 has no pattern matching in switch yet, hence the instanceof chain.
        if (reply instanceof SimpleString s) {
            out.append(s.text()).append('\n');
        } else if (reply instanceof SimpleError e) {
            out.append("(error) ").append(e.message()).append('\n');
        } else if (reply instanceof RespInteger i) {
            out.append("(integer) ").append(i.value()).append('\n');
        } else if (reply instanceof BulkString b) {
            out.append(RespText.quote(b.bytes())).append('\n');
        } else if (reply instanceof RespArray a) {
            formatArray(a, indent, out);
        } else { // NullBulkString, NullArray
            out.append("(nil)\n");
        }
    }

    private static void formatArray(RespArray array, String indent, StringBuilder out) {
        if (array.size() == 0) {
            out.append("(empty array)\n");
            return;
        }
        int width = Integer.toString(array.size()).length();
        String childIndent = indent + " ".repeat(width + 2); // under "N) "
        for (int i = 0; i < array.size(); i++) {
            if (i > 0) {
                out.append(indent);
            }
            out.append(String.format("%" + width + "d) ", i + 1));
            format(array.get(i), childIndent, out);
        }
    }
}
