package dev.redisfromscratch.bench;

import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Counts the bytes a benchmark has processed, so JMH reports bytes per second next to operations
 * per second: a secondary result named {@code bytes}, in "ops/s" that are really B/s (divide by
 * 10^6 for MB/s). A benchmark method takes this state as a parameter and calls {@link #add}.
 *
 * <p>JMH: {@code JMHSample_23_AuxCounters}. Counters must be public fields and only make sense in
 * throughput mode; JMH resets them before each iteration, the setup below clears them too.
 */
@State(Scope.Thread)
@AuxCounters(AuxCounters.Type.OPERATIONS)
public class ByteCounter {
    /** Bytes processed in this iteration (reported as a rate). */
    public long bytes;

    @Setup(Level.Iteration)
    public void clear() {
        bytes = 0;
    }

    /** Counts {@code n} more bytes. */
    public void add(int n) {
        bytes += n;
    }
}
