package dev.redisfromscratch.protocol;

import java.util.List;

/**
 * Takes one complete request off the front of a {@link QueryBuffer}.
 *
 * <p>Lab 1 frames inline commands ({@link InlineFramer}); lab 3 adds RESP multibulk requests. Both
 * follow the same contract, which is what lets the server loop stay the same in every lab:
 *
 * <ul>
 *   <li>a complete request: its arguments are returned and its bytes are skipped;
 *   <li>an incomplete one: {@code null} is returned and nothing is skipped ("need more");
 *   <li>a request Redis ignores (an empty line, {@code *0}): an empty list, its bytes skipped;
 *   <li>bad input: {@link ProtocolException} with Redis's text.
 * </ul>
 *
 * <p>Redis: {@code networking.c}, {@code processInputBuffer}.
 */
@FunctionalInterface
public interface RequestFramer {
    /**
     * @param in the unread bytes of one client
     * @return the arguments (command name first), an empty list for a request to ignore, or
     *     {@code null} if more bytes are needed
     * @throws ProtocolException if the bytes can never form a valid request
     */
    List<byte[]> next(QueryBuffer in) throws ProtocolException;
}
