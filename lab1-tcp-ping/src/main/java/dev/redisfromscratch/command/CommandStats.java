package dev.redisfromscratch.command;

/**
 * One command's counters since the server started, as {@code INFO commandstats} reports them
 * ({@code cmdstat_get:calls=2,usec=15,usec_per_call=7.50,rejected_calls=0,failed_calls=0}).
 *
 * <ul>
 *   <li>calls and microseconds: counted by the pipeline's {@code call()} around the handler;
 *   <li>rejected calls: refused before running (wrong arity);
 *   <li>failed calls: ran and answered with an error, raised as a
 *       {@link dev.redisfromscratch.protocol.RedisError} or written by the handler itself.
 * </ul>
 * Updated on the thread that runs commands; read by INFO on the same thread.
 *
 * <p>Redis: {@code server.h}, {@code redisCommand.calls}, {@code microseconds},
 * {@code rejected_calls}, {@code failed_calls}; {@code server.c}, {@code call}.
 */
public final class CommandStats {
    private long calls;
    private long nanos;
    private long rejectedCalls;
    private long failedCalls;

    void recordCall(long elapsedNanos, boolean failed) {
        calls++;
        nanos += elapsedNanos;
        if (failed) {
            failedCalls++;
        }
    }

    void recordRejected() {
        rejectedCalls++;
    }

    void reset() {
        calls = 0;
        nanos = 0;
        rejectedCalls = 0;
        failedCalls = 0;
    }

    /** @return how many times the command ran */
    public long calls() {
        return calls;
    }

    /** @return the time spent in the command, in microseconds */
    public long microseconds() {
        return nanos / 1000;
    }

    /** @return how many calls were refused before running (arity) */
    public long rejectedCalls() {
        return rejectedCalls;
    }

    /** @return how many calls ran and answered with an error */
    public long failedCalls() {
        return failedCalls;
    }
}
