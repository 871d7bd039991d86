package dev.redisfromscratch.testkit.blackbox;

/** Shows wire bytes to people: every byte visible, {@code \r\n} as the four characters. */
public final class Wire {
    private Wire() {}

    /**
     * Quotes bytes as a double-quoted string with C-style escapes ({@code \r}, {@code \n},
     * {@code \t}, {@code \0}, {@code \"}, {@code \\}, {@code \xHH}), keeping at most {@code max}
     * bytes from each end of long input with the count of those left out in between.
     *
     * @param bytes the bytes
     * @param max how many bytes to show from the start and from the end before eliding
     */
    public static String quote(byte[] bytes, int max) {
        StringBuilder sb = new StringBuilder("\"");
        if (bytes.length <= 2L * max) {
            append(sb, bytes, 0, bytes.length);
        } else {
            append(sb, bytes, 0, max);
            sb.append("\"...(").append(bytes.length - 2 * max).append(" more bytes)...\"");
            append(sb, bytes, bytes.length - max, bytes.length);
        }
        return sb.append('"').toString();
    }

    /** Quotes all bytes of a short string, see {@link #quote(byte[], int)}. */
    public static String quote(byte[] bytes) {
        return quote(bytes, 120);
    }

    /** One byte as a person reads it: {@code 'x' (0x78)}, or {@code end of data}. */
    static String describeByte(int b) {
        if (b < 0) {
            return "end of data";
        }
        return quote(new byte[] {(byte) b}).replace('"', '\'') + String.format(" (0x%02x)", b);
    }

    private static void append(StringBuilder sb, byte[] bytes, int from, int to) {
        for (int i = from; i < to; i++) {
            int b = bytes[i] & 0xff;
            switch (b) {
                case '\r': sb.append("\\r"); break;
                case '\n': sb.append("\\n"); break;
                case '\t': sb.append("\\t"); break;
                case 0: sb.append("\\0"); break;
                case '"': sb.append("\\\""); break;
                case '\\': sb.append("\\\\"); break;
                default:
                    if (b >= 32 && b < 127) {
                        sb.append((char) b);
                    } else {
                        sb.append(String.format("\\x%02x", b));
                    }
            }
        }
    }
}
