package dev.redisfromscratch.lists;

import dev.redisfromscratch.command.ErrorReplies;
import dev.redisfromscratch.protocol.RedisError;
import java.nio.charset.StandardCharsets;

/**
 * An end of a list: {@code LEFT} is the head (LPUSH, LPOP, index 0), {@code RIGHT} the tail
 * (RPUSH, RPOP, index -1). LMOVE, BLMOVE and LMPOP name them in their arguments.
 *
 * <p>Redis: {@code server.h}, {@code LIST_HEAD} and {@code LIST_TAIL}; {@code t_list.c},
 * {@code getListPositionFromObjectOrReply}.
 */
public enum ListEnd {
    /** The head. */
    LEFT,
    /** The tail. */
    RIGHT;

    /**
     * Reads {@code LEFT} or {@code RIGHT}, in any case.
     *
     * @param argument the command's argument
     * @return the end it names
     * @throws RedisError {@code ERR syntax error} for anything else
     */
    public static ListEnd parse(byte[] argument) {
        String text = new String(argument, StandardCharsets.ISO_8859_1);
        if (text.equalsIgnoreCase("left")) {
            return LEFT;
        }
        if (text.equalsIgnoreCase("right")) {
            return RIGHT;
        }
        throw new RedisError(ErrorReplies.SYNTAX);
    }

    /** @return the name as a command argument: {@code LEFT} or {@code RIGHT} */
    public byte[] argument() {
        return name().getBytes(StandardCharsets.US_ASCII);
    }
}
