package dev.redisfromscratch.replication;

/**
 * {@code INFO stats}' replication counters: full resyncs served, partial resyncs accepted, and
 * partial resyncs refused (a {@code PSYNC} naming a history, answered with a full resync; a
 * {@code PSYNC ? -1} is not counted as refused). {@code CONFIG RESETSTAT} zeroes them.
 *
 * <p>Redis: {@code server.h}, {@code stat_sync_full}, {@code stat_sync_partial_ok},
 * {@code stat_sync_partial_err}; {@code replication.c}, {@code syncCommand}.
 */
public final class SyncStats {
    private long full;
    private long partialOk;
    private long partialErr;

    /** @return full resyncs served ({@code sync_full}) */
    public long full() {
        return full;
    }

    /** @return partial resyncs accepted ({@code sync_partial_ok}) */
    public long partialOk() {
        return partialOk;
    }

    /** @return partial resyncs refused ({@code sync_partial_err}) */
    public long partialErr() {
        return partialErr;
    }

    void countFull() {
        full++;
    }

    void countPartialOk() {
        partialOk++;
    }

    void countPartialErr() {
        partialErr++;
    }

    /** Zeroes the counters ({@code CONFIG RESETSTAT}). */
    public void reset() {
        full = 0;
        partialOk = 0;
        partialErr = 0;
    }
}
