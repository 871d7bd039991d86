package dev.redisfromscratch.resp;

/** Small text helpers shared by the value types: line checks and byte quoting. */
final class RespText {
    private RespText() {
    }

    /**
     * Checks that {@code text} can be one RESP line, one byte per char.
     *
     * @param what the kind of value, for the exception message
     * @throws IllegalArgumentException for CR, LF, or a char above {@code \u00FF}
     * @throws NullPointerException if {@code text} is null
     */
    static void requireOneLine(String text, String what) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\r' || c == '\n' || c > 0xFF) {
                throw new IllegalArgumentException(
                        what + " must be one line of bytes, but has char " + (int) c + " at " + i);
            }
        }
    }

    /**
     * Quotes bytes like redis-cli's {@code sdscatrepr}: printable ASCII as is, {@code \\} and
     * {@code \"} escaped, {@code \n \r \t \a \b} by name, anything else as {@code \xHH}.
     */
    static String quote(byte[] bytes) {
        StringBuilder out = new StringBuilder(bytes.length + 2).append('"');
        for (byte b : bytes) {
            int c = b & 0xFF;
            switch (c) {
                case '\\' -> out.append("\\\\");
                case '"' -> out.append("\\\"");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case 7 -> out.append("\\a");
                case '\b' -> out.append("\\b");
                default -> {
                    if (c >= 0x20 && c < 0x7F) {
                        out.append((char) c);
                    } else {
                        out.append(String.format("\\x%02x", c));
                    }
                }
            }
        }
        return out.append('"').toString();
    }
}
