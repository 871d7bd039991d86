package dev.redisfromscratch.protocol;

import java.util.List;

/**
 * Takes one complete request off the front of a {@link QueryBuffer}.
 *
 * <p>Lab 1 frames inline commands ({@link InlineFramer}); lab 3 adds RESP multibulk requests. Both
 * follow the same contract, which is what lets the request loop stay the same in every lab. Each
 * client has its own framer, so a framer may remember between calls where it is in a request.
 *
 * <ul>
 *   <li>a complete request: its arguments are returned and its bytes are skipped;
 *   <li>an incomplete one: {@code null} is returned ("need more"). A stateless framer such as
 *       {@link InlineFramer} skips nothing; a stateful one may consume the parts it has read and
 *       keep them (lab 3's decoder takes whole headers and arguments as they arrive);
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
