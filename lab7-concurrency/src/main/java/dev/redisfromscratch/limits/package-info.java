/**
 * Limits and backpressure: what keeps one client from taking the server's memory or its file
 * descriptors, on whichever transport serves the clients.
 *
 * <pre>
 *   maxclients                  accept      one more client → -ERR max number of clients reached, closed
 *   client-query-buffer-limit   after read  query buffer over it → closed, nothing it sent runs
 *   client-output-buffer-limit  after reply, PUBLISH, cron
 *                                           pending output over its class's hard limit, or over the
 *                                           soft limit for longer than its seconds → closed
 *   timeout                     cron        idle (not blocked, not subscribed) longer → closed
 * </pre>
 *
 * <p>{@code maxclients} and {@code timeout} are lab 5's ({@code clients.ClientRegistry}); the
 * output buffer limits' classes and log lines are lab 5's {@code clients.OutputBufferLimit}. This
 * package adds the query buffer limit and the check after every reply, and {@link ClientLimits}
 * wires them into the server.
 *
 * <p>Redis: {@code networking.c} ({@code readQueryFromClient},
 * {@code closeClientOnOutputBufferLimitReached}, {@code getClientOutputBufferMemoryUsage},
 * {@code acceptCommonHandler}); {@code timeout.c} ({@code clientsCronHandleTimeout});
 * {@code config.c}.
 */
package dev.redisfromscratch.limits;
