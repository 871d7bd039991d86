package dev.redisfromscratch.protocol;

import java.util.Arrays;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits one inline command line into arguments with Redis's shell-like quoting rules.
 *
 * <ul>
 *   <li>Arguments are separated by white space: {@code SET k v} is three arguments.
 *   <li>Double quotes group and understand escapes: {@code "a b\tc"}, {@code "\x41"} (a hex byte),
 *       {@code \n \r \t \b \a}, and a backslash before any other character yields that character.
 *   <li>Single quotes are literal, except {@code \'}: {@code 'it\'s'}.
 *   <li>A quote may open in the middle of an argument: {@code a"b c"} is {@code ab c}.
 *   <li>A closing quote must be followed by white space or the end of the line.
 *   <li>A NUL byte ends the line, as it ends a C string.
 * </ul>
 *
 * <p>Errors: a quote that is never closed, or a closing quote followed by something other than white
 * space, throws {@link ProtocolException} {@code "unbalanced quotes in request"}.
 *
 * <p>Redis: {@code sds.c}, {@code sdssplitargs}.
 */
public final class InlineTokenizer {
    private InlineTokenizer() {
    }

    /**
     * @param line the bytes holding the line
     * @param from first byte of the line (inclusive)
     * @param to end of the line (exclusive), without its {@code \r\n}
     * @return the arguments, possibly none (a blank line)
     * @throws ProtocolException for unbalanced quotes
     */
    public static List<byte[]> split(byte[] line, int from, int to) throws ProtocolException {
        List<byte[]> args = new ArrayList<>();
        Cursor p = new Cursor(line, from, to);
        while (true) {
            while (p.at() != 0 && isSpace(p.at())) { // skip blanks
                p.advance();
            }
            if (p.at() == 0) {
                return args;
            }
            args.add(nextToken(p));
        }
    }

    /** Reads one argument starting at a non-blank byte. */
    private static byte[] nextToken(Cursor p) throws ProtocolException {
        Token current = new Token();
        boolean inDouble = false;
        boolean inSingle = false;
        boolean done = false;
        while (!done) {
            int c = p.at();
            if (inDouble) {
                if (c == '\\' && p.ahead(1) == 'x' && isHex(p.ahead(2)) && isHex(p.ahead(3))) {
                    current.write(hexValue(p.ahead(2)) * 16 + hexValue(p.ahead(3)));
                    p.advance(3);
                } else if (c == '\\' && p.ahead(1) != 0) {
                    p.advance();
                    current.write(unescape(p.at()));
                } else if (c == '"') {
                    if (p.ahead(1) != 0 && !isSpace(p.ahead(1))) {
                        throw unbalanced();
                    }
                    done = true;
                } else if (c == 0) {
                    throw unbalanced(); // the line ended inside "..."
                } else {
                    current.write(c);
                }
            } else if (inSingle) {
                if (c == '\\' && p.ahead(1) == '\'') {
                    p.advance();
                    current.write('\'');
                } else if (c == '\'') {
                    if (p.ahead(1) != 0 && !isSpace(p.ahead(1))) {
                        throw unbalanced();
                    }
                    done = true;
                } else if (c == 0) {
                    throw unbalanced(); // the line ended inside '...'
                } else {
                    current.write(c);
                }
            } else {
                switch (c) {
                    case ' ', '\n', '\r', '\t', 0 -> done = true;
                    case '"' -> inDouble = true;
                    case '\'' -> inSingle = true;
                    default -> current.write(c);
                }
            }
            if (p.at() != 0) {
                p.advance();
            }
        }
        return current.toByteArray();
    }

    private static ProtocolException unbalanced() {
        return new ProtocolException("unbalanced quotes in request");
    }

    private static int unescape(int c) {
        return switch (c) {
            case 'n' -> '\n';
            case 'r' -> '\r';
            case 't' -> '\t';
            case 'b' -> '\b';
            case 'a' -> 7; // BEL
            default -> c;
        };
    }

    /** C's {@code isspace}: space, \t, \n, \v, \f, \r. */
    private static boolean isSpace(int c) {
        return c == ' ' || (c >= '\t' && c <= '\r');
    }

    private static boolean isHex(int c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }

    private static int hexValue(int c) {
        return Character.digit(c, 16);
    }

    /** The bytes of the argument being read: a growable array (unsynchronised, unlike ByteArrayOutputStream). */
    private static final class Token {
        private byte[] bytes = new byte[16];
        private int size;

        void write(int b) {
            if (size == bytes.length) {
                bytes = Arrays.copyOf(bytes, size * 2);
            }
            bytes[size++] = (byte) b;
        }

        byte[] toByteArray() {
            return Arrays.copyOf(bytes, size);
        }
    }

    /** A read position over the line that answers 0 past its end, as a C string would. */
    private static final class Cursor {
        private final byte[] bytes;
        private final int end;
        private int pos;

        Cursor(byte[] bytes, int from, int to) {
            this.bytes = bytes;
            this.pos = from;
            this.end = to;
        }

        int at() {
            return ahead(0);
        }

        int ahead(int n) {
            // Once a NUL has been seen, everything after it is the end of the string too.
            for (int i = pos; i < pos + n && i < end; i++) {
                if (bytes[i] == 0) {
                    return 0;
                }
            }
            int i = pos + n;
            return i < end ? bytes[i] & 0xFF : 0;
        }

        void advance() {
            pos++;
        }

        void advance(int n) {
            pos += n;
        }
    }
}
