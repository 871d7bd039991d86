package dev.redisfromscratch.resp;

import dev.redisfromscratch.protocol.Numbers;
import dev.redisfromscratch.protocol.ProtocolException;

/**
 * Reads the decimal numbers in RESP headers ({@code *<count>}, {@code $<len>}, {@code :<n>})
 * straight from the buffer's bytes: no String, no allocation.
 *
 * <p>The rules are lab 1's {@link Numbers#string2ll}, here with the protocol error each header
 * gets. Redis: {@code util.c}, {@code string2ll}.
 */
final class RespNumbers {
    private RespNumbers() {
    }

    /**
     * Parses {@code bytes[from..to)} as a strict decimal long.
     *
     * @param error the {@link ProtocolException} message to throw if the text is not a number
     * @return the value
     * @throws ProtocolException with {@code error} if the bytes are not a number by the rules above
     */
    static long parse(byte[] bytes, int from, int to, String error) throws ProtocolException {
        try {
            return Numbers.string2ll(bytes, from, to);
        } catch (Numbers.NotANumber e) {
            throw new ProtocolException(error);
        }
    }
}
