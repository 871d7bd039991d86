package dev.redisfromscratch.command;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Redis's error texts, in one place, so that every lab replies with exactly the same bytes.
 * Each constant or method gives the text after the leading {@code -}.
 *
 * <p>Redis: {@code server.c} ({@code createSharedObjects}, {@code commandCheckExistence},
 * {@code commandCheckArity}) and {@code object.c} ({@code getLongLongFromObjectOrReply}).
 */
public final class ErrorReplies {
    /** Options that do not fit together, or an option Redis does not know. */
    public static final String SYNTAX = "ERR syntax error";
    /** An argument that should be a 64-bit integer and is not. */
    public static final String NOT_AN_INTEGER = "ERR value is not an integer or out of range";

    /** How much of the name and of the arguments an unknown-command error quotes. */
    private static final int QUOTE_LIMIT = 128;

    private ErrorReplies() {
    }

    /**
     * {@code ERR unknown command 'NAME', with args beginning with: 'a' 'b' }.
     *
     * <p>The name appears as sent (case kept), cut at 128 bytes. Arguments are quoted, each
     * followed by one space, until 128 bytes of them have been written. CR and LF become spaces
     * when the reply is written ({@link dev.redisfromscratch.protocol.ReplyWriter#error}).
     *
     * <p>Redis: {@code server.c}, {@code commandCheckExistence}.
     *
     * @param args the whole request, the command name first
     */
    public static String unknownCommand(List<byte[]> args) {
        StringBuilder quoted = new StringBuilder();
        int quotedBytes = 0;
        for (int i = 1; i < args.size() && quotedBytes < QUOTE_LIMIT; i++) {
            byte[] arg = args.get(i);
            int take = Math.min(cStringLength(arg), QUOTE_LIMIT - quotedBytes);
            quoted.append('\'').append(text(arg, take)).append("' ");
            quotedBytes += take + 3;
        }
        byte[] name = args.get(0);
        return "ERR unknown command '" + text(name, Math.min(cStringLength(name), QUOTE_LIMIT))
                + "', with args beginning with: " + quoted;
    }

    /**
     * {@code ERR unknown subcommand 'FOO'. Try CONFIG HELP.}: a container command called with a
     * subcommand it does not have. The subcommand is quoted as sent, cut at 128 bytes; the container
     * is named in upper case.
     *
     * <p>Redis: {@code server.c}, {@code commandCheckExistence}.
     *
     * @param args the whole request: the container's name, then the unknown subcommand
     */
    public static String unknownSubcommand(List<byte[]> args) {
        byte[] sub = args.get(1);
        return "ERR unknown subcommand '" + text(sub, Math.min(cStringLength(sub), QUOTE_LIMIT)) + "'. Try "
                + text(args.get(0), args.get(0).length).toUpperCase(java.util.Locale.ROOT) + " HELP.";
    }

    /**
     * {@code ERR wrong number of arguments for 'get' command}; the name is in lower case, and a
     * subcommand is written {@code config|get}.
     *
     * <p>Redis: {@code server.c}, {@code processCommand} (arity check).
     */
    public static String wrongArity(String fullName) {
        return "ERR wrong number of arguments for '" + fullName + "' command";
    }

    /** The length up to the first NUL, as C's {@code %s} prints. */
    private static int cStringLength(byte[] bytes) {
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == 0) {
                return i;
            }
        }
        return bytes.length;
    }

    /** Bytes as text, one char per byte, which {@code ReplyWriter} writes back byte for byte. */
    private static String text(byte[] bytes, int len) {
        return new String(bytes, 0, len, StandardCharsets.ISO_8859_1);
    }
}
